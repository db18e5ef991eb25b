import type { Reply } from '../../kit/featureApp';
import { t } from '../../i18n';
import { partiesText } from '../../common/partyCounts';
import { partyCounted } from './audienceRules';
import type { Bi } from './bilingual';
import { reasonText } from './broadcastStatusCards';
import { bi, day, refreshUserIds, when } from './bilingual';
import type { RemissAnswerDoc, RemissDoc } from './model';
import type { DeliverySummary } from './progressRules';
import { REMINDER_DAYS_BEFORE, answerStates, reminderTimes, remissDeadline } from './remissRules';

/** How much of an answer the cards show (the CSV export has all of it). */
const EXCERPT_CHARS = 400;

export interface RemissView {
  party: { id: string; name: string } | null;
  answer: RemissAnswerDoc | null;
  reminder: boolean;
  viewers: readonly string[];
  now: Date;
}

/** The managers' card (`remiss-message`): the remiss, the party's answer so far, and the answer form until the date. */
export function remissCardData(r: RemissDoc, view: RemissView): object {
  const party = view.party;
  const deadline = remissDeadline(r.dueDate);
  const open = party !== null && r.status === 'open' && view.now.getTime() < deadline.getTime();
  const a = view.answer;
  const current: Bi | undefined = a && party
    ? a.state === 'declined'
      ? bi((l) => t(l, 'dissemination', 'remissDeclined', { party: party.name, name: a.by.name, when: when(a.at, l), date: day(dueDay(r), l) }))
      : bi((l) => t(l, 'dissemination', 'remissAnswered', { party: party.name, name: a.by.name, when: when(a.at, l), date: day(dueDay(r), l) }))
    : undefined;
  const excerpt = a ? excerptOf(a.state === 'declined' ? a.reason : a.answer) : null;
  return {
    remissId: r.id,
    title: r.title,
    text: r.text,
    ...(r.attachmentUrl ? { attachmentUrl: r.attachmentUrl } : {}),
    from: bi((l) => t(l, 'dissemination', 'fromSecretariat')),
    due: bi((l) => t(l, 'dissemination', 'remissDue', { date: day(dueDay(r), l) })),
    ...(party ? { answerLabel: bi((l) => t(l, 'dissemination', 'remissAnswerLabel', { party: party.name })) } : { answerLabel: bi(() => '') }),
    ...(current ? { current, declined: a?.state === 'declined' } : { declined: false }),
    ...(excerpt ? { excerpt } : {}),
    ...(view.reminder && party ? { reminder: bi((l) => t(l, 'dissemination', 'remissReminder', { party: party.name, date: day(dueDay(r), l) })) } : {}),
    ...(!open && party ? { closed: bi((l) => t(l, 'dissemination', 'remissClosed', { date: day(dueDay(r), l) })) } : {}),
    open,
    refreshUserIds: refreshUserIds(view.viewers),
  };
}

/** The answer date as a moment inside that day (for formatting it as a date). */
function dueDay(r: Pick<RemissDoc, 'dueDate'>): Date {
  return new Date(remissDeadline(r.dueDate).getTime() - 12 * 3_600_000);
}

function excerptOf(text: string | null): string | null {
  if (!text) return null;
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

const STATE = {
  answered: { key: 'stateAnswered', color: 'Good' },
  declined: { key: 'stateDeclined', color: 'Warning' },
  none: { key: 'stateNone', color: 'Attention' },
} as const;

/**
 * The secretariat's card (`remiss-status`): every addressed party with its state (answered,
 * declined, no answer), who answered and when, and delivery problems. Also the summary.
 */
export function remissStatusData(
  r: RemissDoc,
  answers: readonly RemissAnswerDoc[],
  options: { summary: boolean; now: Date; delivery?: DeliverySummary | null; csvUrl?: string; notice?: Bi; liveFor?: readonly string[] },
): object {
  const states = answerStates(r, answers);
  const counted = new Map(r.plan.parties.map((p) => [p.partyId, partyCounted(p)]));
  const eleven = states.filter((s) => counted.get(s.partyId)?.isParty !== false);
  const apart = states.filter((s) => counted.get(s.partyId)?.isParty === false);
  const count = (s: string) => eleven.filter((x) => x.state === s).length;
  const deliveryByParty = new Map((options.delivery?.parties ?? []).map((p) => [p.partyId, p]));
  const passed = options.now.getTime() >= remissDeadline(r.dueDate).getTime();
  const allAnswered = states.every((s) => s.state !== 'none');
  return {
    remissId: r.id,
    title: r.title,
    heading: bi((l) => t(l, 'dissemination', options.summary ? 'remissSummaryTitle' : 'remissStatusTitle')),
    byLine: bi((l) => t(l, 'dissemination', 'remissCreatedBy', { when: when(r.createdAt, l), name: r.createdBy.name, date: day(dueDay(r), l) })),
    counts: bi((l) =>
      [
        t(l, 'dissemination', 'remissCounts', { who: partiesText(l, eleven.map((s) => counted.get(s.partyId)!)), answered: count('answered'), declined: count('declined'), none: count('none') }),
        ...apart.map((s) => `${s.name}: ${t(l, 'dissemination', STATE[s.state].key).toLocaleLowerCase(l)}`),
      ].join(' · '),
    ),
    ...(allAnswered
      ? { stateLine: bi((l) => t(l, 'dissemination', 'remissAllAnswered')) }
      : passed
        ? { stateLine: bi((l) => t(l, 'dissemination', 'remissDeadlinePassed')) }
        : {}),
    ...(options.notice ? { notice: options.notice } : {}),
    parties: states.map((s) => {
      const delivery = deliveryByParty.get(s.partyId);
      const undelivered = delivery && delivery.total > 0 && delivery.delivered === 0 && delivery.pending === 0;
      const a = s.answer;
      if (delivery?.total === 0 && !a) {
        // Reached nobody: shown as such with what would fix it, never as "no answer".
        return { name: s.name, state: bi((l) => t(l, 'dissemination', 'stateUnreachable')), color: 'Attention', delivery: bi((l) => t(l, 'dissemination', 'partyNoRecipients')) };
      }
      return {
        name: s.name,
        state: bi((l) => t(l, 'dissemination', STATE[s.state].key)),
        color: STATE[s.state].color,
        ...(a ? { by: bi((l) => t(l, 'dissemination', 'stateBy', { name: a.by.name, when: when(a.at, l) })) } : {}),
        ...(a && excerptOf(a.state === 'declined' ? a.reason : a.answer) ? { detail: excerptOf(a.state === 'declined' ? a.reason : a.answer) } : {}),
        ...(a?.attachmentUrl ? { attachmentUrl: a.attachmentUrl } : {}),
        ...(undelivered && delivery
          ? { delivery: bi((l) => delivery.problems.map((p) => t(l, 'dissemination', p.status === 'gone' ? 'problemGone' : 'problemFailed', { who: p.name ?? t(l, 'dissemination', 'problemChannel'), reason: reasonText(p.reason, l) })).join(' · ')) }
          : {}),
      };
    }),
    // Each planned reminder says which it is, when, and to whom (the summary plans nothing).
    reminders:
      options.summary || r.status !== 'open' || allAnswered
        ? []
        : reminderTimes(r.dueDate, options.now).map((reminder) => ({
            text: bi((l) =>
              t(l, 'dissemination', reminder.stage === 'before' ? 'remissPlannedBefore' : 'remissPlannedDue', {
                days: REMINDER_DAYS_BEFORE,
                when: when(reminder.at, l),
                n: states.filter((s) => s.state === 'none').length,
              }),
            ),
          })),
    refreshUserIds: refreshUserIds(options.liveFor ?? [r.createdBy.aadObjectId]),
    canRemind: r.status === 'open' && !passed && !allAnswered,
    ...(options.csvUrl ? { csvUrl: options.csvUrl } : {}),
  };
}

export function remissComposeReply(minDate: string, parties: readonly { id: string; name: string; receivesDissemination: boolean }[]): Reply {
  return {
    card: 'remiss-compose',
    data: { minDate, parties: parties.filter((p) => p.receivesDissemination).map((p) => ({ title: p.name, value: p.id })) },
  };
}
