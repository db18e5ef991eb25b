import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import type { Store } from '../../../src/store/types';
import { queryAll } from '../../../src/store/concurrency';
import { actionData } from '../../support/cards';
import { intakeForm } from '../../support/caseForm';
import { startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';
import { person, PREPARER, SECRETARY } from '../../support/members';
import { MeetingsBot, meetingIdOn, octoberForm } from './meetingsHarness';

const ANNA = person('00000000-0000-4000-8000-000000000321', 'Anna Holm', 'gavle', ['lansledning'], ['member']);

describe('"Inför nästa möte": items from the parties to the next agenda, and the beredning\'s draft agenda', () => {
  const clock = new ManualClock('2026-10-01T08:00:00Z');
  let cosmos: MemoryCosmos;
  let store: Store;
  let bot: MeetingsBot;
  const items = () => queryAll(store.containers.meetings, 'agenda-items', "c.type = 'agenda-item'");

  before(async () => {
    cosmos = await startMemoryCosmos();
    store = await cosmos.open();
    bot = await MeetingsBot.start({ members: [SECRETARY.entry, ANNA.entry, PREPARER.entry], clock, store });
    await bot.install([SECRETARY.user, ANNA.user, PREPARER.user]);
    await bot.idle(meetingIdOn((await bot.press(SECRETARY.user, 'meeting.create', octoberForm())).card));
  });
  after(async () => {
    await bot.stopAll();
    await cosmos.close();
  });

  it('gives a member the form, returns a refused one with what was typed and the problem beside the field, and stores nothing', async () => {
    const form = await bot.press(ANNA.user, 'agenda.proposeForm', { bodyId: 'lansledning' });
    assert.match(form.text, /Inför nästa möte/);
    const { formId } = actionData(form.card, 'agenda.propose') as { formId: string };
    const refused = await bot.press(ANNA.user, 'agenda.propose', { formId, bodyId: 'lansledning', title: '', text: 'Rutinen behöver ses över.', isCase: 'true' });
    assert.match(refused.text, /Inget har sparats/);
    assert.match(refused.text, /Skriv vad punkten gäller\./);
    assert.ok(JSON.stringify(refused.card).includes('Rutinen behöver ses över.'), 'what was typed is kept');
    assert.equal((await items()).length, 0);
  });

  it('puts the item on the draft agenda for the body\'s next meeting, once however often it is pressed', async () => {
    const form = await bot.press(ANNA.user, 'agenda.proposeForm', { bodyId: 'lansledning' });
    const { formId } = actionData(form.card, 'agenda.propose') as { formId: string };
    const data = { formId, bodyId: 'lansledning', title: 'Gemensam rutin för SIP', text: 'Rutinen behöver ses över.', isCase: 'true' };
    const [first, second] = [await bot.press(ANNA.user, 'agenda.propose', data), await bot.press(ANNA.user, 'agenda.propose', data)];
    assert.match(first.text, /Tack\. "Gemensam rutin för SIP" ligger på utkastet till dagordning för Länsledning Välfärds möte fredag 30 oktober 2026 kl\. 09\.00\./);
    assert.match(first.text, /också på beredningsorganets utkast/);
    assert.equal(second.text, first.text, 'a second press answers the same');
    assert.equal((await items()).length, 1, 'and stores nothing new');

    const draft = await bot.press(SECRETARY.user, 'agenda.draft', { bodyId: 'lansledning' });
    assert.match(draft.text, /Utkast till dagordning – Länsledning Välfärd\nNästa möte: fredag 30 oktober 2026 kl\. 09\.00\./);
    assert.match(draft.text, /Gemensam rutin för SIP\nRutinen behöver ses över\.\nGävle kommun · Anna Holm/);
    const refused = await bot.press(ANNA.user, 'agenda.draft', { bodyId: 'lansledning' });
    assert.match(refused.text, /inte behörighet/);
  });

  it('lists on the beredning\'s draft agenda the items proposed as cases and the cases waiting for preparation', async () => {
    await bot.press(ANNA.user, 'case.submit', intakeForm({ title: 'Samordnad vård för äldre' }));
    const draft = await bot.press(PREPARER.user, 'agenda.draft', { bodyId: 'beredningsorgan' });
    assert.match(draft.text, /Förslag från parterna\nGemensam rutin för SIP[\s\S]*ärende \(föreslaget till Länsledning Välfärd\)/);
    assert.match(draft.text, /Öppna ärenden\nLV-2026-0001: Samordnad vård för äldre\nGävle kommun · inkommet/);
    assert.match(draft.text, /Beredningsorganet saknar enligt katalogen utbildning/, 'a body of one preparer falls short of the agreement');
    const told = () => bot.seenBy(SECRETARY.user, /Beredningsorganet saknar enligt katalogen/).length;
    for (const until = Date.now() + 15_000; told() === 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 50));
    assert.equal(told(), 1, 'the secretariat is told when a case arrives');
  });
});
