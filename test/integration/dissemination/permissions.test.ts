import assert from 'node:assert/strict';
import { invokeCard, invokeText, cardText } from '../../support/cards';
import { MEMBER_GAVLE, PREPARER, SECRETARY } from '../../support/members';
import { recordingDelivery } from '../../support/recordingDelivery';
import { startTestApp, type TestApp } from '../../support/testApp';
import type { OutboxBatch } from '../../../src/delivery/types';
import { buttonData, installPersonal, managers, press } from './parties';

const ORG_CHANGE = { kind: 'orgChange', title: 'Ny organisation för socialtjänsten', text: 'Från 1 februari delas förvaltningen i två.' };
const DECISION = { kind: 'decision', title: 'Beslut om handlingsplan', text: 'Handlingsplanen är antagen.', audience: 'all', requiresAck: 'true' };

describe('who may send what', () => {
  const people = managers(1);
  let bot: TestApp;
  let record: { batches: OutboxBatch[]; jobs: unknown[] };
  const written = async () => (await bot.store.containers.dissemination.query('index', '')).items.length;

  beforeEach(async () => {
    record = { batches: [], jobs: [] };
    bot = await startTestApp({
      members: [SECRETARY.entry, MEMBER_GAVLE.entry, PREPARER.entry, ...people.map((p) => p.entry)],
      delivery: recordingDelivery(record),
    });
    await installPersonal(bot, people);
    // Jobs other features schedule at start (the yearly reminders) are not this test's concern.
    record.jobs.length = 0;
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('lets a member report an organisational change for their own party, which goes to every other party', async () => {
    const preview = invokeCard((await press(bot, MEMBER_GAVLE.user, 'broadcast.create', ORG_CHANGE)).body);
    const text = cardText(preview);
    assert.match(text, /Verksamhetsförändring/);
    assert.match(text, /Från Gävle kommun/);
    assert.match(text, /10 parter och Hälsinglands Utbildningsförbund:/, 'all parties but Gävle: ten, and the education federation apart');

    await press(bot, MEMBER_GAVLE.user, 'broadcast.confirm', buttonData(preview, 'broadcast.confirm'));
    const send = record.batches.find((b) => b.batchId === 'send')!;
    const gavleManager = people.find((p) => p.entry.partyId === 'gavle')!;
    assert.ok(!send.recipients.some((r) => r.kind === 'member' && r.aadObjectId === gavleManager.user.aadObjectId), 'not to the own party');
    assert.equal(send.recipients.length, 10);
  });

  const refused: [string, () => Promise<{ status: number; body: unknown }>, RegExp][] = [
    ['a decision from a member', () => press(bot, MEMBER_GAVLE.user, 'broadcast.create', DECISION), /inte behörighet/],
    ['information from a preparer', () => press(bot, PREPARER.user, 'broadcast.create', { ...DECISION, kind: 'information' }), /inte behörighet/],
    ['an organisational change for another party', () => press(bot, MEMBER_GAVLE.user, 'broadcast.create', { ...ORG_CHANGE, partyId: 'hofors' }), /inte behörighet/],
    ['an organisational change to chosen parties only', () => press(bot, MEMBER_GAVLE.user, 'broadcast.create', { ...ORG_CHANGE, audience: 'hofors' }), /alla andra parter/],
    ['a party that does not exist', () => press(bot, SECRETARY.user, 'broadcast.create', { ...DECISION, audience: 'gavle,atlantis' }), /\*\*Till vilka parter\*\*: Okänd part\./],
    ['a body that does not exist', () => press(bot, SECRETARY.user, 'broadcast.create', { ...DECISION, audienceBody: 'hemliga-gruppen' }), /Välj ett av alternativen/],
    ['an unknown kind', () => press(bot, SECRETARY.user, 'broadcast.create', { ...DECISION, kind: 'order' }), /\*\*Typ\*\*: Välj ett av alternativen/],
    ['a title that is not text', () => press(bot, SECRETARY.user, 'broadcast.create', { ...DECISION, title: { $ne: '' } }), /\*\*Rubrik\*\*: Det här kunde inte tas emot/],
    ['a link that is not a web address', () => press(bot, SECRETARY.user, 'broadcast.create', { ...DECISION, links: 'javascript:alert(1)' }), /webbadress som börjar med https/],
    ['a send time in the past', () => press(bot, SECRETARY.user, 'broadcast.create', { ...DECISION, sendAt: '2020-01-01T09:00' }), /redan passerat/],
    ['a remiss from a member', () => press(bot, MEMBER_GAVLE.user, 'remiss.create', { title: 'R', text: 'T', dueDate: '2099-01-01', parties: 'all' }), /inte behörighet/],
    ['a remiss with a date that has passed', () => press(bot, SECRETARY.user, 'remiss.create', { title: 'R', text: 'T', dueDate: '2020-01-01', parties: 'all' }), /\*\*Svara senast\*\*: Datumet har redan passerat/],
    ['a remiss with a malformed date', () => press(bot, SECRETARY.user, 'remiss.create', { title: 'R', text: 'T', dueDate: 'i morgon', parties: 'all' }), /\*\*Svara senast\*\*: Skriv ett datum, till exempel/],
    ['someone not in the directory', () => press(bot, { aadObjectId: 'stranger-1', name: 'Okänd' }, 'broadcast.create', ORG_CHANGE), /finns inte i katalogen/],
  ];
  for (const [what, attempt, expected] of refused) {
    it(`refuses ${what} with a clear card and writes nothing`, async () => {
      const res = await attempt();
      assert.equal(res.status, 200);
      assert.match(invokeText(res.body), expected);
      assert.match(invokeText(res.body), /Inget har sparats/);
      assert.doesNotMatch(invokeText(res.body), /\b(kind|title|links|dueDate|audienceBody|sendAt)\b/, 'no internal field name is shown');
      assert.equal(await written(), 0);
      assert.equal(record.batches.length, 0);
      assert.equal(record.jobs.length, 0);
    });
  }

  it('refuses a text with a personal identity number without echoing it, and writes nothing', async () => {
    const res = await press(bot, SECRETARY.user, 'broadcast.create', { ...DECISION, text: `Gäller ${personnummer()}.` });
    assert.match(invokeText(res.body), /personnummer/);
    assert.doesNotMatch(JSON.stringify(res.body), new RegExp(personnummer().slice(-4)));
    assert.equal(await written(), 0);
  });

  it("refuses to confirm, edit or cancel someone else's draft", async () => {
    const preview = invokeCard((await press(bot, SECRETARY.user, 'broadcast.create', DECISION)).body);
    const data = buttonData(preview, 'broadcast.confirm');
    for (const verb of ['broadcast.confirm', 'broadcast.edit', 'broadcast.cancel', 'broadcast.status']) {
      const res = await press(bot, MEMBER_GAVLE.user, verb, data);
      assert.match(invokeText(res.body), /inte behörighet/, verb);
    }
    assert.equal(record.batches.length, 0);
  });

  it('refuses a message too large for Teams, saying beside the text by about how much to shorten it, and keeps the text', async () => {
    const long = 'Långt beslut. '.repeat(2_500);
    const res = await press(bot, SECRETARY.user, 'broadcast.create', { ...DECISION, text: long });
    const text = invokeText(res.body);
    assert.match(text, /\*\*Text[^*]*\*\*: Texten gör meddelandet för stort för Teams\. Korta den med ungefär \d{1,2}\s\d{3} tecken/);
    assert.ok(text.includes(long.trim()), 'the text is kept in the form');
    assert.equal(await written(), 0);
  });
});

/** A generated personnummer with a valid check digit (never a real person's: the date is 1 Jan 1900). */
function personnummer(): string {
  const digits = '000101123';
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return `${digits.slice(0, 6)}-${digits.slice(6)}${(10 - (sum % 10)) % 10}`;
}
