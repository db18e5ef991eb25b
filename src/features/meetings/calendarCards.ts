import { digest } from '../../delivery/jobDocs';
import type { Locale } from '../../config';
import { t } from '../../i18n';
import type { CalendarAnswerStep } from './calendarRules';
import type { CalendarNoteDoc, MeetingDoc } from './model';
import type { MeetingServices } from './services';
import type { Bi } from './text';
import { bi, whenText } from './text';

type CalendarKey = Parameters<typeof t<'calendar'>>[2];

function biC(key: CalendarKey, values: Record<string, string | number | Bi> = {}): Bi {
  return bi((locale: Locale) => t(locale, 'calendar', key, Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'object' ? v[locale] : v]))));
}

function noteText(kind: CalendarNoteDoc['kind'], who: { name: string; email: string }, meeting: Pick<MeetingDoc, 'title' | 'startsAt' | 'endsAt'>): Bi {
  const values = { name: who.name, email: who.email, title: meeting.title, when: whenText(meeting) };
  return kind === 'tentative' ? biC('noteTentative', values) : biC('noteForwarded', values);
}

/**
 * Tells the secretariat member who sent the notice, once per person and kind: a tentative answer
 * (still "not answered") or a forwarded invitation (not the party's attendance).
 */
export async function sendCalendarNote(svc: MeetingServices, meeting: MeetingDoc, step: Extract<CalendarAnswerStep, { kind: 'note' }>): Promise<void> {
  const heading = step.note === 'tentative' ? biC('noteTentativeHeading') : biC('noteForwardedHeading');
  await svc.deps.outbox.enqueue({
    batchId: `calendar-note-${step.note}-${digest(step.email).slice(0, 24)}`,
    source: { container: 'meetings', pk: meeting.id },
    recipients: [{ kind: 'member', aadObjectId: meeting.organizer.aadObjectId }],
    message: {
      template: 'meeting-calendar-note',
      data: { meetingId: meeting.id, heading, text: noteText(step.note, step, meeting) },
      summary: heading[svc.deps.config.defaultLocale],
    },
  });
}

/**
 * The status card's calendar lines: where the event stands, and the notes (a tentative answer's
 * note goes once the member has answered yes or no).
 */
export function calendarStatus(
  meeting: MeetingDoc,
  notes: readonly CalendarNoteDoc[],
  answered: ReadonlyMap<string, unknown>,
): { calendarLine: Bi | null; calendarNotes: { text: Bi }[] } {
  const state = meeting.calendar;
  if (!state) return { calendarLine: null, calendarNotes: [] };
  const calendarLine =
    state.state === 'failed'
      ? biC('statusFailed', { problem: state.problem ?? '' })
      : state.eventId
        ? biC(state.joinUrl ? 'statusReadyTeams' : 'statusReady')
        : biC('statusPending');
  const current = notes.filter((n) => n.kind === 'forwarded' || !n.aadObjectId || !answered.has(n.aadObjectId));
  return { calendarLine, calendarNotes: current.map((n) => ({ text: noteText(n.kind, n, meeting) })) };
}

/** The status card's banner after a notice that waits for its Outlook event. */
export function heldNoticeBanner(members: number): { text: Bi; style: 'good' } {
  return { text: biC('heldNoticeBanner', { n: members }), style: 'good' };
}

/** The notice's line on the calendar: the invitation is in Outlook too, and the card's answer counts. */
export function calendarHint(meeting: Pick<MeetingDoc, 'calendar' | 'status'>): Bi | null {
  return meeting.calendar && meeting.status === 'scheduled' ? biC('noticeHint') : null;
}
