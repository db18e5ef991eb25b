import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { cardAction } from '../../support/activities';
import { actionData, cardText, invokeCard } from '../../support/cards';
import { MEMBER_GAVLE, SECRETARY } from '../../support/members';
import { startTestApp, type TestApp } from '../../support/testApp';
import { deliveryTickedByTest, install, received, tick } from '../../support/chat';

describe('revisions of the agreement per party: "reviderades och godkändes av Länsledning Valfärd"', () => {
  let bot: TestApp;
  let clock: ManualClock;
  const place = () => ({ serviceUrl: bot.connector.serviceUrl });
  const press = async (user: typeof SECRETARY.user, verb: string, data: object) => invokeCard((await bot.post(cardAction(user, place(), verb, data))).body);

  beforeEach(async () => {
    clock = new ManualClock('2026-02-27T10:00:00+01:00');
    bot = await startTestApp({ members: [SECRETARY.entry, MEMBER_GAVLE.entry], delivery: deliveryTickedByTest(), clock });
    await install(bot, SECRETARY.user, MEMBER_GAVLE.user);
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('tracks who approved a revision for each party and when it signed, counting the eleven with HUFB apart, and reminds the secretariat of those that have not signed', async () => {
    const form = await press(SECRETARY.user, 'revision.form', {});
    const { formId } = actionData(form, 'revision.create') as { formId: string };
    const refused = await press(SECRETARY.user, 'revision.create', { formId, title: 'Revision februari 2026', approvedOn: '2026-03-30' });
    assert.match(cardText(refused), /Inget har sparats[\s\S]*Revision februari 2026/);
    const created = await press(SECRETARY.user, 'revision.create', { formId, title: 'Revision februari 2026', approvedOn: '2026-02-27' });
    const again = await press(SECRETARY.user, 'revision.create', { formId, title: 'Revision februari 2026', approvedOn: '2026-02-27' });
    assert.equal(cardText(again), cardText(created), 'a second press records nothing new');
    assert.match(cardText(created), /Undertecknad: 0 av 11 parter · Hälsinglands Utbildningsförbund: inte undertecknad\./);

    const { revisionId } = actionData(created, 'revision.party') as { revisionId: string };
    const noBy = await press(SECRETARY.user, 'revision.party', { revisionId, partyId: 'gavle', approvedBy: '', signedOn: '2026-03-20' });
    assert.match(cardText(noBy), /Skriv vem som godkände revisionen för parten/);
    clock.set('2026-03-21T10:00:00Z');
    const gavle = await press(SECRETARY.user, 'revision.party', { revisionId, partyId: 'gavle', approvedBy: 'Kommunfullmäktige 2026-03-12 § 45', signedOn: '2026-03-20' });
    assert.match(cardText(gavle), /Gävle kommun\nGodkänd av Kommunfullmäktige 2026-03-12 § 45; undertecknad 20 mars 2026/);
    assert.match(cardText(gavle), /Undertecknad: 1 av 11 parter · Hälsinglands Utbildningsförbund: inte undertecknad\./);
    const member = await press(MEMBER_GAVLE.user, 'revision.status', { revisionId });
    assert.match(cardText(member), /Undertecknad: 1 av 11 parter/);
    assert.doesNotMatch(cardText(member), /För in för parten/, 'members see, the secretariat records');

    clock.set('2026-03-29T10:00:00Z');
    await tick(bot);
    const reminder = await received(bot, SECRETARY.user, /Revisionen "Revision februari 2026" är inte undertecknad av/);
    assert.match(reminder, /Bollnäs kommun/);
    assert.doesNotMatch(reminder, /Gävle kommun/);
  });
});
