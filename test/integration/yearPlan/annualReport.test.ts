import assert from 'node:assert/strict';
import { ManualClock } from '../../../src/clock';
import { cardAction, message } from '../../support/activities';
import { cardText, invokeCard } from '../../support/cards';
import { install, received } from '../../support/chat';
import { MEMBER_GAVLE, PREPARER, SECRETARY } from '../../support/members';
import { startTestApp, type TestApp } from '../../support/testApp';
import { INDEX_PK as CASE_INDEX_PK, type CaseSummary } from '../../../src/features/cases/model';
import { ackId, answerId, INDEX_PK as DISSEMINATION_INDEX_PK, type AckDoc, type BroadcastDoc, type IndexDoc, type RecipientPlan, type RemissAnswerDoc, type RemissDoc } from '../../../src/features/dissemination/model';
import { ELEVEN_PARTY_IDS } from '../../../src/directory/seed';
import { MEETING_INDEX_PK, rsvpId, type Invitee, type MeetingDoc, type MeetingIndexDoc, type RsvpDoc } from '../../../src/features/meetings/model';

/**
 * The report reads what the meetings, cases and dissemination features store. The documents are
 * typed with those features' own models, so a change of shape there fails to compile here.
 */
async function seed(bot: TestApp, options: { hufb?: boolean } = {}): Promise<void> {
  const { meetings, cases, dissemination } = bot.store.containers;
  const invitees: Invitee[] = [SECRETARY, MEMBER_GAVLE, PREPARER].map((p) => ({ aadObjectId: p.entry.aadObjectId, name: p.entry.name, email: p.entry.email, partyId: p.entry.partyId }));
  const meeting = (id: string, startsAt: string, status: MeetingDoc['status'] = 'scheduled') => {
    const doc: MeetingDoc = {
      id,
      pk: id,
      type: 'meeting',
      bodyId: 'lansledning',
      bodyName: 'Länsledning Välfärd',
      title: 'Länsledning Välfärd',
      startsAt,
      endsAt: startsAt,
      location: 'Gävle',
      onlineUrl: null,
      agenda: [],
      materials: [],
      rsvpDeadline: startsAt,
      reading: { workingDaysBefore: [3, 1], time: '08:00' },
      status,
      sequence: 0,
      invitees,
      channel: null,
      organizer: { aadObjectId: SECRETARY.entry.aadObjectId, name: SECRETARY.entry.name, email: SECRETARY.entry.email },
      reminders: [],
      notes: null,
      cancelReason: null,
      createdAt: '2026-01-02T09:00:00.000Z',
      updatedAt: '2026-01-02T09:00:00.000Z',
    };
    const index: MeetingIndexDoc = { id, pk: MEETING_INDEX_PK, type: 'meeting-index', bodyId: doc.bodyId, bodyName: doc.bodyName, title: doc.title, startsAt, endsAt: startsAt, status };
    return [meetings.create(doc), meetings.create(index)];
  };
  const rsvp = (meetingId: string, who: typeof SECRETARY, response: RsvpDoc['response']) => {
    const doc: RsvpDoc = {
      id: rsvpId(who.entry.aadObjectId),
      pk: meetingId,
      type: 'rsvp',
      aadObjectId: who.entry.aadObjectId,
      name: who.entry.name,
      partyId: who.entry.partyId,
      response,
      comment: null,
      substituteMentioned: false,
      firstAnsweredAt: '2026-01-05T09:00:00.000Z',
      answeredAt: '2026-01-05T09:00:00.000Z',
      changes: 0,
    };
    return meetings.create(doc);
  };
  const caseSummary = (seq: number, area: CaseSummary['area'], state: CaseSummary['state'], createdAt: string) => {
    const doc: CaseSummary = {
      id: `LV-2026-${String(seq).padStart(4, '0')}`,
      pk: CASE_INDEX_PK,
      type: 'case-summary',
      caseId: `LV-2026-${String(seq).padStart(4, '0')}`,
      year: 2026,
      seq,
      state,
      title: 'Ärende',
      caseType: 'question',
      area,
      perspectives: [],
      prioritised: false,
      submitterId: MEMBER_GAVLE.entry.aadObjectId,
      submitterName: MEMBER_GAVLE.entry.name,
      partyId: 'gavle',
      level: null,
      holderName: null,
      createdAt,
      updatedAt: createdAt,
      version: 1,
    };
    return cases.create(doc);
  };
  const by = { aadObjectId: SECRETARY.entry.aadObjectId, name: SECRETARY.entry.name };
  const plan = (parties: string[]): RecipientPlan => ({ parties: parties.map((partyId) => ({ partyId, name: partyId, channel: null, members: [], fallback: false })), sharedChannel: null });
  const indexed = (id: string, item: IndexDoc['item'], createdAt: string): IndexDoc => ({ id, pk: DISSEMINATION_INDEX_PK, type: 'dissemination-index', item, title: 'Utskick', createdAt, createdBy: by });
  const broadcast = (id: string, parties: string[], acked: string[]) => {
    const doc: BroadcastDoc = {
      id,
      pk: id,
      type: 'broadcast',
      kind: 'decision',
      title: 'Beslut',
      text: 'Beslut om samverkan',
      links: [],
      audience: { parties, bodyId: null },
      targets: 'personal',
      requiresAck: true,
      sendAt: null,
      fromPartyId: null,
      status: 'sent',
      revision: 1,
      createdBy: by,
      createdAt: '2026-02-01T09:00:00.000Z',
      updatedAt: '2026-02-01T09:00:00.000Z',
      statusConversation: 'conv',
      plan: plan(parties),
      sentAt: '2026-02-01T09:00:00.000Z',
      cancelledAt: null,
      reminders: 0,
      lastReminderAt: null,
      statusUpdates: 0,
      lastStatusBatch: null,
    };
    const acks = acked.map((partyId): AckDoc => ({ id: ackId(partyId), pk: id, type: 'broadcast-ack', partyId, by, at: '2026-02-02T09:00:00.000Z' }));
    return [dissemination.create(indexed(id, 'broadcast', doc.createdAt)), dissemination.create(doc), ...acks.map((a) => dissemination.create(a))];
  };
  const remiss = (id: string, partyIds: string[], answers: Record<string, RemissAnswerDoc['state']>) => {
    const doc: RemissDoc = {
      id,
      pk: id,
      type: 'remiss',
      title: 'Remiss',
      text: 'Svara senast i mars',
      dueDate: '2026-03-31',
      partyIds,
      attachmentUrl: null,
      createdBy: by,
      createdAt: '2026-02-10T09:00:00.000Z',
      statusConversation: 'conv',
      plan: plan(partyIds),
      status: 'open',
      reminders: 0,
      lastReminderAt: null,
      summarySentAt: null,
      summaries: 0,
    };
    const answerDocs = Object.entries(answers).map(
      ([partyId, state]): RemissAnswerDoc => ({ id: answerId(partyId), pk: id, type: 'remiss-answer', partyId, state, answer: null, reason: null, attachmentUrl: null, by, at: doc.createdAt, firstAt: doc.createdAt, history: [] }),
    );
    return [dissemination.create(indexed(id, 'remiss', doc.createdAt)), dissemination.create(doc), ...answerDocs.map((a) => dissemination.create(a))];
  };
  await Promise.all([
    ...meeting('m-1', '2026-02-06T08:00:00.000Z'),
    ...meeting('m-2', '2026-03-06T08:00:00.000Z'),
    ...meeting('m-cancelled', '2026-04-10T07:00:00.000Z', 'cancelled'),
    ...meeting('m-future', '2026-12-11T08:00:00.000Z'),
    ...meeting('m-last-year', '2025-12-12T08:00:00.000Z'),
  ]);
  await Promise.all([
    rsvp('m-1', SECRETARY, 'attend'),
    rsvp('m-1', MEMBER_GAVLE, 'attend'),
    rsvp('m-1', PREPARER, 'absent'),
    rsvp('m-2', SECRETARY, 'attend'),
    rsvp('m-2', MEMBER_GAVLE, 'absent'),
    caseSummary(1, 'vard-omsorg', 'closed', '2026-01-20T09:00:00.000Z'),
    caseSummary(2, 'funktionsnedsattning', 'preparing', '2026-02-20T09:00:00.000Z'),
    caseSummary(3, 'vard-omsorg', 'void', '2026-02-21T09:00:00.000Z'),
    ...broadcast('b-1', ['gavle', 'hudiksvall', 'region-gavleborg', 'hofors'], ['gavle', 'hofors', 'hudiksvall']),
    ...remiss('r-1', ['gavle', 'hudiksvall', 'hofors', 'ockelbo'], { gavle: 'answered', ockelbo: 'declined' }),
    // Hälsinglands Utbildningsförbund beside the eleven: one more broadcast and remiss to all twelve.
    ...(options.hufb
      ? [
          ...broadcast('b-2', [...ELEVEN_PARTY_IDS, 'hufb'], ['gavle', 'hufb']),
          ...remiss('r-2', [...ELEVEN_PARTY_IDS, 'hufb'], { gavle: 'answered', hufb: 'answered' }),
        ]
      : []),
  ]);
}

describe('the annual report', () => {
  let bot: TestApp;
  const place = () => ({ serviceUrl: bot.connector.serviceUrl });

  beforeEach(async () => {
    bot = await startTestApp({ members: [SECRETARY.entry, MEMBER_GAVLE.entry, PREPARER.entry], clock: new ManualClock('2026-06-01T10:00:00+02:00') });
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('shows the secretariat attendance per party and body, cases, acknowledgements and remiss answers, with a CSV export', async () => {
    await seed(bot);
    await install(bot, SECRETARY.user);
    await bot.post(message(SECRETARY.user, place(), 'årsrapport 2026'));
    const card = await received(bot, SECRETARY.user, /Årsrapport 2026/);
    assert.match(card, /2 möten har hållits/, 'held meetings only: not cancelled, not ahead, not last year');
    assert.match(card, /Gävle kommun\n█████░░░░░ 50\u00a0%\n1 av 2 kallade kom · 1 frånvarande · 0 svarade inte\nHudiksvalls kommun/, 'parties in alphabetical order');
    assert.match(card, /Region Gävleborg\n██████████ 100\u00a0%\n2 av 2 kallade kom/);
    assert.match(card, /Hudiksvalls kommun\n░░░░░░░░░░ 0\u00a0%\n0 av 2 kallade kom · 1 frånvarande · 1 svarade inte/);
    assert.match(card, /Länsledning Välfärd\n█████░░░░░ 50\u00a0%\n3 av 6 kallade kom · 2 frånvarande · 1 svarade inte/);
    assert.match(card, /Ärenden \(2\)/);
    assert.match(card, /Behov av vård och omsorg: \*\*1\*\*/);
    assert.match(card, /1 utskick krävde kvittens\. Parterna kvitterade 3 av 4 begärda kvittenser \(75\u00a0%\)/);
    assert.match(card, /Parterna svarade på 1 av 4 begärda svar \(25\u00a0%\) och avstod från 1 remiss\./);

    const res = invokeCard((await bot.post(cardAction(SECRETARY.user, place(), 'year.report', { year: 2026 }))).body);
    const csvUrl = (res.actions as { url: string }[])[0]!.url.replace(/^https?:\/\/[^/]+/, bot.url);
    const csv = await (await fetch(csvUrl)).text();
    assert.match(csv, /Närvaro per part;Gävle kommun;2;2;1;1;0;50\u00a0%/);
    assert.match(csv, /Närvaro per organ;Länsledning Välfärd;2;6;3;2;1;50\u00a0%/);
    assert.match(csv, /Per område;Behov av vård och omsorg;1/);
  });

  it('counts the acknowledgements and answers of "de elva parterna" and names Hälsinglands Utbildningsförbund\'s apart, on the card and in the CSV', async () => {
    await seed(bot, { hufb: true });
    const res = invokeCard((await bot.post(cardAction(SECRETARY.user, place(), 'year.report', { year: 2026 }))).body);
    const card = cardText(res);
    assert.match(
      card,
      /2 utskick krävde kvittens\. Parterna kvitterade 4 av 15 begärda kvittenser \(27\u00a0%\)\. Hälsinglands Utbildningsförbund, som undertecknar bredvid parterna, kvitterade 1 av 1 begärd kvittens\./,
    );
    assert.match(card, /Parterna svarade på 2 av 15 begärda svar \(13\u00a0%\) och avstod från 1 remiss\. Hälsinglands Utbildningsförbund, som undertecknar bredvid parterna, svarade på 1 av 1 begärt svar\./);
    assert.doesNotMatch(card, /av 16|av 17/, 'HUFB is not added to the count of the eleven');
    const csvUrl = (res.actions as { url: string }[])[0]!.url.replace(/^https?:\/\/[^/]+/, bot.url);
    const csv = await (await fetch(csvUrl)).text();
    assert.match(csv, /Utskick \(2\);Parter som kvitterat;4;15;27\u00a0%/);
    assert.match(csv, /Utskick \(2\);Parter som kvitterat: Hälsinglands Utbildningsförbund;1;1;100\u00a0%/);
    assert.match(csv, /Remisser \(2\);Parter som svarat: Hälsinglands Utbildningsförbund;1;1;100\u00a0%/);
  });

  it('shows zeros where a feature has no data yet', async () => {
    const card = cardText(invokeCard((await bot.post(cardAction(SECRETARY.user, place(), 'year.report', { year: 2026 }))).body));
    assert.match(card, /Inga möten har hållits\./);
    assert.match(card, /Ärenden \(0\)/);
    assert.match(card, /Utskick \(0\)/);
    assert.match(card, /Remisser \(0\)/);
  });

  it('is for the secretariat only', async () => {
    const refused = invokeCard((await bot.post(cardAction(MEMBER_GAVLE.user, place(), 'year.report', { year: 2026 }))).body);
    assert.match(cardText(refused), /inte behörighet/);
  });
});
