import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import type { DigestDoc } from '../../../src/features/meetings/model';
import type { Store } from '../../../src/store/types';
import { cardAction } from '../../support/activities';
import { actionData, cardText, invokeCard, invokeText } from '../../support/cards';
import { startMemoryCosmos, type MemoryCosmos } from '../../support/memoryCosmos';
import { person, SECRETARY } from '../../support/members';
import { MeetingsBot, meetingIdOn, octoberForm } from './meetingsHarness';

/** Gävle's two members in Länsledning, Gävle's social services head who is not, and Sandviken's member. */
const ANNA = person('00000000-0000-4000-8000-000000000301', 'Anna Holm', 'gavle', ['lansledning'], ['member']);
const GORAN = person('00000000-0000-4000-8000-000000000302', 'Göran Lind', 'gavle', ['lansledning'], ['member']);
const GUN = person('00000000-0000-4000-8000-000000000303', 'Gun Socialchef', 'gavle', ['socialchefsnatverk'], ['member']);
const SONJA = person('00000000-0000-4000-8000-000000000304', 'Sonja Sandviken', 'sandviken', ['lansledning'], ['member']);
const GAVLE_CHANNEL = '19:gavle-allmant@thread.tacv2';

describe('the digest per party after a Länsledning meeting: "ansvar för att ta med information och beslut till/från egna organisationen"', () => {
  const clock = new ManualClock('2026-10-01T08:00:00Z');
  const inGavleChannel = () => ({ ...bot.place(), conversation: { kind: 'channel' as const, channelId: GAVLE_CHANNEL, teamId: '19:gavle-team@thread.tacv2' } });
  let cosmos: MemoryCosmos;
  let store: Store;
  let bot: MeetingsBot;
  let meetingId: string;

  const inChannel = async (user: typeof ANNA.user, verb: string, data: object) => {
    const res = await bot.app.post(cardAction(user, inGavleChannel(), verb, data));
    return invokeCard(res.body);
  };
  const digestsInChannel = () => bot.seenIn(GAVLE_CHANNEL).filter((s) => /Att ta med hem – Gävle kommun/.test(s.text));
  const digestDoc = (partyId: string) => store.containers.meetings.read<DigestDoc>(meetingId, `digest:${partyId}`);

  before(async () => {
    cosmos = await startMemoryCosmos();
    store = await cosmos.open();
    bot = await MeetingsBot.start({ members: [SECRETARY.entry, ANNA.entry, GORAN.entry, GUN.entry, SONJA.entry], clock, store });
    await bot.install([SECRETARY.user, ANNA.user, GORAN.user, GUN.user, SONJA.user]);
    const linked = await bot.app.post(cardAction(SECRETARY.user, inGavleChannel(), 'channel.link', { partyId: 'gavle' }));
    assert.match(invokeText(linked.body), /kopplad till \*\*Gävle kommun\*\*/);

    // What Gävle has outstanding: a decision to acknowledge and a remiss to answer.
    const draft = await bot.press(SECRETARY.user, 'broadcast.create', {
      kind: 'decision',
      title: 'Beslut om gemensam handlingsplan 2027',
      text: 'Länsledningen har beslutat om handlingsplanen.',
      audience: 'gavle',
      requiresAck: 'true',
    });
    await bot.press(SECRETARY.user, 'broadcast.confirm', { ...actionData(draft.card, 'broadcast.confirm'), when: 'now' });
    await bot.press(SECRETARY.user, 'remiss.create', { title: 'Remiss om samordnad individuell plan', text: 'Svara senast på förfallodagen.', dueDate: '2026-11-20', parties: 'gavle' });

    const { card } = await bot.press(SECRETARY.user, 'meeting.create', octoberForm());
    meetingId = meetingIdOn(card);
    await bot.press(SECRETARY.user, 'meeting.create', octoberForm({ title: 'Länsledning Välfärd, november', date: '2026-11-27', rsvpDeadline: '2026-11-20' }));
    await bot.idle(meetingId);
  });
  after(async () => {
    await bot.stopAll();
    await cosmos.close();
  });

  it("sends each party its digest in its channel and to its Länsledning members: the decisions, what it must acknowledge or answer and by when, and the next meeting", async () => {
    clock.set('2026-10-30T12:30:00Z');
    const notes = await bot.press(SECRETARY.user, 'meeting.notes', {
      meetingId,
      notes: 'Handlingsplanen gicks igenom.',
      decisions: 'Handlingsplanen 2027 fastställs.\nSIP-rutinen införs 1 januari 2027.',
    });
    assert.match(notes.text, /Sammandraget går till/);
    assert.match(notes.text, /Når ingen: .*Hälsinglands Utbildningsförbund/, 'the secretariat learns which parties it reached nobody in');
    await bot.idle(meetingId);

    const [digest] = digestsInChannel();
    assert.ok(digest, 'the digest reached the Gävle channel');
    assert.equal(digestsInChannel().length, 1);
    assert.match(digest.text, /Beslut att ta med hem\nHandlingsplanen 2027 fastställs\.\nTaget hem\nSIP-rutinen införs 1 januari 2027\.\nTaget hem/);
    assert.match(digest.text, /Att kvittera\nBeslut om gemensam handlingsplan 2027\nUtskicket väntar på er kvittens\./);
    assert.match(digest.text, /Öppna remisser\nRemiss om samordnad individuell plan\nSvara senast 20 november 2026\./);
    assert.match(digest.text, /Taget hem: 0 av 4 punkter/);
    assert.match(digest.text, /Nästa möte: fredag 27 november 2026 kl\. 09\.00/);

    for (const member of [ANNA, GORAN]) assert.equal(bot.seenBy(member.user, /Att ta med hem – Gävle kommun/).length, 1, `${member.entry.name} gets Gävle's digest`);
    assert.equal(bot.seenBy(GUN.user, /Att ta med hem/).length, 0, 'only the Länsledning members, not every member of the party');
    const sandviken = bot.seenBy(SONJA.user, /Att ta med hem – Sandvikens kommun/);
    assert.equal(sandviken.length, 1);
    assert.doesNotMatch(sandviken[0]!.text, /Beslut om gemensam handlingsplan 2027|Remiss om samordnad/, "another party's outstanding items are not Sandviken's");
  });

  it("lets a member of the party tick an item taken home in the channel: the card changes in place, every copy follows, and the secretariat sees it", async () => {
    const taken = await inChannel(GUN.user, 'digest.tick', { meetingId, partyId: 'gavle', itemId: 'd1' });
    assert.match(cardText(taken), /✓ Taget hem av Gun Socialchef/);
    assert.match(cardText(taken), /Taget hem: 1 av 4 punkter/);
    await bot.idle(meetingId);
    const annasCopy = bot.seenBy(ANNA.user, /Att ta med hem – Gävle kommun/);
    assert.equal(annasCopy.at(-1)?.kind, 'update', "Anna's copy is updated in place, not sent again");
    assert.match(annasCopy.at(-1)!.text, /Taget hem: 1 av 4 punkter/);

    const again = await inChannel(ANNA.user, 'digest.tick', { meetingId, partyId: 'gavle', itemId: 'd1' });
    assert.match(cardText(again), /Taget hem av Gun Socialchef/, 'the first tick counts');
    assert.equal(Object.keys((await digestDoc('gavle'))!.ticks).length, 1);

    const other = await inChannel(SONJA.user, 'digest.tick', { meetingId, partyId: 'gavle', itemId: 'd2' });
    assert.match(cardText(other), /inte behörighet/, "another party's member cannot tick Gävle's digest");

    const status = await bot.press(SECRETARY.user, 'digest.status', { meetingId });
    assert.match(status.text, /Gävle kommun\nTaget hem: 1 av 4 punkter/);
    assert.match(status.text, /Sandvikens kommun\nTaget hem: 0 av 2 punkter/);
    assert.match(status.text, /Hofors kommun\nNår ingen: ingen kopplad kanal och ingen ledamot i Länsledning/);
    assert.doesNotMatch(status.text, /Hofors kommun\nTaget hem/, 'a party with no recipients is not shown as not having acknowledged');
    assert.match(status.text, /Hälsinglands Utbildningsförbund \(undertecknar bredvid parterna\): når ingen/);
  });

  it('sends no second digest when the notes are sent again: the cards are corrected in place and what was taken home stays', async () => {
    const before = digestsInChannel().filter((s) => s.kind === 'new').length;
    await bot.press(SECRETARY.user, 'meeting.notes', {
      meetingId,
      notes: 'Handlingsplanen gicks igenom.',
      decisions: 'Handlingsplanen 2027 fastställs.\nSIP-rutinen införs 1 februari 2027.',
    });
    await bot.idle(meetingId);
    assert.equal(digestsInChannel().filter((s) => s.kind === 'new').length, before, 'no new message in the channel');
    const latest = digestsInChannel().at(-1)!;
    assert.equal(latest.kind, 'update');
    assert.match(latest.text, /SIP-rutinen införs 1 februari 2027\./);
    assert.match(latest.text, /✓ Taget hem av Gun Socialchef/, 'the unchanged decision keeps its tick');
    assert.match(latest.text, /Taget hem: 1 av 4 punkter/, 'the changed decision is a new item to take home');
  });
});
