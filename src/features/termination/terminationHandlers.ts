import { DateTime } from 'luxon';
import { TIME_ZONE } from '../../dates/dates';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Reply, TurnInfo } from '../../kit/featureApp';
import { requireRole } from '../../kit/permissions';
import { FieldError, beside } from '../../kit/forms';
import type { AppDeps } from '../../deps';
import type { Recipient } from '../../delivery/types';
import { AppError } from '../../errors';
import { t } from '../../i18n';
import { formatDateTime, isoDate } from '../../dates/dates';
import { refuseIdentityNumbers } from '../../privacy/identityNumbers';
import { bothLocales, formatDay, isValidDate } from '../../common/format';
import type { CorrectionDecision, Notice, NoticeDecision } from './terminationRules';
import { CORRECTION_HOURS, correctionDeadline, decideCorrection, decideNotice, endDateOf, mayCorrect, reminderTimes } from './terminationRules';
import { NOTICE_PK, type TerminationRepo } from './terminationRepo';

export const NOTICE_REMINDER_JOB = 'notice.reminder';
/** The job that, on the end date, tells every party that the agreement has ended for all. */
export const NOTICE_ENDED_JOB = 'notice.ended';
export const endedJobId = (notice: Pick<Notice, 'id'>) => `notice:${notice.id}:ended`;

export interface ReminderPayload {
  noticeId: string;
  days: number;
}

export const noticeSchema = z.object({ partyId: z.string().max(100).default(''), noticeDate: z.string().max(10).default(''), note: z.string().max(500).default('') }).passthrough();
/** `notice.correct` (and `notice.withdraw`, the button of status cards posted before corrections). */
export const correctSchema = z.object({ noticeId: z.string().uuid(), reason: z.string().max(500).default('') }).passthrough();

type NoticeInput = z.infer<typeof noticeSchema>;
type Message = { template: string; data: object; summary: string };

/** The announcement batch of a notice: its correction replaces these cards in place. */
export const announcementBatch = (notice: Pick<Notice, 'id'>) => `notice:${notice.id}`;

/**
 * The secretariat records a party's notice; every party is told that the agreement ends for all of
 * them six months later, and reminded 90, 30 and 7 days before. A registered notice is final: the
 * agreement has no clause for withdrawing one. Only a registration mistake is corrected, by the
 * person who registered it, within `CORRECTION_HOURS`.
 */
export class TerminationHandlers {
  constructor(
    private readonly deps: AppDeps,
    private readonly repo: TerminationRepo,
  ) {}

  async active(): Promise<Notice | null> {
    return (await this.repo.notice())?.active ?? null;
  }

  async command(turn: TurnInfo): Promise<Reply[]> {
    requireRole(turn, 'secretariat');
    const active = await this.active();
    return [active ? await this.statusReply(turn, active) : await this.formReply(turn, '')];
  }

  async preview(turn: TurnInfo, data: NoticeInput): Promise<Reply> {
    requireRole(turn, 'secretariat');
    const locale = turn.actor.locale;
    const party = await this.checked(turn, data);
    const { members, channels } = await this.recipients();
    const values = { party: party.name, noticeDate: formatDay(data.noticeDate, locale), endDate: formatDay(endDateOf(data.noticeDate), locale) };
    return {
      card: 'termination-preview',
      data: {
        text: t(locale, 'termination', 'previewText', values),
        recipients: t(locale, 'termination', 'previewRecipients', { members: members.length, channels: channels.length }),
        final: t(locale, 'termination', 'previewFinal', { hours: CORRECTION_HOURS_TEXT }),
        partyId: party.id,
        noticeDate: data.noticeDate,
        note: data.note.trim(),
      },
    };
  }

  async confirm(turn: TurnInfo, data: NoticeInput): Promise<Reply> {
    requireRole(turn, 'secretariat');
    const locale = turn.actor.locale;
    const party = await this.checked(turn, data);
    const draft = {
      id: randomUUID(),
      partyId: party.id,
      partyName: party.name,
      noticeDate: data.noticeDate,
      note: data.note.trim() || null,
      recordedBy: turn.actor.aadObjectId,
      recordedByName: turn.actor.name,
      recordedAt: turn.now.toISOString(),
    };
    const decision = await this.repo.changeNotice<NoticeDecision>((doc) => {
      const d = decideNotice(doc, draft, party, isoDate(turn.now));
      return d.kind === 'recorded' ? { write: d.next, result: d } : { result: d };
    });
    if (decision.kind === 'rejected') {
      const active = await this.active();
      throw new AppError(decision.reason === 'alreadyGiven' ? 'CONFLICT' : 'BAD_REQUEST', {
        detail: t(locale, 'termination', decision.reason, { party: active?.partyName ?? '', endDate: active ? formatDay(active.endDate, locale) : '' }),
      });
    }
    const recorded = decision.next.active!;
    await this.announce(recorded);
    for (const r of reminderTimes(recorded.endDate, turn.now)) {
      await this.deps.scheduler.schedule<ReminderPayload>({ id: reminderJobId(recorded, r.days), kind: NOTICE_REMINDER_JOB, runAt: r.runAt, payload: { noticeId: recorded.id, days: r.days } });
    }
    await this.scheduleEnd(recorded);
    turn.log.info({ party: recorded.partyId, endDate: recorded.endDate }, 'notice of termination recorded and announced');
    return this.statusReply(turn, recorded);
  }

  /**
   * Strikes a notice registered by mistake: only its registrar, only within the window, with what
   * the mistake was. Everyone told of it sees the announcement corrected in place; nobody is told
   * that the agreement "continues", because a notice that was given is not undone here.
   */
  async correct(turn: TurnInfo, data: z.infer<typeof correctSchema>): Promise<Reply> {
    requireRole(turn, 'secretariat');
    const locale = turn.actor.locale;
    refuseIdentityNumbers({ reason: data.reason });
    // The reason is what everyone told of the notice reads: it is asked beside its field.
    if (data.reason.trim() === '') throw new FieldError({ reason: beside(t(locale, 'termination', 'correctReasonRequired')) });
    const decision = await this.repo.changeNotice<CorrectionDecision>((doc) => {
      const d = decideCorrection(doc, { noticeId: data.noticeId, actor: turn.actor.aadObjectId, actorName: turn.actor.name, reason: data.reason }, turn.now);
      return d.kind === 'corrected' ? { write: d.next, result: d } : { result: d };
    });
    if (decision.kind === 'rejected') {
      const active = await this.active();
      const values = { by: active?.recordedByName ?? '', hours: CORRECTION_HOURS_TEXT };
      if (decision.reason === 'reasonRequired') throw new AppError('BAD_REQUEST', { detail: t(locale, 'termination', 'correctReasonRequired') });
      if (decision.reason === 'notActive') throw new AppError('STALE', { detail: t(locale, 'termination', 'notActive') });
      return this.statusReply(turn, active!, t(locale, 'termination', decision.reason === 'notRecorder' ? 'correctNotRecorder' : 'correctFinal', values));
    }
    const struck = decision.notice;
    for (const r of reminderTimes(struck.endDate, turn.now)) await this.deps.scheduler.cancel(reminderJobId(struck, r.days), r.runAt);
    await this.deps.scheduler.cancel(endedJobId(struck), endTime(struck.endDate));
    const values = (l: 'sv' | 'en') => ({ party: struck.partyName, noticeDate: formatDay(struck.noticeDate, l), by: struck.struck?.byName ?? '', reason: struck.struck?.reason ?? '' });
    await this.send(
      `notice:${struck.id}:corrected`,
      {
        template: 'termination-announcement',
        data: {
          title: bothLocales((l) => t(l, 'termination', 'correctedTitle')),
          text: bothLocales((l) => t(l, 'termination', 'correctedText', values(l))),
          end: bothLocales(() => ''),
          note: bothLocales((l) => t(l, 'termination', 'correctedReason', values(l))),
        },
        summary: t(this.deps.config.defaultLocale, 'termination', 'correctedTitle'),
      },
      announcementBatch(struck),
    );
    turn.log.info({ party: struck.partyId }, 'notice of termination struck as a registration mistake');
    return this.formReply(turn, t(locale, 'termination', 'correctedDone', values(locale)));
  }

  /** The end-date job for the notice in force (scheduling it again changes nothing): on recording, and at start for notices recorded before. */
  async scheduleEnd(notice?: Notice | null): Promise<void> {
    const active = notice === undefined ? await this.active() : notice;
    if (!active) return;
    await this.deps.scheduler.schedule<{ noticeId: string }>({ id: endedJobId(active), kind: NOTICE_ENDED_JOB, runAt: endTime(active.endDate), payload: { noticeId: active.id } });
  }

  /**
   * The end date has come: every member and every party's channel is told that the agreement has
   * ended for all parties, and that the bot's recurring work (the annual cycle's reminders) stops.
   */
  async ended(payload: { noticeId: string }): Promise<void> {
    const active = await this.active();
    if (active?.id !== payload.noticeId) return;
    const values = (l: 'sv' | 'en') => ({ party: active.partyName, noticeDate: formatDay(active.noticeDate, l), endDate: formatDay(active.endDate, l) });
    await this.send(`notice:${active.id}:ended`, {
      template: 'termination-announcement',
      data: {
        title: bothLocales((l) => t(l, 'termination', 'endedTitle')),
        text: bothLocales((l) => t(l, 'termination', 'endedText', values(l))),
        end: bothLocales((l) => t(l, 'termination', 'endedStops')),
        note: bothLocales(() => ''),
      },
      summary: t(this.deps.config.defaultLocale, 'termination', 'endedTitle'),
    });
    this.deps.log.info({ party: active.partyId, endDate: active.endDate }, 'the agreement has ended for all parties');
  }

  async reminder(payload: ReminderPayload): Promise<void> {
    const active = await this.active();
    if (active?.id !== payload.noticeId) return;
    const values = (l: 'sv' | 'en') => ({ days: payload.days, party: active.partyName, noticeDate: formatDay(active.noticeDate, l), endDate: formatDay(active.endDate, l) });
    await this.send(`notice:${active.id}:reminder:${payload.days}`, {
      template: 'termination-announcement',
      data: {
        title: bothLocales((l) => t(l, 'termination', 'reminderTitle', values(l))),
        text: bothLocales((l) => t(l, 'termination', 'reminderText', values(l))),
        end: bothLocales((l) => t(l, 'termination', 'announceEnd', values(l))),
        note: bothLocales(() => ''),
      },
      summary: t(this.deps.config.defaultLocale, 'termination', 'reminderTitle', values(this.deps.config.defaultLocale)),
    });
  }

  /** Every member of every party in their own chat, and every party's linked channel. */
  private async recipients(): Promise<{ members: string[]; channels: string[] }> {
    const [members, parties] = await Promise.all([this.deps.directory.members(), this.deps.directory.parties()]);
    return { members: members.map((m) => m.aadObjectId), channels: parties.map((p) => p.channel).filter((c): c is string => c !== null) };
  }

  private async send(batchId: string, message: Message, replaces?: string): Promise<void> {
    const { members, channels } = await this.recipients();
    await this.deps.outbox.enqueue({
      batchId,
      source: { container: 'directory', pk: NOTICE_PK },
      recipients: [
        ...members.map((aadObjectId): Recipient => ({ kind: 'member', aadObjectId })),
        ...channels.map((conversationKey): Recipient => ({ kind: 'conversation', conversationKey })),
      ],
      message,
      ...(replaces ? { replaces } : {}),
    });
  }

  private async announce(recorded: Notice): Promise<void> {
    const values = (l: 'sv' | 'en') => ({ party: recorded.partyName, noticeDate: formatDay(recorded.noticeDate, l), endDate: formatDay(recorded.endDate, l), note: recorded.note ?? '' });
    await this.send(announcementBatch(recorded), {
      template: 'termination-announcement',
      data: {
        title: bothLocales((l) => t(l, 'termination', 'announceTitle')),
        text: bothLocales((l) => t(l, 'termination', 'announceText', values(l))),
        end: bothLocales((l) => t(l, 'termination', 'announceEnd', values(l))),
        note: bothLocales((l) => (recorded.note ? t(l, 'termination', 'announceNote', values(l)) : '')),
      },
      summary: t(this.deps.config.defaultLocale, 'termination', 'announceSummary', values(this.deps.config.defaultLocale)),
    });
  }

  private async checked(turn: TurnInfo, data: NoticeInput) {
    const locale = turn.actor.locale;
    refuseIdentityNumbers({ note: data.note });
    if (!isValidDate(data.noticeDate)) throw new FieldError({ noticeDate: data.noticeDate.trim() === '' ? 'required' : 'notADate' });
    if (data.noticeDate > isoDate(turn.now)) throw new FieldError({ noticeDate: beside(t(locale, 'termination', 'future')) });
    const party = data.partyId ? await this.deps.directory.party(data.partyId) : undefined;
    if (!party?.isParty) throw new FieldError({ partyId: data.partyId ? beside(t(locale, 'termination', 'notAParty')) : 'required' });
    return party;
  }

  async formReply(turn: TurnInfo, note: string): Promise<Reply> {
    const parties = (await this.deps.directory.parties()).filter((p) => p.isParty).map((p) => ({ title: p.name, value: p.id }));
    return { card: 'termination-form', data: { parties, today: isoDate(turn.now), note } };
  }

  /** The status card of the active notice, where its correction is asked for (the form of `notice.correct`). */
  async correctionForm(turn: TurnInfo): Promise<Reply> {
    requireRole(turn, 'secretariat');
    const active = await this.active();
    if (!active) throw new AppError('STALE', { detail: t(turn.actor.locale, 'termination', 'notActive') });
    return this.statusReply(turn, active);
  }

  private async statusReply(turn: TurnInfo, active: Notice, problem = ''): Promise<Reply> {
    const locale = turn.actor.locale;
    const { members, channels } = await this.recipients();
    const reminders = reminderTimes(active.endDate, turn.now).map((r) => formatDay(r.runAt, locale));
    const canCorrect = mayCorrect(active, turn.actor.aadObjectId, turn.now);
    return {
      card: 'termination-status',
      data: {
        text: t(locale, 'termination', 'statusText', { party: active.partyName, noticeDate: formatDay(active.noticeDate, locale), endDate: formatDay(active.endDate, locale), by: active.recordedByName }),
        sent: t(locale, 'termination', 'statusSent', { members: members.length, channels: channels.length }),
        reminders: reminders.length > 0 ? t(locale, 'termination', 'statusReminders', { dates: reminders.join(', ') }) : '',
        final: canCorrect
          ? t(locale, 'termination', 'statusCorrectable', { until: formatDateTime(correctionDeadline(active), locale) })
          : t(locale, 'termination', 'statusFinal'),
        problem,
        canCorrect,
        noticeId: active.id,
      },
    };
  }
}

const CORRECTION_HOURS_TEXT = CORRECTION_HOURS;

function reminderJobId(notice: Pick<Notice, 'id'>, days: number): string {
  return `notice-reminder:${notice.id}:${days}`;
}

/** The end date's morning, Swedish time: when the parties are told that the agreement has ended. */
export function endTime(endDate: string): Date {
  return DateTime.fromISO(endDate, { zone: TIME_ZONE }).set({ hour: 8 }).toJSDate();
}
