import assert from 'node:assert/strict';
import { personalConversationId } from '../../support/activities';
import { cardText, cardsOf, invokeCard } from '../../support/cards';
import { FakeConnector } from '../../support/fakeConnector';
import { SECRETARY } from '../../support/members';
import { startTestApp, type TestApp } from '../../support/testApp';
import { ELEVEN_PARTY_IDS } from '../../../src/directory/seed';
import { buttonData, channelIdOf, installPersonal, linkChannels, managersInAll, press, type Person } from './parties';

const DECISION = {
  kind: 'decision',
  title: 'Gemensam rutin för samordnad individuell plan',
  text: 'Länsledning Välfärd har antagit rutinen. Den gäller från 1 januari.',
  audience: ELEVEN_PARTY_IDS.join(','),
  targets: 'both',
  requiresAck: 'true',
};

describe('a broadcast through the outbox to Teams, which enforces its rate limits @slow', function () {
  this.timeout(90_000);
  let teams: FakeConnector;
  let bot: TestApp;

  async function start(people: Person[]): Promise<void> {
    teams = await new FakeConnector({ enforceTeamsLimits: true }).start();
    bot = await startTestApp({ members: [SECRETARY.entry, ...people.map((p) => p.entry)], connector: teams });
    await installPersonal(bot, people);
    await linkChannels(bot, SECRETARY.user, ELEVEN_PARTY_IDS);
  }
  afterEach(async () => {
    await bot.stop();
    await teams.stop();
  });

  async function send(): Promise<string> {
    const preview = invokeCard((await press(bot, SECRETARY.user, 'broadcast.create', DECISION)).body);
    const confirm = buttonData(preview, 'broadcast.confirm');
    await press(bot, SECRETARY.user, 'broadcast.confirm', confirm);
    return String(confirm.broadcastId);
  }

  const secretaryChat = () => personalConversationId(SECRETARY.user);
  /** The status card as it reads now: the first one posted, with its latest in-place update. */
  const statusCard = () => {
    const updates = teams.updates(secretaryChat());
    const latest = updates.at(-1)?.body ?? teams.sent(secretaryChat()).at(-1);
    return latest ? cardText(cardsOf(latest)[0]) : '';
  };

  it('reaches 11 channels and 300 personal chats exactly once each, with at most one 429 per 100 messages', async () => {
    const people = managersInAll(300);
    await start(people);
    await send();
    const recipients = [...ELEVEN_PARTY_IDS.map(channelIdOf), ...people.map((p) => personalConversationId(p.user))];
    await teams.waitFor(() => recipients.every((id) => teams.sent(id).length > 0), 60_000, 'the broadcast in every conversation');
    await teams.waitFor(() => /Utskicket är klart/.test(statusCard()), 30_000, 'the status card saying it is done');

    const copies = recipients.map((id) => teams.sent(id).length);
    assert.equal(copies.filter((n) => n === 0).length, 0, 'nobody is left out');
    assert.equal(copies.filter((n) => n > 1).length, 0, 'nobody gets it twice');
    const messages = teams.calls.filter((c) => c.status < 300).length;
    assert.ok(teams.throttled <= Math.ceil(messages / 100), `${teams.throttled} answers 429 for ${messages} messages`);
    assert.match(statusCard(), /311 levererade · 0 misslyckade · 0 går inte att nå · 0 väntar/);
  });

  it('shows the secretariat how far a running send has come and the time left, on the status card', async () => {
    const people = managersInAll(44);
    await start(people);
    const chats = people.map((p) => personalConversationId(p.user));
    // Teams holds the personal chats back for a few seconds (429 with Retry-After), so the send is still under way.
    for (const id of chats) teams.failNext(id, 429, { retryAfterSec: 4 });
    await send();
    await teams.waitFor(
      () => /Klart för \d+ av 55 mottagare/.test(statusCard()) && /Cirka \d+ sekund(er)? kvar/.test(statusCard()),
      30_000,
      'the status card showing progress and the time left while the send runs',
    );
    assert.ok(chats.some((id) => teams.sent(id).length === 0), 'the send was still under way when the card said so');
    await teams.waitFor(() => /Utskicket är klart/.test(statusCard()), 60_000, 'the status card saying it is done');
    assert.ok(chats.every((id) => teams.sent(id).length === 1), 'then everyone got it once');
  });

  it('marks a recipient whose chat answers 403 as gone, shows it on the status card, and delivers to the rest', async () => {
    const people = managersInAll(22);
    const removed = people.find((p) => p.entry.partyId === 'ockelbo')!;
    await start(people);
    teams.setGone(personalConversationId(removed.user), 403);
    const broadcastId = await send();
    await teams.waitFor(() => /Utskicket är klart/.test(statusCard()), 30_000, 'the status card saying it is done');

    assert.match(statusCard(), /32 levererade · 0 misslyckade · 1 går inte att nå/);
    assert.match(statusCard(), new RegExp(`${removed.entry.name}: når inte fram \\(boten är borttagen ur samtalet\\)`));
    const others = people.filter((p) => p !== removed).map((p) => personalConversationId(p.user));
    assert.ok(others.every((id) => teams.sent(id).length === 1));

    const card = invokeCard((await press(bot, SECRETARY.user, 'broadcast.status', { broadcastId })).body);
    assert.match(cardText(card), /Ockelbo kommun[\s\S]*Levererat till 2 av 3 mottagare[\s\S]*når inte fram/);

    const link = ((card.actions as { type: string; url?: string }[]).find((a) => a.type === 'Action.OpenUrl')!.url)!;
    const csv = await (await fetch(`${bot.url}${new URL(link).pathname}`)).text();
    const rows = csv.trim().split('\r\n');
    assert.equal(rows.length, 1 + 33, 'a header and one row per recipient');
    assert.ok(rows.some((r) => r.includes(removed.entry.name) && r.includes(';gone;') && r.includes('http 403')));
    assert.equal(rows.filter((r) => r.includes(';sent;')).length, 32);
  });
});
