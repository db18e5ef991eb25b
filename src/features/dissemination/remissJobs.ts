import type { Download } from '../../kit/featureApp';
import type { JobContext } from '../../delivery/types';
import { answerStates, decideSummary, remissDeadline, silentParties } from './remissRules';
import type { ReminderStage } from './remissRules';
import type { Dissemination } from './broadcastDelivery';
import { sourceOf } from './broadcastDelivery';
import { toCsv } from '../../common/csv';
import { BATCH } from './model';
import { enqueueRemiss, remissStatus } from './remissDelivery';
import type { RemissDoc } from './model';
import type { UpdateWindows } from '../../delivery/liveStatus';
import { updatePostedCards } from '../../delivery/liveStatus';

export interface RemindJob {
  remissId: string;
  stage: ReminderStage;
}

export interface CloseJob {
  remissId: string;
}

export const JOB_REMISS_LIVE = 'remiss.liveStatus';

export interface LiveJob {
  remissId: string;
  window: number;
}

/** After an answer was recorded: the status cards' update for its window of a few seconds, scheduled once. */
export async function scheduleLiveStatus(d: Dissemination, r: RemissDoc, windows: UpdateWindows): Promise<void> {
  if (!r.statusCards?.length) return;
  await windows.request(r.id, (window, runAt) =>
    d.deps.scheduler.schedule<LiveJob>({ id: `remiss-live-${r.id}-${window}`, kind: JOB_REMISS_LIVE, runAt, payload: { remissId: r.id, window } }),
  );
}

/** The secretariat's status cards, updated in place with the answers as they are now. */
export async function runLiveJob(d: Dissemination, job: LiveJob): Promise<void> {
  const r = await d.repo.remiss(job.remissId);
  if (!r?.statusCards?.length) return;
  const answers = await d.repo.answers(r.id);
  const data = await remissStatus(d, r, { summary: false, answers });
  await updatePostedCards(d.deps.outbox, sourceOf(r.id), r.statusCards, job.window, () => Promise.resolve({ template: 'remiss-status', data, summary: r.title }));
}

/**
 * A scheduled reminder: the remiss again, marked as a reminder, to the managers of the parties
 * that have neither answered nor declined. Its batch id is fixed per stage, so a job that runs
 * twice reminds nobody twice.
 */
export async function runRemindJob(d: Dissemination, job: RemindJob, context: JobContext): Promise<void> {
  const r = await d.repo.remiss(job.remissId);
  if (!r || r.status !== 'open' || context.runAt.getTime() >= remissDeadline(r.dueDate).getTime()) return;
  const silent = silentParties(r, await d.repo.answers(r.id));
  if (silent.length === 0) return;
  const sent = await enqueueRemiss(d, r, `remind-${job.stage}`, new Set(silent), true);
  d.deps.log.info({ remissId: r.id, stage: job.stage, parties: silent.length, recipients: sent }, 'remiss reminder queued');
}

/** When the date has passed: answering closes, and the secretariat gets the summary (unless it already has it all). */
export async function runCloseJob(d: Dissemination, job: CloseJob): Promise<void> {
  await sendSummaryIfDue(d, job.remissId, 'deadline');
}

/**
 * Sends the summary to the conversation the remiss was created in, when `decideSummary` says so:
 * once all parties have answered, and when the date passes. Numbered summaries keep each send once.
 */
export async function sendSummaryIfDue(d: Dissemination, remissId: string, trigger: 'answer' | 'deadline'): Promise<void> {
  const r = await d.repo.remiss(remissId);
  if (!r) return;
  const answers = await d.repo.answers(r.id);
  const due = decideSummary(r, answers, trigger);
  const now = d.deps.clock.now().toISOString();
  const claimed = await d.repo.updateRemiss<number | null>(r.id, (current) => {
    if (!current || current.summaries !== r.summaries) return { result: null };
    const closed = trigger === 'deadline' ? { status: 'closed' as const } : {};
    if (!due) return trigger === 'deadline' && current.status !== 'closed' ? { write: { ...current, ...closed }, result: null } : { result: null };
    return { write: { ...current, ...closed, summaries: current.summaries + 1, summarySentAt: now }, result: current.summaries + 1 };
  });
  if (claimed === null) return;
  const latest = (await d.repo.remiss(r.id)) ?? r;
  await d.deps.outbox.enqueue({
    batchId: BATCH.summary(claimed),
    source: sourceOf(r.id),
    recipients: [{ kind: 'conversation', conversationKey: r.statusConversation }],
    message: { template: 'remiss-status', data: await remissStatus(d, latest, { summary: true, answers }), summary: r.title },
  });
  d.deps.log.info({ remissId: r.id, trigger, summary: claimed }, 'remiss summary queued');
}

const ANSWERS_HEADER = ['remiss', 'rubrik', 'svara senast', 'part', 'läge', 'svar', 'skäl', 'bilaga', 'lämnat av', 'lämnat', 'första svaret', 'ändringar'] as const;

/** Every party's answer in full, with who and when, for the secretariat's records. */
export async function exportAnswers(d: Dissemination, params: Record<string, string>): Promise<Download | undefined> {
  const id = params.remissId;
  const r = id ? await d.repo.remiss(id) : undefined;
  if (!r) return undefined;
  const rows = answerStates(r, await d.repo.answers(r.id)).map((s) => [
    r.id,
    r.title,
    r.dueDate,
    s.name,
    s.state === 'answered' ? 'svarat' : s.state === 'declined' ? 'avstått' : 'inget svar',
    s.answer?.answer ?? null,
    s.answer?.reason ?? null,
    s.answer?.attachmentUrl ?? null,
    s.answer?.by.name ?? null,
    s.answer?.at ?? null,
    s.answer?.firstAt ?? null,
    s.answer?.history.length ?? 0,
  ]);
  return { filename: `remiss-${r.id}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv([ANSWERS_HEADER, ...rows]) };
}
