import { strict as assert } from 'node:assert';
import { parseDirectory } from '../../../src/directory/directoryFile';
import { seedBodies, seedParties } from '../../../src/directory/seed';
import { withLocale } from '../../../scripts/playground/localeProxy';
import { directoryFile, PEOPLE, PERSON_KEYS, playgroundConfig, tabLink } from '../../../scripts/playground/roster';

describe('The Playground roster', () => {
  const known = { partyIds: new Set(seedParties().map((p) => p.id)), bodyIds: new Set(seedBodies().map((b) => b.id)) };

  it('is a directory file the bot accepts, with a secretariat member, a preparer and members of several parties', () => {
    const result = parseDirectory(directoryFile(), known);
    assert.ok(result.ok, result.ok ? '' : result.problems.join('\n'));
    const members = result.members;
    assert.ok(members.some((m) => m.roles.includes('secretariat')));
    assert.ok(members.some((m) => m.roles.includes('preparer')));
    assert.ok(new Set(members.filter((m) => m.bodies.includes('lansledning')).map((m) => m.partyId)).size >= 3);
  });

  it("links each person's tab on the bot's own server, as the directory person they are", () => {
    assert.equal(tabLink('http://127.0.0.1:41234/api/messages', 'anna'), `http://127.0.0.1:41234/tab/?user=${PEOPLE.anna.aadObjectId}`);
  });

  it("gives each person a Playground where they are signed in and the other five are the team (the Playground's rule)", () => {
    for (const key of PERSON_KEYS) {
      const config = playgroundConfig(key) as { currentUser: { aadObjectId: string }; users: { aadObjectId: string }[] };
      assert.equal(config.currentUser.aadObjectId, PEOPLE[key].aadObjectId);
      assert.equal(config.users.length, 5);
      assert.ok(!config.users.some((u) => u.aadObjectId === PEOPLE[key].aadObjectId));
    }
  });

  it('tells the bot the Swedish client language the Playground leaves out', () => {
    const activity = { type: 'message', locale: 'en-US', entities: [{ type: 'clientInfo', locale: 'en-US' }, { type: 'mention' }] };
    assert.deepEqual(withLocale(activity, 'sv-SE'), {
      type: 'message',
      locale: 'sv-SE',
      entities: [{ type: 'clientInfo', locale: 'sv-SE' }, { type: 'mention' }],
    });
  });
});
