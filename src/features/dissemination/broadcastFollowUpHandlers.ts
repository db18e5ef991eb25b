import type { Download, FeatureApp, Reply, TurnInfo } from '../../kit/featureApp';
import { requireMember, requireRole } from '../../kit/permissions';
import { verb } from '../../kit/verbs';
import { AppError } from '../../errors';
import { t } from '../../i18n';
import { partiesText } from '../../common/partyCounts';
import type { Stored } from '../../store/types';
import { partyCounted, recipientKeyOf, recipientsOf } from './audienceRules';
import { bi, when } from './bilingual';
import { messageCardData } from './broadcastCards';
import type { Dissemination } from './broadcastDelivery';
import { currentPreview, messageFor, partyName, sourceOf, statusReply } from './broadcastDelivery';
import { REMINDER_INTERVAL_MS, decideAck, decideRemind, mayManage } from './broadcastRules';
import type { ProgressJob } from './broadcastSending';
import { UpdateWindows } from '../../delivery/liveStatus';
import { JOB_PROGRESS, runProgressJob, scheduleAckUpdate, scheduleProgress } from './broadcastSending';
import { toCsv } from '../../common/csv';
import type { AckDoc, BroadcastDoc } from './model';
import { BATCH, ackId } from './model';
import { refusalError } from './refusals';
import { broadcastRef } from './schemas';
import { CSV_LINK_MAX_AGE_MS } from '../../links';

/** After sending: acknowledgements, the recipients' refreshed card, the status card and its buttons, the CSV log. */
export function registerBroadcastFollowUp(app: FeatureApp, d: Dissemination) {
  app.command(
    {
      names: ['utskick lista', 'utskick status', 'broadcast list', 'broadcast status'],
      display: { sv: 'utskick lista', en: 'broadcast list' },
      description: { sv: t('sv', 'dissemination', 'commandList'), en: t('en', 'dissemination', 'commandList') },
      roles: ['secretariat'],
    },
    async (turn) => [await recentList(d, turn)],
  );
  app.download('broadcast-log', (params) => exportLog(d, params), { maxAgeMs: CSV_LINK_MAX_AGE_MS });
  d.deps.scheduler.handle<ProgressJob>(JOB_PROGRESS, (job, context) => runProgressJob(d, job, context));
  const ackUpdates = new UpdateWindows(d.deps.clock);

  return {
    broadcastAck: verb(broadcastRef, (turn, data) => acknowledge(d, turn, data.broadcastId, ackUpdates)),
    broadcastView: verb(broadcastRef, (turn, data) => view(d, turn, data.broadcastId)),
    broadcastStatus: verb(broadcastRef, async (turn, data) => statusReply(d, await managed(d, turn, data.broadcastId))),
    broadcastRemind: verb(broadcastRef, (turn, data) => remind(d, turn, data.broadcastId)),
    broadcastRetry: verb(broadcastRef, (turn, data) => retry(d, turn, data.broadcastId)),
  };
}

async function load(d: Dissemination, id: string): Promise<Stored<BroadcastDoc>> {
  const b = await d.repo.broadcast(id);
  if (!b) throw new AppError('NOT_FOUND');
  return b;
}

async function managed(d: Dissemination, turn: TurnInfo, id: string): Promise<Stored<BroadcastDoc>> {
  const member = requireMember(turn);
  const b = await load(d, id);
  if (!mayManage(b, member)) throw refusalError({ kind: 'forbidden', reason: 'notYours' }, turn.actor.locale);
  return b;
}

/** Shown in the secretariat's list of the latest broadcasts and remisser. */
const LIST_LENGTH = 10;

async function recentList(d: Dissemination, turn: TurnInfo): Promise<Reply> {
  requireRole(turn, 'secretariat');
  const items = (await d.repo.recent(LIST_LENGTH)).map((entry) => ({
    title: entry.title,
    line: bi((l) =>
      t(l, 'dissemination', 'listLine', {
        kind: t(l, 'dissemination', entry.item === 'broadcast' ? 'listBroadcast' : 'remissKind'),
        when: when(entry.createdAt, l),
        name: entry.createdBy.name,
      }),
    ),
    verb: entry.item === 'broadcast' ? 'broadcast.status' : 'remiss.status',
    data: entry.item === 'broadcast' ? { broadcastId: entry.id } : { remissId: entry.id },
  }));
  return { card: 'broadcast-list', data: { items } };
}

/** The recipients' card for the actor's party: the message and that party's acknowledgement. */
async function partyCard(d: Dissemination, b: BroadcastDoc, partyId: string | null, ack: AckDoc | null, viewer: string): Promise<Reply> {
  const party = partyId ? b.plan?.parties.find((p) => p.partyId === partyId) : undefined;
  const fromParty = await partyName(d.deps, b.fromPartyId);
  return {
    card: 'broadcast-message',
    data: messageCardData(b, fromParty, {
      party: party ? { id: party.partyId, name: party.name } : null,
      ack,
      reminder: false,
      viewers: [viewer],
    }),
  };
}

/** `broadcast.ack`: "received and carried into our organisation", once per party (the first counts). */
async function acknowledge(d: Dissemination, turn: TurnInfo, broadcastId: string, ackUpdates: UpdateWindows): Promise<Reply> {
  const member = requireMember(turn);
  const b = await load(d, broadcastId);
  const existing = await d.repo.ack(b.id, member.partyId);
  const decision = decideAck(b, member, existing);
  if (decision.kind === 'already') return partyCard(d, b, member.partyId, decision.ack, turn.actor.aadObjectId);
  if (decision.kind !== 'record') throw refusalError(decision, turn.actor.locale);
  const { ack, recorded } = await d.repo.addAck({
    id: ackId(decision.partyId),
    pk: b.id,
    type: 'broadcast-ack',
    partyId: decision.partyId,
    by: { aadObjectId: member.aadObjectId, name: member.name },
    at: turn.now.toISOString(),
  });
  if (recorded) {
    turn.log.info({ broadcastId: b.id, partyId: decision.partyId }, 'broadcast acknowledged');
    await scheduleAckUpdate(d, b.id, ackUpdates);
  }
  return partyCard(d, b, decision.partyId, ack, turn.actor.aadObjectId);
}

/**
 * `broadcast.view` (the card's refresh): the message with the viewer's party's acknowledgement;
 * for its author, a broadcast not yet sent shows its preview as it is now (scheduled, cancelled…).
 */
async function view(d: Dissemination, turn: TurnInfo, broadcastId: string): Promise<Reply> {
  const b = await load(d, broadcastId);
  if (b.status !== 'sent' || !b.plan) {
    const member = turn.actor.member;
    if (member && mayManage(b, member)) return currentPreview(d, b);
    throw refusalError({ kind: 'bad', reason: 'notSent' }, turn.actor.locale);
  }
  const partyId = turn.actor.member?.partyId ?? null;
  const addressed = partyId !== null && b.plan.parties.some((p) => p.partyId === partyId);
  const ack = addressed ? ((await d.repo.ack(b.id, partyId)) ?? null) : null;
  return partyCard(d, b, addressed ? partyId : null, ack, turn.actor.aadObjectId);
}

/** "Remind those who have not acknowledged": the message again, with a reminder, to those parties only. */
async function remind(d: Dissemination, turn: TurnInfo, broadcastId: string): Promise<Reply> {
  const member = requireMember(turn);
  const b = await load(d, broadcastId);
  const acks = await d.repo.acks(b.id);
  const decision = decideRemind(b, member, acks, turn.now);
  switch (decision.kind) {
    case 'nobody':
      return statusReply(d, b, bi((l) => t(l, 'dissemination', 'remindNobody')));
    case 'too-soon':
      return statusReply(d, b, bi((l) => t(l, 'dissemination', 'remindTooSoon', { when: when(decision.last, l), next: when(new Date(decision.last.getTime() + REMINDER_INTERVAL_MS), l) })));
    case 'remind':
      break;
    default:
      throw refusalError(decision, turn.actor.locale);
  }
  const now = turn.now.toISOString();
  const claimed = await d.repo.updateBroadcast<BroadcastDoc | null>(b.id, (current) =>
    current && current.reminders === decision.number - 1
      ? { write: { ...current, reminders: decision.number, lastReminderAt: now }, result: current }
      : { result: null },
  );
  if (!claimed || !b.plan) return statusReply(d, await load(d, b.id));
  const parties = new Set(decision.partyIds);
  const fromParty = await partyName(d.deps, b.fromPartyId);
  await d.deps.outbox.enqueue({
    batchId: BATCH.reminder(decision.number),
    source: sourceOf(b.id),
    recipients: recipientsOf(b.plan, parties).map((r) => r.recipient),
    message: messageFor(b, b.plan, fromParty, true),
  });
  turn.log.info({ broadcastId: b.id, parties: parties.size, reminder: decision.number }, 'acknowledgement reminder queued');
  const reminded = b.plan.parties.filter((p) => parties.has(p.partyId)).map(partyCounted);
  return statusReply(d, await load(d, b.id), bi((l) => t(l, 'dissemination', 'remindSent', { who: partiesText(l, reminded) })));
}

/** "Retry failed": failed deliveries go back to the outbox; gone ones stay gone. */
async function retry(d: Dissemination, turn: TurnInfo, broadcastId: string): Promise<Reply> {
  const b = await managed(d, turn, broadcastId);
  if (b.status !== 'sent') throw refusalError({ kind: 'bad', reason: 'notSent' }, turn.actor.locale);
  const count = await d.deps.outbox.retryFailed(sourceOf(b.id), BATCH.send);
  if (count === 0) return statusReply(d, b, bi((l) => t(l, 'dissemination', 'retryNone')));
  await scheduleProgress(d, b.id, `retry-${turn.now.getTime()}`, 0, turn.now);
  turn.log.info({ broadcastId: b.id, count }, 'failed deliveries retried');
  return statusReply(d, b, bi((l) => t(l, 'dissemination', 'retryDone', { n: count })));
}

const LOG_HEADER = [
  'utskick',
  'rubrik',
  'part',
  'mottagare',
  'typ',
  'omgång',
  'status',
  'försök',
  'fel',
  'levererat',
  'kvitterat av',
  'kvitterat',
] as const;

/** The delivery and acknowledgement log of a broadcast, one row per recipient and round (send, reminders). */
async function exportLog(d: Dissemination, params: Record<string, string>): Promise<Download | undefined> {
  const id = params.broadcastId;
  const b = id ? await d.repo.broadcast(id) : undefined;
  if (!b?.plan) return undefined;
  const acks = new Map((await d.repo.acks(b.id)).map((a) => [a.partyId, a]));
  const planned = new Map(recipientsOf(b.plan).map((r) => [r.key, r]));
  const names = new Map(b.plan.parties.map((p) => [p.partyId, p.name]));
  const rounds = [BATCH.send, ...Array.from({ length: b.reminders }, (_, i) => BATCH.reminder(i + 1))];
  const rows: (string | number | null)[][] = [];
  for (const round of rounds) {
    for (const v of await d.deps.outbox.deliveries(sourceOf(b.id), round)) {
      const entry = planned.get(recipientKeyOf(v.recipient));
      const partyId = entry?.partyId ?? null;
      const ack = partyId ? acks.get(partyId) : undefined;
      rows.push([
        b.id,
        b.title,
        partyId ? (names.get(partyId) ?? partyId) : (b.plan.sharedChannel?.name ?? ''),
        entry?.name ?? (v.recipient.kind === 'conversation' ? 'kanal' : v.recipient.aadObjectId),
        v.recipient.kind === 'conversation' ? 'kanal' : 'personlig chatt',
        round === BATCH.send ? 'utskick' : `påminnelse ${round.slice('remind-'.length)}`,
        v.status,
        v.attempts,
        v.error,
        v.sentAt,
        ack?.by.name ?? null,
        ack?.at ?? null,
      ]);
    }
  }
  return { filename: `utskick-${b.id}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv([LOG_HEADER, ...rows]) };
}
