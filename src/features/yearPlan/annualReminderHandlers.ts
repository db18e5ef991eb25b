import { isoDate } from '../../dates/dates';
import { agreementEnded } from '../../store/agreementRecords';
import { z } from 'zod';
import type { FeatureApp, Reply, TurnInfo } from '../../kit/featureApp';
import { requireRole } from '../../kit/permissions';
import { verb } from '../../kit/verbs';
import { FieldError, beside, cardOf, form } from '../../kit/forms';
import type { Locale } from '../../config';
import type { AppDeps } from '../../deps';
import type { JobContext } from '../../delivery/types';
import { t } from '../../i18n';
import type { AnnualSettings, ReminderItem } from './annualRules';
import { AUDIENCE, dueDate, followUpId, isCurrent, nextReminder, REMINDER_ITEMS, validMonthDay, withDefaults } from './annualRules';
import type { FollowUpRecord } from './annualRules';
import { bothLocales, formatDay } from '../../common/format';
import { YearPlanRepo } from './yearPlanRepo';

export const REMINDER_JOB = 'year.reminder';

interface ReminderPayload {
  item: ReminderItem;
  year: number;
}

const ITEM_KEYS = {
  agreementReview: 'itemAgreementReview',
  activityPlanDecided: 'itemActivityPlanDecided',
  activityPlanFollowUp: 'itemActivityPlanFollowUp',
  activityPlanReport: 'itemActivityPlanReport',
  actionPlan: 'itemActionPlan',
  meetingCosts: 'itemMeetingCosts',
} as const satisfies Record<ReminderItem, string>;

const TEXT_KEYS = {
  agreementReview: 'reminderAgreementReview',
  activityPlanDecided: 'reminderActivityPlanDecided',
  activityPlanFollowUp: 'reminderActivityPlanFollowUp',
  activityPlanReport: 'reminderActivityPlanReport',
  actionPlan: 'reminderActionPlan',
  meetingCosts: 'reminderMeetingCosts',
} as const satisfies Record<ReminderItem, string>;

// An empty field is no lead time of zero days: it is asked for.
const leadDaysField = z
  .union([z.string().trim().min(1, 'required').max(2, 'notAWholeNumber'), z.number()])
  .pipe(z.coerce.number({ invalid_type_error: 'notAWholeNumber' }).int('notAWholeNumber').min(0).max(90));
const saveSchema = z.object({ leadDays: leadDaysField }).passthrough();

/**
 * Yearly reminders of the agreement's own cycle: follow-up and revision of the agreement, the
 * committees' activity plans (decided, followed up, reported back) and Länsledning's action plan.
 * The dates are the secretariat's (`årshjul`); each reminder is a durable job that schedules the
 * next year's when it has run.
 */
export function registerAnnualReminders(app: FeatureApp, deps: AppDeps) {
  const repo = new YearPlanRepo(deps.store.containers.directory);
  const settings = async (): Promise<AnnualSettings> => withDefaults(await repo.settings());

  const scheduleAll = async (current: AnnualSettings, now: Date): Promise<void> => {
    for (const item of REMINDER_ITEMS) {
      const next = nextReminder(item, current, now);
      await deps.scheduler.schedule<ReminderPayload>({ id: jobId(item, next.year), kind: REMINDER_JOB, runAt: next.runAt, payload: { item, year: next.year } });
    }
  };

  app.startup(async () => scheduleAll(await settings(), deps.clock.now()));

  deps.scheduler.handle<ReminderPayload>(REMINDER_JOB, async (payload, context) => {
    // The agreement has ended for all parties: the annual cycle stops and is not scheduled again.
    if (await agreementEnded(deps.store.containers.directory, isoDate(context.runAt))) {
      deps.log.info({ item: payload.item }, 'annual reminder not sent: the agreement has ended');
      return;
    }
    const current = await settings();
    if (!isCurrent(payload.item, payload.year, context.runAt, current)) return;
    // The year's follow-up already recorded: no reminder for it, only next year's.
    const done = payload.item === 'agreementReview' && (await deps.store.containers.directory.read<FollowUpRecord>('annual', followUpId(payload.year)));
    if (done) deps.log.info({ year: payload.year }, 'annual follow-up already recorded: no reminder');
    else await remind(payload, current, context);
    const next = nextReminder(payload.item, current, new Date(context.runAt.getTime() + 60_000));
    await deps.scheduler.schedule<ReminderPayload>({ id: jobId(payload.item, next.year), kind: REMINDER_JOB, runAt: next.runAt, payload: { item: payload.item, year: next.year } });
  });

  app.command(
    {
      names: ['årshjul', 'arshjul', 'annual cycle', 'påminnelser', 'reminders'],
      display: { sv: 'årshjul', en: 'annual cycle' },
      description: { sv: t('sv', 'yearPlan', 'commandSettings'), en: t('en', 'yearPlan', 'commandSettings') },
      roles: ['secretariat'],
    },
    async (turn) => {
      requireRole(turn, 'secretariat');
      return [settingsReply(turn, await settings(), '')];
    },
  );

  async function remind(payload: ReminderPayload, current: AnnualSettings, context: JobContext): Promise<void> {
    const due = dueDate(payload.item, payload.year, current);
    const secretariat = await deps.directory.membersWithRole('secretariat');
    const base = `year-reminder:${payload.item}:${payload.year}`;
    const send = async (batchId: string, ids: string[], bodyName: string) => {
      await deps.outbox.enqueue({
        batchId,
        source: { container: 'directory', pk: 'annual' },
        recipients: [...new Set(ids)].map((aadObjectId) => ({ kind: 'member', aadObjectId })),
        message: {
          template: 'year-plan-reminder',
          data: {
            title: bothLocales((l) => t(l, 'yearPlan', 'reminderTitle', { item: t(l, 'yearPlan', ITEM_KEYS[payload.item]) })),
            text: bothLocales((l) => t(l, 'yearPlan', TEXT_KEYS[payload.item], { body: bodyName })),
            due: bothLocales((l) => t(l, 'yearPlan', 'reminderDue', { date: formatDay(due, l) })),
          },
          summary: t(deps.config.defaultLocale, 'yearPlan', 'reminderTitle', { item: t(deps.config.defaultLocale, 'yearPlan', ITEM_KEYS[payload.item]) }),
        },
      });
    };
    if (AUDIENCE[payload.item] === 'leadership') {
      const chairs = await deps.directory.membersWithRole('chair');
      await send(base, [...secretariat, ...chairs].map((m) => m.aadObjectId), '');
    } else {
      const committees = (await deps.directory.bodies()).filter((b) => b.id.startsWith('utskott-'));
      for (const committee of committees) {
        const members = await deps.directory.membersOfBody(committee.id);
        await send(`${base}:${committee.id}`, [...members, ...secretariat].map((m) => m.aadObjectId), committee.name);
      }
    }
    deps.log.info({ item: payload.item, year: payload.year, runAt: context.runAt.toISOString() }, 'annual reminder sent');
  }

  return {
    yearSettings: verb(z.object({}).passthrough(), async (turn) => {
      requireRole(turn, 'secretariat');
      return settingsReply(turn, await settings(), '');
    }),
    yearSettingsSave: verb(saveSchema, async (turn, data) => {
      requireRole(turn, 'secretariat');
      const locale = turn.actor.locale;
      // A card posted before an item joined the cycle has no field for it: its date stays as it is.
      const before = await settings();
      const dates = Object.fromEntries(
        REMINDER_ITEMS.map((item) => [item, `date_${item}` in data ? field(data, `date_${item}`) : before.dates[item]]),
      ) as Record<ReminderItem, string>;
      const bad = REMINDER_ITEMS.filter((item) => !validMonthDay(dates[item]));
      if (bad.length > 0) {
        throw new FieldError(Object.fromEntries(bad.map((item) => [`date_${item}`, beside(t(locale, 'yearPlan', 'settingsBadDate', { item: t(locale, 'yearPlan', ITEM_KEYS[item]) }))])));
      }
      const saved = await repo.changeSettings<AnnualSettings>((current) => {
        const next: AnnualSettings = { ...withDefaults(current), leadDays: data.leadDays, dates, updatedAt: turn.now.toISOString(), updatedBy: turn.actor.aadObjectId };
        return { write: next, result: next };
      });
      await scheduleAll(saved, turn.now);
      turn.log.info({ leadDays: saved.leadDays }, 'annual reminder dates saved');
      const next = REMINDER_ITEMS.map((item) => nextReminder(item, saved, turn.now))
        .sort((a, b) => a.runAt.getTime() - b.runAt.getTime())
        .slice(0, 2)
        .map((n) => formatDay(n.runAt, locale))
        .join(', ');
      return settingsReply(turn, saved, t(locale, 'yearPlan', 'settingsSaved', { next }));
    }, { form: form('year-plan-settings', async (turn) => {
      requireRole(turn, 'secretariat');
      return cardOf(settingsReply(turn, await settings(), ''));
    }) }),
  };
}

function settingsReply(turn: TurnInfo, settings: AnnualSettings, note: string): Reply {
  const locale: Locale = turn.actor.locale;
  return {
    card: 'year-plan-settings',
    data: {
      intro: t(locale, 'yearPlan', 'settingsIntro', { days: settings.leadDays }),
      note,
      leadDays: String(settings.leadDays),
      items: REMINDER_ITEMS.map((item) => ({
        id: `date_${item}`,
        label: t(locale, 'yearPlan', ITEM_KEYS[item]),
        value: settings.dates[item],
        next: t(locale, 'yearPlan', 'settingsNext', { date: formatDay(nextReminder(item, settings, turn.now).runAt, locale) }),
      })),
    },
  };
}

function jobId(item: ReminderItem, year: number): string {
  return `year-reminder:${item}:${year}`;
}

function field(data: Record<string, unknown>, key: string): string {
  const v = data[key];
  return typeof v === 'string' ? v.trim() : '';
}
