import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { queryAll } from '../../../src/store/concurrency';
import type { Store } from '../../../src/store/types';
import { actionData } from '../../support/cards';
import { startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';
import { person, SECRETARY } from '../../support/members';
import { MeetingsBot } from '../meetings/meetingsHarness';

const ANNA = person('00000000-0000-4000-8000-000000000331', 'Anna Holm', 'gavle', ['lansledning'], ['member']);
const RUT = person('00000000-0000-4000-8000-000000000332', 'Rut Regionsson', 'region-gavleborg', ['lansledning'], ['member']);
const SONJA = person('00000000-0000-4000-8000-000000000333', 'Sonja Sandviken', 'sandviken', ['lansledning'], ['member']);

describe('the register of projects and working groups: "Projekt", "Arbetsgrupper och deltagare", "Projektgruppen och deltagare"', () => {
  let cosmos: MemoryCosmos;
  let store: Store;
  let bot: MeetingsBot;
  const entries = () => queryAll(store.containers.directory, 'projects', "c.type = 'project'");

  before(async () => {
    cosmos = await startMemoryCosmos();
    store = await cosmos.open();
    bot = await MeetingsBot.start({ members: [SECRETARY.entry, ANNA.entry, RUT.entry, SONJA.entry], clock: new ManualClock('2026-10-01T08:00:00Z'), store });
  });
  after(async () => {
    await bot.stopAll();
    await cosmos.close();
  });

  it('keeps a working group with its participants per party, tied to its arbetsgrupp body; a refused form keeps what was typed', async () => {
    const form = await bot.press(SECRETARY.user, 'project.form', {});
    const { formId } = actionData(form.card, 'project.save') as { formId: string };
    const typed = { formId, kind: 'working-group', name: 'SIP', purpose: 'Gemensam rutin.', participants: `${ANNA.entry.email}\nokand@example.se` };
    const refused = await bot.press(SECRETARY.user, 'project.save', typed);
    assert.match(refused.text, /Inget har sparats/);
    assert.match(refused.text, /Finns inte i katalogen: okand@example\.se/);
    assert.ok(JSON.stringify(refused.card).includes('Gemensam rutin.'), 'what was typed is kept');
    assert.equal((await entries()).length, 0);

    const data = { ...typed, participants: `${ANNA.entry.email}\n${RUT.entry.email.toUpperCase()}` };
    const saved = await bot.press(SECRETARY.user, 'project.save', data);
    await bot.press(SECRETARY.user, 'project.save', data);
    assert.equal((await entries()).length, 1, 'a second press stores no second entry');
    assert.match(saved.text, /SIP\nArbetsgrupp\nGemensam rutin\.\nGävle kommun: Anna Holm\nRegion Gävleborg: Rut Regionsson/);
    assert.match(saved.text, /Gruppen arbetsgrupp-sip finns inte i katalogen ännu/);
  });

  it("shows each party's members the entries their party takes part in, and nothing to another party", async () => {
    const anna = await bot.press(ANNA.user, 'project.list', {});
    assert.match(anna.text, /Projekt och arbetsgrupper där Gävle kommun deltar\nSIP/);
    assert.doesNotMatch(anna.text, /^Ändra$/m, 'members do not edit the register');
    const sonja = await bot.press(SONJA.user, 'project.list', {});
    assert.match(sonja.text, /Inga projekt eller arbetsgrupper i registret ännu/);
    const refused = await bot.press(ANNA.user, 'project.form', {});
    assert.match(refused.text, /inte behörighet/);
  });
});
