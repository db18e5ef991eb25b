import { DateTime } from 'luxon';
import { z } from 'zod';
import { formatDay } from '../../common/format';
import { TIME_ZONE } from '../../dates/dates';
import type { AppDeps } from '../../deps';
import { t } from '../../i18n';
import type { FeatureApp, Reply, TurnInfo } from '../../kit/featureApp';
import { requireRole } from '../../kit/permissions';
import { verb } from '../../kit/verbs';
import { FieldError, cardOf, form, type FieldProblem } from '../../kit/forms';
import { parseTypedDate } from '../../dates/typedDates';
import { refuseIdentityNumbers } from '../../privacy/identityNumbers';
import { queryAll, updateDoc } from '../../store/concurrency';
import type { FollowUpRecord } from './annualRules';
import { followUpId } from './annualRules';

const ANNUAL_PK = 'annual';
const text = (max: number) => z.string().max(max).optional().transform((v) => (v ?? '').trim());
const recordSchema = z.object({ year: text(10), doneOn: text(10), minutesUrl: text(2000), note: text(1000) });

type Field = 'year' | 'doneOn' | 'minutesUrl';

/**
 * "Överenskommelsen … skall, revideras och följas upp årligen": the secretariat records each
 * year's follow-up (when, who recorded it, the minutes). A recorded year gets no reminder; the
 * same year recorded again is a correction of its record.
 */
export function registerFollowUp(app: FeatureApp, deps: AppDeps) {
  const container = deps.store.containers.directory;

  const reply = async (turn: TurnInfo, values: Record<Field | 'note', string>, problems: Partial<Record<Field, string>> = {}, saved = ''): Promise<Reply> => {
    const l = turn.actor.locale;
    const records = (await queryAll<FollowUpRecord>(container, ANNUAL_PK, "c.type = 'agreement-followup'")).sort((a, b) => b.year - a.year);
    return {
      card: 'year-plan-followup',
      data: {
        ...values,
        saved,
        refused: Object.keys(problems).length > 0,
        yearError: problems.year ?? '',
        doneOnError: problems.doneOn ?? '',
        minutesUrlError: problems.minutesUrl ?? '',
        records: records.map((r) => ({ line: t(l, 'yearPlan', 'followUpRecorded', { year: r.year, date: formatDay(r.doneOn, l), name: r.recordedBy.name, url: r.minutesUrl }) })),
        none: records.length === 0,
      },
    };
  };

  const open = (turn: TurnInfo) => {
    requireRole(turn, 'secretariat');
    const today = DateTime.fromJSDate(turn.now, { zone: TIME_ZONE });
    return reply(turn, { year: String(today.year), doneOn: today.toISODate()!, minutesUrl: '', note: '' });
  };

  // Teams' command menus are full: the form opens from the help card.
  app.quickAction({ verb: 'year.followUpForm', title: { sv: t('sv', 'yearPlan', 'followUpTitle'), en: t('en', 'yearPlan', 'followUpTitle') }, roles: ['secretariat'] });

  return {
    yearFollowUpForm: verb(z.object({}).passthrough(), (turn) => open(turn)),
    yearFollowUp: verb(recordSchema, async (turn, data) => {
      const secretary = requireRole(turn, 'secretariat');
      refuseIdentityNumbers({ note: data.note, minutesUrl: data.minutesUrl, year: data.year, doneOn: data.doneOn });
      const l = turn.actor.locale;
      const today = DateTime.fromJSDate(turn.now, { zone: TIME_ZONE });
      const year = /^\d{4}$/.test(data.year) ? Number(data.year) : NaN;
      const doneOnDay = parseTypedDate(data.doneOn);
      const doneOn = DateTime.fromISO(doneOnDay ?? '', { zone: TIME_ZONE });
      const problems: Partial<Record<Field, FieldProblem>> = {};
      if (!(year >= 2013 && year <= today.year + 1)) problems.year = data.year === '' ? 'required' : { text: t(l, 'yearPlan', 'followUpBadYear') };
      if (!doneOnDay || !doneOn.isValid || doneOn > today) problems.doneOn = data.doneOn === '' ? 'required' : { text: t(l, 'yearPlan', 'followUpBadDate') };
      if (!/^https:\/\/\S+$/i.test(data.minutesUrl)) problems.minutesUrl = data.minutesUrl === '' ? 'required' : { text: t(l, 'yearPlan', 'followUpBadUrl') };
      if (Object.keys(problems).length > 0) throw new FieldError(problems);
      const record: FollowUpRecord = {
        id: followUpId(year),
        pk: ANNUAL_PK,
        type: 'agreement-followup',
        year,
        doneOn: doneOnDay!,
        minutesUrl: data.minutesUrl,
        note: data.note,
        recordedBy: { aadObjectId: secretary.aadObjectId, name: secretary.name },
        recordedAt: turn.now.toISOString(),
      };
      await updateDoc<FollowUpRecord, void>(container, ANNUAL_PK, record.id, () => ({ write: record, result: undefined }));
      turn.log.info({ year }, 'yearly follow-up of the agreement recorded');
      return reply(turn, { ...data, doneOn: doneOnDay! }, {}, t(l, 'yearPlan', 'followUpRecorded', { year, date: formatDay(doneOnDay!, l), name: secretary.name, url: data.minutesUrl }));
    }, { form: form('year-plan-followup', async (turn) => cardOf(await open(turn))) }),
  };
}
