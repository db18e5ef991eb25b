import type { Locale } from '../../config';
import { t } from '../../i18n';
import { formatDate, formatDateTime, parseLocalDate } from '../../dates/dates';
import { levelRank } from './levelRules';
import type { Names } from './labels';
import { areaLabel, eventText, levelLabel, partyList, perspectiveLabel, stateLabel, typeLabel } from './labels';
import type { CaseDoc, CaseEvent } from './model';
import { isPrioritised, PARTIES_LEVEL } from './model';
import type { Mover } from './workflowRules';
import { movesFor } from './workflowRules';
import { needsFewJudgement } from './disputeRules';

export interface ViewContext {
  locale: Locale;
  now: Date;
  names: Names;
  /** Where a case may be placed (for the preparer's choice). */
  levels: readonly string[];
  /** The eleven parties (a dispute between all of them goes to Politiska ledningsgruppen). */
  eleven: readonly string[];
}

export type NoticeStyle = 'good' | 'attention' | 'accent';

export interface Notice {
  text: string;
  style: NoticeStyle;
}

interface Fact {
  title: string;
  value: string;
}

const noNotice = { notice: '', noticeStyle: 'default' };

function noticeData(notice: Notice | undefined): { notice: string; noticeStyle: string } {
  return notice ? { notice: notice.text, noticeStyle: notice.style } : noNotice;
}

function localDate(iso: string, locale: Locale): string {
  const date = parseLocalDate(iso);
  return date ? formatDate(date, locale) : iso;
}

/** What the case is and where it stands, as facts. */
export function caseFacts(c: CaseDoc, ctx: ViewContext): Fact[] {
  const { locale, names } = ctx;
  const tc = (key: Parameters<typeof t<'cases'>>[2]) => t(locale, 'cases', key);
  const facts: Fact[] = [
    { title: tc('factNumber'), value: c.caseId },
    { title: tc('factState'), value: stateLabel(locale, c.state) },
  ];
  if (c.level) facts.push({ title: tc('factLevel'), value: levelLabel(locale, c.level, names) });
  if (c.holder) facts.push({ title: tc('factHolder'), value: c.holder.name });
  facts.push(
    { title: tc('factType'), value: typeLabel(locale, c.caseType) },
    { title: tc('factArea'), value: areaLabel(locale, c.area) },
  );
  if (c.perspectives.length > 0) {
    facts.push({ title: tc('factPerspectives'), value: c.perspectives.map((p) => perspectiveLabel(locale, p)).join(', ') });
  }
  if (isPrioritised(c)) facts.push({ title: tc('factPrioritised'), value: tc('prioritisedMark') });
  if (c.parties.length > 0) facts.push({ title: tc('factParties'), value: partyList(c.parties, names) });
  if (c.wishedDate) facts.push({ title: tc('factWishedDate'), value: localDate(c.wishedDate, locale) });
  if (c.dispute) {
    facts.push({ title: tc('factInvolved'), value: partyList(c.dispute.involved, names) || tc('none') });
    const confirmed = c.dispute.confirmedPrincipled;
    facts.push(
      confirmed === null
        ? { title: tc('factPrincipled'), value: tc(c.dispute.principled ? 'yes' : 'no') }
        : { title: tc('factPrincipledConfirmed'), value: tc(confirmed ? 'yes' : 'no') },
    );
    if (c.dispute.confirmedFew != null) facts.push({ title: tc('factFew'), value: tc(c.dispute.confirmedFew ? 'yes' : 'no') });
    if (c.dispute.settleBy) facts.push({ title: tc('factSettleBy'), value: formatDate(new Date(c.dispute.settleBy), locale) });
  }
  facts.push(
    { title: tc('factSubmitter'), value: `${c.submitter.name}, ${names.parties.get(c.submitter.partyId) ?? c.submitter.partyId}` },
    { title: tc('factSubmitted'), value: formatDateTime(new Date(c.createdAt), locale) },
  );
  return facts;
}

/** Every event, oldest first; the case's latest event counts even if its own document is not written yet. */
export function history(c: CaseDoc, events: readonly CaseEvent[]): CaseEvent[] {
  const bySeq = new Map(events.map((e) => [e.seq, e]));
  bySeq.set(c.lastEvent.seq, c.lastEvent);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

function timeline(c: CaseDoc, events: readonly CaseEvent[], ctx: ViewContext): { when: string; text: string; comment: string }[] {
  return history(c, events).map((e) => ({
    when: formatDateTime(new Date(e.at), ctx.locale),
    text: eventText(ctx.locale, e, ctx.names),
    comment: e.comment ?? '',
  }));
}

function common(c: CaseDoc, events: readonly CaseEvent[], ctx: ViewContext, notice: Notice | undefined) {
  return {
    caseId: c.caseId,
    title: c.title,
    description: c.description,
    facts: caseFacts(c, ctx),
    links: c.links.map((url) => ({ url })),
    timeline: timeline(c, events, ctx),
    ...noticeData(notice),
  };
}

/** The submitter's receipt and status card (also what other members see). */
export function statusCardData(c: CaseDoc, events: readonly CaseEvent[], viewer: Mover, ctx: ViewContext, notice?: Notice): object {
  const moves = movesFor(c, viewer);
  const returned = c.state === 'returned' ? history(c, events).filter((e) => e.kind === 'return').pop() : undefined;
  const canComplete = moves.includes('complete');
  const canWithdraw = moves.includes('withdraw');
  const canReportUnsettled = moves.includes('escalate');
  return {
    ...common(c, events, ctx, notice),
    canReportUnsettled,
    heading: t(ctx.locale, 'cases', c.submitter.aadObjectId === viewer.aadObjectId ? 'statusTitle' : 'caseTitle'),
    returnedAsk: returned?.comment ? t(ctx.locale, 'cases', 'returnedAsk', { comment: returned.comment }) : '',
    canComplete,
    canWithdraw,
    hasActions: canComplete || canWithdraw,
    commentLabel: t(ctx.locale, 'cases', canComplete ? 'inputCompletion' : 'inputWithdrawReason'),
  };
}

/** The preparer's card: the case, its history and the moves this preparer may make now. */
export function prepareCardData(c: CaseDoc, events: readonly CaseEvent[], viewer: Mover, ctx: ViewContext, notice?: Notice): object {
  const moves = movesFor(c, viewer);
  const can = (kind: (typeof moves)[number]) => moves.includes(kind);
  const flags = {
    canTake: can('take'),
    canRelease: can('release'),
    canReturn: can('return'),
    canComplete: can('complete'),
    canPlace: can('place') && !c.dispute,
    canRoute: can('place') && c.dispute !== null,
    canAnswer: can('answer'),
    canEscalate: can('escalate'),
    canClose: can('close'),
    canWithdraw: can('withdraw'),
  };
  const levels = [...ctx.levels]
    .sort((a, b) => levelRank(a) - levelRank(b) || a.localeCompare(b))
    .map((value) => ({ title: levelLabel(ctx.locale, value, ctx.names), value }));
  return {
    ...common(c, events, ctx, notice),
    ...flags,
    hasComment: Object.entries(flags).some(([k, v]) => v && k !== 'canTake'),
    queueHint: c.state === 'received',
    levels,
    principled: String(c.dispute?.confirmedPrincipled ?? c.dispute?.principled ?? false),
    askFew: flags.canRoute && c.dispute !== null && needsFewJudgement(c.dispute.involved, ctx.eleven),
    few: String(c.dispute?.confirmedFew ?? false),
  };
}

/** The card a viewer gets for a case: the preparer's card for the beredningsorgan and the secretariat. */
export function caseCard(c: CaseDoc, events: readonly CaseEvent[], viewer: Mover, ctx: ViewContext, notice?: Notice): { card: string; data: object } {
  return viewer.isPreparer || viewer.isSecretariat
    ? { card: 'case-prepare', data: prepareCardData(c, events, viewer, ctx, notice) }
    : { card: 'case-status', data: statusCardData(c, events, viewer, ctx, notice) };
}

/** A short message about one step of a case: what happened, and the comment that came with it. */
export function stepMessageData(c: CaseDoc, what: string, comment: string, ctx: ViewContext): object {
  return {
    caseId: c.caseId,
    heading: t(ctx.locale, 'cases', 'stepTitle', { number: c.caseId }),
    intro: t(ctx.locale, 'cases', 'stepIntro', { title: c.title }),
    what,
    comment,
    state: stateLabel(ctx.locale, c.state),
  };
}

/** What a body, Politiska ledningsgruppen or the parties get when a case is placed with them. */
export function placedMessageData(c: CaseDoc, ctx: ViewContext): object {
  const level = c.level ? levelLabel(ctx.locale, c.level, ctx.names) : '';
  const involved = c.dispute ? partyList(c.dispute.involved, ctx.names) : '';
  const withParties = c.dispute !== null && c.level === PARTIES_LEVEL;
  let disputeText = '';
  if (withParties && c.dispute?.settleBy) {
    disputeText = t(ctx.locale, 'cases', 'disputeToPartiesBy', { parties: involved, date: formatDate(new Date(c.dispute.settleBy), ctx.locale) });
  } else if (withParties) {
    disputeText = t(ctx.locale, 'cases', 'disputeToParties', { parties: involved });
  } else if (c.dispute) {
    disputeText = t(ctx.locale, 'cases', 'disputeToForum', { parties: involved || t(ctx.locale, 'cases', 'none') });
  }
  return {
    caseId: c.caseId,
    canReportUnsettled: withParties,
    heading: t(ctx.locale, 'cases', 'placedTitle', { level }),
    intro: t(ctx.locale, 'cases', 'placedIntro', { title: c.title, level }),
    disputeText,
    description: c.description,
    facts: caseFacts(c, ctx),
  };
}
