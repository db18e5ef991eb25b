import type { JobContext } from '../../delivery/types';
import { participants } from './answerRules';
import { sendReminder } from './meetingDelivery';
import type { PlannedReminder } from './model';
import type { ReminderPayload } from './reminderRules';
import { READING_REMINDER_JOB, RSVP_REMINDER_JOB, readingReminderRecipients, rsvpReminderRecipients } from './reminderRules';
import type { MeetingServices } from './services';

const JOB_KIND = { reading: READING_REMINDER_JOB, rsvp: RSVP_REMINDER_JOB } as const;

/**
 * Asks the scheduler for a meeting's planned reminders (the same job id again is a no-op). Called
 * before the meeting document is written: a job whose plan was never saved finds itself missing
 * from the meeting when it runs, and does nothing.
 */
export async function scheduleReminders(svc: MeetingServices, meetingId: string, next: readonly PlannedReminder[]): Promise<void> {
  for (const reminder of next) {
    await svc.deps.scheduler.schedule<ReminderPayload>({
      id: reminder.jobId,
      kind: JOB_KIND[reminder.kind],
      runAt: new Date(reminder.runAt),
      payload: { meetingId, slot: reminder.slot, runAt: reminder.runAt },
    });
  }
}

/** Cancels the jobs of `previous` that `next` no longer plans (after the meeting document was written). */
export async function cancelDroppedReminders(
  svc: MeetingServices,
  previous: readonly PlannedReminder[],
  next: readonly PlannedReminder[],
): Promise<void> {
  const kept = new Set(next.map((r) => r.jobId));
  for (const reminder of previous) {
    if (!kept.has(reminder.jobId)) await svc.deps.scheduler.cancel(reminder.jobId, new Date(reminder.runAt));
  }
}

/** The scheduler's handlers for reading and RSVP reminders, registered once at start. */
export function registerReminderJobs(svc: MeetingServices): void {
  const run = (payload: ReminderPayload, context: JobContext) => runReminder(svc, payload, context);
  svc.deps.scheduler.handle<ReminderPayload>(READING_REMINDER_JOB, run);
  svc.deps.scheduler.handle<ReminderPayload>(RSVP_REMINDER_JOB, run);
}

/**
 * One reminder: only if the meeting still plans this job (it may have been moved, changed or
 * cancelled), to the members it concerns at this moment. The batch id is the job's, so a job run
 * twice (a lost lease, a retry, a restart) reaches each member once.
 */
async function runReminder(svc: MeetingServices, payload: ReminderPayload, context: JobContext): Promise<void> {
  const log = svc.deps.log;
  const meeting = await svc.repo.meeting(payload.meetingId);
  const planned = meeting?.reminders.find((r) => r.jobId === context.jobId);
  if (!meeting || meeting.status === 'cancelled' || !planned) {
    log.info({ jobId: context.jobId, meetingId: payload.meetingId }, 'meeting reminder no longer planned; skipped');
    return;
  }
  const answers = await svc.repo.answers(meeting.id);
  const people = participants(meeting, answers.answered);
  const recipients =
    planned.kind === 'reading' ? readingReminderRecipients(people, answers.answers, answers.read) : rsvpReminderRecipients(people, answers.answers);
  const queued = await sendReminder(svc, meeting, planned.kind, recipients, `reminder-${planned.jobId}`);
  log.info({ jobId: context.jobId, meetingId: meeting.id, kind: planned.kind, recipients: recipients.length, queued }, 'meeting reminder sent');
}
