import { randomUUID } from 'node:crypto';
import { ACTORS } from './actors';
import type { FixtureContext, VerbFixture } from './verbFixtures';

const MATS = ACTORS.member.entry!;
const HEADER = 'aadObjectId;name;email;partyId;bodies;roles';

/** Someone new to the directory: a fresh id and e-mail every time, so no press finds them already there. */
function stranger(): { aadObjectId: string; name: string; email: string } {
  const aadObjectId = randomUUID();
  return { aadObjectId, name: 'Nora Nyberg', email: `nora.${aadObjectId.slice(0, 8)}@example.se` };
}

/** A preview of a CSV import that adds one person; returns its id. */
async function importPreview(ctx: FixtureContext): Promise<string> {
  const nora = stranger();
  const text = [HEADER, `${nora.aadObjectId};${nora.name};${nora.email};sandviken;utskott-vuxna;member`].join('\n');
  const res = await ctx.press('secretariat', 'member.import', { format: 'csv', mode: 'merge', text });
  const importId = /"importId":"([0-9a-f-]{36})"/.exec(res.raw)?.[1];
  if (!importId) throw new Error(`no import preview: ${res.text}`);
  return importId;
}

/** A member the secretariat can remove, with the version of their entry the card was made for. */
async function removable(ctx: FixtureContext): Promise<{ aadObjectId: string; version: string }> {
  const directory = ctx.app.bot.app.deps.directory;
  const nora = stranger();
  await directory.putMember({ ...nora, partyId: 'sandviken', bodies: [], roles: ['member'], source: 'admin' });
  return { aadObjectId: nora.aadObjectId, version: (await directory.member(nora.aadObjectId))!._etag };
}

const NO_SUCH_MEMBER = /det finns ingen medlem med det id:t/;
const MEMBER_FORM = /Ny medlem|Ändra /;

/** The directory administration (the secretariat's `medlem` card and its import, export and roster). */
export const DIRECTORY_FIXTURES: VerbFixture[] = [
  { verb: 'member.menu', payload: () => Promise.resolve({}), allowed: /Katalogen har \d+ medlemmar/ },
  { verb: 'member.find', payload: () => Promise.resolve({ query: 'Mats' }), allowed: /Träffar för "Mats"/ },
  // An unknown id opens the form for a new member with it filled in (the roster's "add" buttons do that).
  { verb: 'member.form', payload: () => Promise.resolve({ aadObjectId: MATS.aadObjectId }), allowed: /Ändra Mats Medlem/ },
  {
    verb: 'member.save',
    payload: () => Promise.resolve({ ...stranger(), partyId: 'sandviken', bodies: '', roles: 'member', version: '' }),
    allowed: /Nora Nyberg har lagts till/,
    rejection: MEMBER_FORM,
    idFields: ['aadObjectId', 'partyId'],
    foreignIds: () => Promise.resolve({ aadObjectId: [MATS.aadObjectId], partyId: ['uppsala', 'lansledning'] }),
  },
  {
    verb: 'member.remove',
    payload: removable,
    allowed: /Nora Nyberg har tagits bort ur katalogen/,
    rejection: new RegExp(`${NO_SUCH_MEMBER.source}|${MEMBER_FORM.source}`),
    idFields: ['aadObjectId'],
    foreignIds: () => Promise.resolve({ aadObjectId: ['00000000-0000-4000-8000-00000000dead', MATS.aadObjectId] }),
  },
  { verb: 'member.importForm', payload: () => Promise.resolve({}), allowed: /Importera katalogen/ },
  {
    verb: 'member.import',
    payload: () => {
      const nora = stranger();
      return Promise.resolve({ format: 'csv', mode: 'merge', text: [HEADER, `${nora.aadObjectId};${nora.name};${nora.email};sandviken;utskott-vuxna;member`].join('\n') });
    },
    allowed: /1 läggs till · 0 ändras · 0 tas bort/,
  },
  {
    verb: 'member.importApply',
    payload: async (ctx) => ({ importId: await importPreview(ctx) }),
    allowed: /Importen verkställdes/,
    rejection: /förhandsgranskningen har gått ut/,
    idFields: ['importId'],
    foreignIds: () => Promise.resolve({ importId: [randomUUID()] }),
  },
  { verb: 'member.export', payload: () => Promise.resolve({}), allowed: /Varje länk fungerar en gång, i 15 minuter/ },
  {
    verb: 'member.roster',
    payload: () => Promise.resolve({ partyId: 'gavle' }),
    allowed: /Teamet för Gävle kommun jämfört med katalogen|Gävle kommun har ingen kopplad kanal/,
    rejection: /Välj en part vars team boten finns i|har ingen kopplad kanal/,
    idFields: ['partyId'],
    foreignIds: () => Promise.resolve({ partyId: ['uppsala', 'no-such-party'] }),
  },
];
