import { z } from 'zod';
import type { Reply, TurnInfo } from '../../kit/featureApp';
import { requireMember } from '../../kit/permissions';
import type { Locale } from '../../config';
import type { AppDeps } from '../../deps';
import { t } from '../../i18n';
import { DateTime } from 'luxon';
import { parseLocalDate, TIME_ZONE } from '../../dates/dates';
import { refuseIdentityNumbers } from '../../privacy/identityNumbers';
import { placedNowhereText } from './notifications';
import { afterCommit } from './afterCommit';
import type { CaseSetting } from './caseContext';
import { loadSetting, moverOf, turnView } from './caseContext';
import { CASE_NUMBER } from './caseNumber';
import type { CaseRepo } from './caseRepo';
import { eventText, partyList, stateLabel, whoText } from './labels';
import type { CaseDoc, CaseEvent } from './model';
import { CASE_STATES } from './model';
import type { CaseNotifier } from './notifications';
import { caseCard } from './caseCards';
import type { Notice } from './caseCards';
import type { Refusal, TransitionDecision } from './workflowRules';
import { decideTransition } from './workflowRules';
import { SETTLE_JOB, settleJobId } from './disputeJobs';

const caseIdSchema = z.string().trim().toUpperCase().max(40);

const flag = z
  .union([z.boolean(), z.enum(['true', 'false'])])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === true || v === 'true'));

/** `case.transition`: caseId, to, optional level, comment (and, routing a dispute, the confirmed principled flag). */
export const transitionSchema = z.object({
  caseId: caseIdSchema,
  to: z.enum(CASE_STATES),
  level: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  comment: z.string().max(2_000).optional(),
  principled: flag,
  /** Disputes between more than two and fewer than all parties: "ett fåtal" as the preparer judges it. */
  few: flag,
  /** Disputes sent to the parties: an optional date to settle by (`YYYY-MM-DD`); empty for none. */
  settleBy: z
    .string()
    .trim()
    .max(10)
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || parseLocalDate(v) !== undefined, { message: 'settleBy must be a date YYYY-MM-DD' }),
});

export type TransitionData = z.infer<typeof transitionSchema>;

export const viewSchema = z.object({ caseId: caseIdSchema });

type Deps = Pick<AppDeps, 'directory' | 'log' | 'scheduler'>;

/** The case of a well-formed number, if it exists. */
function findCase(repo: CaseRepo, caseId: string): Promise<CaseDoc | undefined> {
  return CASE_NUMBER.test(caseId) ? repo.read(caseId) : Promise.resolve(undefined);
}

/** A clear card for an unknown case; only a well-formed number is repeated back. */
function unknownCase(caseId: string, locale: Locale): Reply {
  const message = t(locale, 'cases', 'unknownCase', { caseId: CASE_NUMBER.test(caseId) ? ` ${caseId}` : '' });
  return { card: 'error', data: { message } };
}

/** `case.view` and the cards' refresh: the case as this person may see and move it. */
export async function viewCase(turn: TurnInfo, caseId: string, deps: Deps, repo: CaseRepo): Promise<Reply> {
  const member = requireMember(turn);
  const c = await findCase(repo, caseId);
  if (!c) return unknownCase(caseId, turn.actor.locale);
  const [events, setting] = await Promise.all([repo.events(c.caseId), loadSetting(deps, turn.now)]);
  return caseCard(c, events, moverOf(member), turnView(setting, turn));
}

/**
 * Moves a case one step under its etag. A refusal (not allowed, stale card, someone else took it
 * first) writes nothing and shows the case as it stands with the reason; a move records its event,
 * updates the register and tells the submitter, the preparers and whoever it was placed with.
 */
export async function transitionCase(turn: TurnInfo, data: TransitionData, deps: Deps, repo: CaseRepo, notifier: CaseNotifier): Promise<Reply> {
  const member = requireMember(turn);
  const locale = turn.actor.locale;
  if (data.comment) refuseIdentityNumbers({ comment: data.comment });
  if (!(await findCase(repo, data.caseId))) return unknownCase(data.caseId, locale);
  const setting = await loadSetting(deps, turn.now);
  const mover = moverOf(member);
  const rules = { now: turn.now, placementLevels: setting.levels, eleven: setting.eleven };
  const request = { ...data, settleBy: data.settleBy ? settleByInstant(data.settleBy) : undefined };
  const outcome = await repo.move<{ decision: TransitionDecision; current: CaseDoc } | undefined>(
    data.caseId,
    (current) => {
      const decision = decideTransition(current, mover, request, rules);
      return decision.kind === 'moved' ? { next: decision.next, result: { decision, current } } : { result: { decision, current } };
    },
    undefined,
  );
  if (!outcome) return unknownCase(data.caseId, locale);
  const { decision, current } = outcome;

  if (decision.kind === 'refused') {
    turn.log.info({ caseId: current.caseId, to: data.to, reason: decision.reason }, 'case move refused');
    const events = await repo.events(current.caseId);
    return caseCard(current, events, mover, turnView(setting, turn), { text: refusalText(decision, current, member.aadObjectId, setting, locale), style: 'attention' });
  }

  const { next, event } = decision;
  turn.log.info({ caseId: next.caseId, kind: event.kind, to: next.state }, 'case moved');
  let events: CaseEvent[] = [];
  let reached = true;
  await afterCommit(deps.log, next.caseId, {
    event: () => repo.recordEvent(next.caseId, event),
    register: () => repo.syncSummary(next),
    history: async () => {
      events = await repo.events(next.caseId);
    },
    submitter: () => notifier.tellSubmitter(next, event, setting),
    preparers: () => notifier.updatePreparers(next, events, setting, turn.now),
    placement: async () => {
      if (event.kind === 'place' || event.kind === 'escalate') reached = await notifier.tellPlacement(next, setting, turn.now);
    },
    deadline: () => scheduleSettleDeadline(next, event, deps),
  });
  const moved = t(locale, 'cases', 'noticeMoved', { what: eventText(locale, event, setting.names) });
  const notice: Notice = reached ? { text: moved, style: 'good' } : { text: `${moved} ${placedNowhereText(locale, next, setting)}`, style: 'attention' };
  return caseCard(next, events, mover, turnView(setting, turn), notice);
}

async function scheduleSettleDeadline(c: CaseDoc, event: CaseEvent, deps: Deps): Promise<void> {
  if (event.kind !== 'place' || !c.dispute?.settleBy) return;
  await deps.scheduler.schedule({ id: settleJobId(c.caseId), kind: SETTLE_JOB, runAt: new Date(c.dispute.settleBy), payload: { caseId: c.caseId } });
}

function refusalText(refusal: Refusal, c: CaseDoc, me: string, setting: CaseSetting, locale: Locale): string {
  const state = stateLabel(locale, c.state).toLowerCase();
  switch (refusal.reason) {
    case 'final':
      return t(locale, 'cases', 'noticeFinal', { state });
    case 'illegal':
      return t(locale, 'cases', 'noticeIllegal', { state });
    case 'forbidden':
      return whoText(locale, refusal.who.length > 0 ? refusal.who : ['preparer', 'secretariat', 'submitter']);
    case 'taken':
      return refusal.holder.aadObjectId === me
        ? t(locale, 'cases', 'noticeTakenByYou')
        : t(locale, 'cases', 'noticeTaken', { name: refusal.holder.name });
    case 'comment-required':
      return t(locale, 'cases', 'noticeCommentRequired');
    case 'level-required':
      return t(locale, 'cases', 'noticeLevelRequired');
    case 'unknown-level':
      return t(locale, 'cases', 'noticeUnknownLevel');
    case 'dispute-route': {
      const route =
        refusal.route.kind === 'parties'
          ? t(locale, 'cases', 'routeParties', { parties: partyList(refusal.route.parties, setting.names) })
          : t(locale, 'cases', 'routeForum');
      return t(locale, 'cases', 'noticeDisputeRoute', { route });
    }
    case 'dispute-unroutable':
      return t(locale, 'cases', 'noticeDisputeUnroutable');
    case 'dispute-undecided':
      return t(locale, 'cases', 'noticeDisputeUndecided', { parties: partyList(c.dispute?.involved ?? [], setting.names) });
    case 'reason-required':
      return t(locale, 'cases', 'noticeReasonRequired');
    case 'past-deadline':
      return t(locale, 'cases', 'noticePastDeadline');
  }
}

/** A date to settle by, as the moment the reminder goes out: 09.00 Swedish time that day. */
function settleByInstant(date: string): string {
  return DateTime.fromISO(date, { zone: TIME_ZONE }).set({ hour: SETTLE_REMINDER_HOUR }).toUTC().toISO() ?? date;
}

const SETTLE_REMINDER_HOUR = 9;
