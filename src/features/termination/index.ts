import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { FeatureApp, Reply, TurnInfo } from '../../kit/featureApp';
import { requireRole } from '../../kit/permissions';
import { defineVerbs, verb } from '../../kit/verbs';
import { FieldError, Refused, beside, cardOf, form } from '../../kit/forms';
import { parseTypedDate } from '../../dates/typedDates';
import type { AppDeps } from '../../deps';
import type { Recipient } from '../../delivery/types';
import { AppError } from '../../errors';
import { t } from '../../i18n';
import { isoDate } from '../../dates/dates';
import { refuseIdentityNumbers } from '../../privacy/identityNumbers';
import { bothLocales, formatDay } from '../../common/format';
import type { Notice, NoticeDecision, WithdrawDecision } from './terminationRules';
import { decideNotice, decideWithdraw, endDateOf, reminderTimes } from './terminationRules';
import { NOTICE_PK, TerminationRepo } from './terminationRepo';

export const NOTICE_REMINDER_JOB = 'notice.reminder';

interface ReminderPayload {
  noticeId: string;
  days: number;
}

const noticeSchema = z.object({ partyId: z.string().max(100).default(''), noticeDate: z.string().max(10).default(''), note: z.string().max(500).default('') }).passthrough();
const withdrawSchema = z.object({ noticeId: z.string().uuid(), reason: z.string().max(500).default('') }).passthrough();

/**
 * `uppsägning`/`notice`: the secretariat records a party's notice; every party is told that the
 * agreement ends for all of them six months later, and reminded 90, 30 and 7 days before.
 */
export function registerTermination(app: FeatureApp, deps: AppDeps) {
  const repo = new TerminationRepo(deps.store.containers.directory);
  const current = () => repo.notice();

  app.command(
    {
      names: ['uppsägning', 'uppsagning', 'notice', 'termination'],
      display: { sv: 'uppsägning', en: 'notice' },
      description: { sv: t('sv', 'termination', 'commandNotice'), en: t('en', 'termination', 'commandNotice') },
      roles: ['secretariat'],
    },
    async (turn) => {
      requireRole(turn, 'secretariat');
      const standing = await current();
      return [standing?.active ? await statusReply(turn, standing.active) : await formReply(turn)];
    },
  );

  deps.scheduler.handle<ReminderPayload>(NOTICE_REMINDER_JOB, async (payload) => {
    const active = (await current())?.active;
    if (active?.id !== payload.noticeId) return;
    const values = (l: 'sv' | 'en') => ({ days: payload.days, party: active.partyName, noticeDate: formatDay(active.noticeDate, l), endDate: formatDay(active.endDate, l) });
    await send(`notice:${active.id}:reminder:${payload.days}`, {
      template: 'termination-announcement',
      data: {
        title: bothLocales((l) => t(l, 'termination', 'reminderTitle', values(l))),
        text: bothLocales((l) => t(l, 'termination', 'reminderText', values(l))),
        end: bothLocales((l) => t(l, 'termination', 'announceEnd', values(l))),
        note: bothLocales(() => ''),
      },
      summary: t(deps.config.defaultLocale, 'termination', 'reminderTitle', values(deps.config.defaultLocale)),
    });
  });

  /** Every member of every party in their own chat, and every party's linked channel. */
  async function recipients(): Promise<{ members: string[]; channels: string[] }> {
    const [members, parties] = await Promise.all([deps.directory.members(), deps.directory.parties()]);
    return { members: members.map((m) => m.aadObjectId), channels: parties.map((p) => p.channel).filter((c): c is string => c !== null) };
  }

  async function send(batchId: string, message: { template: string; data: object; summary: string }): Promise<void> {
    const { members, channels } = await recipients();
    await deps.outbox.enqueue({
      batchId,
      source: { container: 'directory', pk: NOTICE_PK },
      recipients: [
        ...members.map((aadObjectId): Recipient => ({ kind: 'member', aadObjectId })),
        ...channels.map((conversationKey): Recipient => ({ kind: 'conversation', conversationKey })),
      ],
      message,
    });
  }

  async function announce(recorded: Notice): Promise<void> {
    const values = (l: 'sv' | 'en') => ({ party: recorded.partyName, noticeDate: formatDay(recorded.noticeDate, l), endDate: formatDay(recorded.endDate, l), note: recorded.note ?? '' });
    await send(`notice:${recorded.id}`, {
      template: 'termination-announcement',
      data: {
        title: bothLocales((l) => t(l, 'termination', 'announceTitle')),
        text: bothLocales((l) => t(l, 'termination', 'announceText', values(l))),
        end: bothLocales((l) => t(l, 'termination', 'announceEnd', values(l))),
        note: bothLocales((l) => (recorded.note ? t(l, 'termination', 'announceNote', values(l)) : '')),
      },
      summary: t(deps.config.defaultLocale, 'termination', 'announceSummary', values(deps.config.defaultLocale)),
    });
  }

  async function checked(turn: TurnInfo, data: z.infer<typeof noticeSchema>) {
    const locale = turn.actor.locale;
    refuseIdentityNumbers({ note: data.note });
    const noticeDate = parseTypedDate(data.noticeDate);
    if (!noticeDate) throw new FieldError({ noticeDate: data.noticeDate.trim() === '' ? 'required' : 'notADate' });
    if (noticeDate > isoDate(turn.now)) throw new FieldError({ noticeDate: beside(t(locale, 'termination', 'future')) });
    const party = data.partyId ? await deps.directory.party(data.partyId) : undefined;
    if (!party?.isParty) throw new FieldError({ partyId: data.partyId ? beside(t(locale, 'termination', 'notAParty')) : 'required' });
    return { party, noticeDate };
  }

  async function partyChoices() {
    return (await deps.directory.parties()).filter((p) => p.isParty).map((p) => ({ title: p.name, value: p.id }));
  }

  async function formReply(turn: TurnInfo): Promise<Reply> {
    return { card: 'termination-form', data: formData(turn, await partyChoices(), '') };
  }

  async function statusReply(turn: TurnInfo, active: Notice): Promise<Reply> {
    const locale = turn.actor.locale;
    const { members, channels } = await recipients();
    const reminders = reminderTimes(active.endDate, turn.now).map((r) => formatDay(r.runAt, locale));
    return {
      card: 'termination-status',
      data: {
        text: t(locale, 'termination', 'statusText', { party: active.partyName, noticeDate: formatDay(active.noticeDate, locale), endDate: formatDay(active.endDate, locale), by: active.recordedByName }),
        sent: t(locale, 'termination', 'statusSent', { members: members.length, channels: channels.length }),
        reminders: reminders.length > 0 ? t(locale, 'termination', 'statusReminders', { dates: reminders.join(', ') }) : '',
        noticeId: active.id,
      },
    };
  }

  const forms = {
    notice: form('termination-form', async (turn) => {
      requireRole(turn, 'secretariat');
      return cardOf(await formReply(turn));
    }),
    // The withdrawal's reason is asked on the status card of the notice in force.
    withdraw: form('termination-status', async (turn) => {
      requireRole(turn, 'secretariat');
      const active = (await current())?.active;
      if (!active) throw new Refused(t(turn.actor.locale, 'termination', 'notActiveSentence'));
      return cardOf(await statusReply(turn, active));
    }),
  };

  return defineVerbs({
    'notice.preview': verb(noticeSchema, async (turn, data) => {
      requireRole(turn, 'secretariat');
      const locale = turn.actor.locale;
      const { party, noticeDate } = await checked(turn, data);
      const { members, channels } = await recipients();
      const values = { party: party.name, noticeDate: formatDay(noticeDate, locale), endDate: formatDay(endDateOf(noticeDate), locale) };
      return {
        card: 'termination-preview',
        data: {
          text: t(locale, 'termination', 'previewText', values),
          recipients: t(locale, 'termination', 'previewRecipients', { members: members.length, channels: channels.length }),
          partyId: party.id,
          noticeDate,
          note: data.note.trim(),
        },
      };
    }, { form: forms.notice }),
    'notice.confirm': verb(noticeSchema, async (turn, data) => {
      requireRole(turn, 'secretariat');
      const locale = turn.actor.locale;
      const { party, noticeDate } = await checked(turn, data);
      const draft = {
        id: randomUUID(),
        partyId: party.id,
        partyName: party.name,
        noticeDate,
        note: data.note.trim() || null,
        recordedBy: turn.actor.aadObjectId,
        recordedByName: turn.actor.name,
        recordedAt: turn.now.toISOString(),
      };
      const decision = await repo.changeNotice<NoticeDecision>((doc) => {
        const d = decideNotice(doc, draft, party, isoDate(turn.now));
        return d.kind === 'recorded' ? { write: d.next, result: d } : { result: d };
      });
      if (decision.kind === 'rejected') {
        const active = (await current())?.active;
        throw new AppError(decision.reason === 'alreadyGiven' ? 'CONFLICT' : 'BAD_REQUEST', {
          detail: t(locale, 'termination', decision.reason, { party: active?.partyName ?? '', endDate: active ? formatDay(active.endDate, locale) : '' }),
        });
      }
      const recorded = decision.next.active!;
      await announce(recorded);
      for (const r of reminderTimes(recorded.endDate, turn.now)) {
        await deps.scheduler.schedule<ReminderPayload>({ id: reminderJobId(recorded, r.days), kind: NOTICE_REMINDER_JOB, runAt: r.runAt, payload: { noticeId: recorded.id, days: r.days } });
      }
      turn.log.info({ party: recorded.partyId, endDate: recorded.endDate }, 'notice of termination recorded and announced');
      return statusReply(turn, recorded);
    }, { form: forms.notice, once: true }),
    'notice.withdraw': verb(withdrawSchema, async (turn, data) => {
      requireRole(turn, 'secretariat');
      const locale = turn.actor.locale;
      refuseIdentityNumbers({ reason: data.reason });
      const decision = await repo.changeNotice<WithdrawDecision>((doc) => {
        const d = decideWithdraw(doc, data.noticeId, turn.actor.name, data.reason, turn.now);
        return d.kind === 'withdrawn' ? { write: d.next, result: d } : { result: d };
      });
      if (decision.kind === 'rejected') throw new AppError('STALE', { detail: t(locale, 'termination', 'notActive') });
      const withdrawn = decision.notice;
      for (const r of reminderTimes(withdrawn.endDate, turn.now)) await deps.scheduler.cancel(reminderJobId(withdrawn, r.days), r.runAt);
      const values = (l: 'sv' | 'en') => ({ party: withdrawn.partyName, noticeDate: formatDay(withdrawn.noticeDate, l) });
      await send(`notice:${withdrawn.id}:withdrawn`, {
        template: 'termination-announcement',
        data: { title: bothLocales((l) => t(l, 'termination', 'withdrawnTitle')), text: bothLocales((l) => t(l, 'termination', 'withdrawnText', values(l))), end: bothLocales(() => ''), note: bothLocales(() => '') },
        summary: t(deps.config.defaultLocale, 'termination', 'withdrawnSummary'),
      });
      turn.log.info({ party: withdrawn.partyId }, 'notice of termination withdrawn');
      return { card: 'termination-form', data: formData(turn, await partyChoices(), t(locale, 'termination', 'withdrawnText', values(locale))) };
    }, { form: forms.withdraw, once: true }),
  });
}

function formData(turn: TurnInfo, parties: { title: string; value: string }[], note: string): object {
  return { parties, today: isoDate(turn.now), note };
}

function reminderJobId(notice: Pick<Notice, 'id'>, days: number): string {
  return `notice-reminder:${notice.id}:${days}`;
}
