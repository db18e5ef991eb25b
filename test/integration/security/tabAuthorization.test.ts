import assert from 'node:assert/strict';
import { seedParties } from '../../../src/directory/seed';
import { seedCollaborationYear } from '../../support/collaborationData';
import { person } from '../../support/members';
import { startTestApp, type TestApp } from '../../support/testApp';
import { ACTORS, DIRECTORY_ENTRIES, ROLE_NAMES, type RoleName } from './actors';
import { TAB_MATRIX, type Outcome } from './authorizationMatrix';

/** Länsledning members of five parties beside the matrix's people, so every view has other parties' rows and people. */
const OTHERS = [
  person('5ec00000-0000-4000-8000-000000000101', 'Bodil Bollnäs', 'bollnas', ['lansledning'], ['member']),
  person('5ec00000-0000-4000-8000-000000000102', 'Olof Ockelbo', 'ockelbo', ['lansledning'], ['member']),
  person('5ec00000-0000-4000-8000-000000000103', 'Hanna Hudiksvall', 'hudiksvall', ['lansledning'], ['member']),
  person('5ec00000-0000-4000-8000-000000000104', 'Rolf Region', 'region-gavleborg', ['lansledning'], ['member']),
];
const PARTY_NAMES = new Map(seedParties().map((p) => [p.id, p.name]));
const PEOPLE = [ACTORS.chair.entry!, ACTORS.member.entry!, ...OTHERS.map((o) => o.entry)];

/**
 * What a person gets from a view of the tab, in the matrix's words: refused (not in the directory, or
 * not theirs), every party's rows and people, or only their own party's rows and the totals.
 */
function outcomeOf(role: RoleName, status: number, body: string): Outcome | 'error' {
  if (status === 403) return /notInDirectory/.test(body) ? 'unknown' : /forbidden/.test(body) ? 'forbidden' : 'error';
  if (status !== 200) return 'error';
  const own = ACTORS[role].entry!.partyId;
  const otherParties = [...PARTY_NAMES].filter(([id]) => id !== own).filter(([, name]) => body.includes(`>${name}<`));
  const otherPeople = PEOPLE.filter((p) => p.partyId !== own && body.includes(p.name));
  if (otherParties.length > 0 || otherPeople.length > 0) return 'allowed';
  return /Totalt/.test(body) ? 'ownParty' : 'error';
}

describe("authorization: the tab's views as every role, against the matrix in docs/security.md", () => {
  let app: TestApp;

  before(async function () {
    this.timeout(120_000);
    app = await startTestApp({ members: [...DIRECTORY_ENTRIES, ...OTHERS.map((o) => o.entry)] });
    await seedCollaborationYear(app.app.deps.store, { now: new Date(), members: PEOPLE, organizer: ACTORS.secretariat.entry!, meetings: 4, upcoming: 1, broadcasts: 3, remisser: 2, cases: 8 });
  });
  after(() => app.stop());

  for (const row of TAB_MATRIX) {
    it(`${row.verb}: ${row.rule}`, async () => {
      const section = row.verb.replace(/^tab:/, '');
      const seen: Record<string, Outcome | 'error'> = {};
      for (const role of ROLE_NAMES) {
        const res = await fetch(`${app.url}/tab/api/sections/${section}?user=${ACTORS[role].user.aadObjectId}`);
        const body = await res.text();
        seen[role] = outcomeOf(role, res.status, body);
        // Exports follow the same rule: a refused view's tables cannot be downloaded either.
        const exported = await fetch(`${app.url}/tab/api/export?user=${ACTORS[role].user.aadObjectId}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ section, table: section === 'cases' ? 'pipeline' : section === 'year' ? 'year-attendance' : section === 'meetings' ? 'upcoming' : 'x', format: 'csv' }),
        });
        if (res.status !== 200) assert.equal(exported.status, res.status, `${role} could export from ${section}`);
      }
      assert.deepEqual(seen, row.outcomes);
    });
  }
});
