import { z } from 'zod';
import type { FeatureApp, Reply, TurnInfo } from '../../kit/featureApp';
import { requireRole } from '../../kit/permissions';
import { FieldError, beside, cardOf, form } from '../../kit/forms';
import { parseTypedDate } from '../../dates/typedDates';
import { verb } from '../../kit/verbs';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { t } from '../../i18n';
import { isoDate } from '../../dates/dates';
import type { Stored } from '../../store/types';
import type { Member } from '../../directory/model';
import { splitChoice } from '../../common/text';
import { buildPlanCalendar } from './yearIcs';
import type { YearPlan } from './yearPlanRules';
import { allMeetings, decideAddDate, emptyPlan, proposeFridays, withoutDates, withSeries } from './yearPlanRules';
import { confirmLines, meetingBodies, planEditor, publishedCard } from './yearPlanCards';
import { YEAR_PLAN_PK, YearPlanRepo } from './yearPlanRepo';

export const YEAR_ICS = 'year-ics';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const yearField = z.coerce.number().int();
const openSchema = z.object({ year: yearField }).passthrough();
const proposeSchema = z
  .object({
    year: yearField,
    proposeBody: z.string().min(1).max(100),
    intervalWeeks: z.coerce.number().int().min(1).max(8),
    firstDate: z.string().trim().min(1).max(40),
    proposeStart: z.string().regex(TIME),
    proposeEnd: z.string().regex(TIME),
    skipJuly: z.union([z.boolean(), z.enum(['true', 'false'])]).default('true'),
  })
  .passthrough();
const bodySchema = z.object({ year: yearField, bodyId: z.string().min(1).max(100) }).passthrough();
const confirmedSchema = bodySchema.extend({ confirmed: z.literal(true), date: z.string().regex(DATE), start: z.string().regex(TIME), end: z.string().regex(TIME) });
const publishSchema = z.object({ year: yearField, version: z.coerce.number().int().min(0) }).passthrough();

/** `årsplan`/`year plan`: the secretariat drafts the year's meetings and publishes them to every member. */
export function registerPlan(app: FeatureApp, deps: AppDeps) {
  const repo = new YearPlanRepo(deps.store.containers.directory);
  const read = async (year: number): Promise<Stored<YearPlan> | YearPlan> => (await repo.plan(year)) ?? emptyPlan(year, deps.clock.now());

  app.command(
    {
      names: ['årsplan', 'arsplan', 'year plan', 'yearplan', 'mötesplan', 'meeting plan'],
      display: { sv: 'årsplan', en: 'year plan' },
      description: { sv: t('sv', 'yearPlan', 'commandPlan'), en: t('en', 'yearPlan', 'commandPlan') },
      roles: ['secretariat'],
    },
    async (turn, args) => {
      requireRole(turn, 'secretariat');
      const given = /^\d{4}$/.test(args.trim()) ? Number(args.trim()) : defaultYear(turn.now);
      return [await editor(turn, checkYear(given, turn))];
    },
  );

  app.download(YEAR_ICS, async (params) => {
    const year = Number(params.year);
    if (!Number.isInteger(year)) return undefined;
    const plan = await repo.plan(year);
    if (!plan) return undefined;
    const series = params.draft === '1' ? plan.series : (plan.publishedSeries ?? []);
    const only = params.bodies ? new Set(params.bodies.split(',')) : undefined;
    const names = new Map((await deps.directory.bodies()).map((b) => [b.id, b.name]));
    const events = allMeetings({ series }, only).map((m) => ({
      uid: `arsplan-${year}-${m.bodyId}-${m.date}@lansledning-valfard`,
      title: names.get(m.bodyId) ?? m.bodyId,
      date: m.date,
      start: m.start,
      end: m.end,
    }));
    const body = buildPlanCalendar(t(deps.config.defaultLocale, 'yearPlan', 'calendarName', { year }), events, plan.publishedAt ? new Date(plan.publishedAt) : deps.clock.now(), plan.version);
    return { filename: `arsplan-${year}.ics`, contentType: 'text/calendar; charset=utf-8', body };
  });

  async function change(year: number, apply: (plan: YearPlan) => YearPlan): Promise<void> {
    await repo.changePlan<void>(year, (current) => {
      const before = current ?? emptyPlan(year, deps.clock.now());
      const next = apply(before);
      return next === before ? { result: undefined } : { write: next, result: undefined };
    });
  }

  async function editor(turn: TurnInfo, year: number, note = ''): Promise<Reply> {
    const [plan, bodies, members] = await Promise.all([read(year), deps.directory.bodies(), deps.directory.members()]);
    const draftIcs = deps.links.url(YEAR_ICS, { year: String(year), draft: '1' }, 24 * 3600_000);
    return { card: 'year-plan-editor', data: planEditor(plan, bodies, members.length, turn.actor.locale, { draftIcs }, note) };
  }

  /** Sends the published plan to every member; a republication updates the earlier card in place. */
  async function announce(plan: YearPlan, previous: number | null): Promise<number> {
    const [members, bodies] = await Promise.all([deps.directory.members(), deps.directory.bodies()]);
    const names = new Map(bodies.map((b) => [b.id, b.name]));
    const series = plan.publishedSeries ?? [];
    const planned = new Set(series.map((s) => s.bodyId));
    const ttl = feedLifetime(plan.year, deps.clock.now());
    const allUrl = deps.links.url(YEAR_ICS, { year: String(plan.year) }, ttl);
    const byId = new Map<string, Member>(members.map((m) => [m.aadObjectId, m]));
    await deps.outbox.enqueue({
      batchId: `yearplan:${plan.year}:v${plan.version}`,
      source: { container: 'directory', pk: YEAR_PLAN_PK },
      recipients: members.map((m) => ({ kind: 'member', aadObjectId: m.aadObjectId })),
      message: (recipient) => {
        const member = recipient.kind === 'member' ? byId.get(recipient.aadObjectId) : undefined;
        const locale = member?.locale ?? deps.config.defaultLocale;
        const mine = new Set((member?.bodies ?? []).filter((b) => planned.has(b)));
        const mineUrl = mine.size > 0 ? deps.links.url(YEAR_ICS, { year: String(plan.year), bodies: [...mine].join(',') }, ttl) : '';
        return {
          template: 'year-plan-published',
          data: publishedCard(plan, series, (id) => names.get(id) ?? id, mine, locale, { mine: mineUrl, all: allUrl }),
          locale,
          summary: t(locale, 'yearPlan', 'publishedSummary', { year: plan.year }),
        };
      },
      ...(previous !== null ? { replaces: `yearplan:${plan.year}:v${previous}` } : {}),
    });
    return members.length;
  }

  async function requireBody(bodyId: string, turn: TurnInfo): Promise<void> {
    const body = await deps.directory.body(bodyId);
    if (!body || meetingBodies([body]).length === 0) throw new AppError('BAD_REQUEST', { detail: t(turn.actor.locale, 'yearPlan', 'unknownBody') });
  }

  // The editor is the form of every change to the plan: a refused date comes back in it, beside its input.
  const editorForm = form('year-plan-editor', async (turn, values) => {
    requireRole(turn, 'secretariat');
    const year = Number(values.year);
    return cardOf(await editor(turn, checkYear(Number.isInteger(year) ? year : defaultYear(turn.now), turn)));
  });

  return {
    yearOpen: verb(openSchema, async (turn, data) => {
      requireRole(turn, 'secretariat');
      return editor(turn, checkYear(data.year, turn));
    }),
    yearPropose: verb(proposeSchema, async (turn, data) => {
      requireRole(turn, 'secretariat');
      const year = checkYear(data.year, turn);
      await requireBody(data.proposeBody, turn);
      const firstDate = parseTypedDate(data.firstDate);
      if (!firstDate) throw new FieldError({ firstDate: 'notADate' });
      if (!firstDate.startsWith(`${year}-`)) throw new FieldError({ firstDate: beside(t(turn.actor.locale, 'yearPlan', 'otherYear', { year })) });
      if (!(data.proposeStart < data.proposeEnd)) throw new FieldError({ proposeEnd: 'endBeforeStart' });
      const meetings = proposeFridays({
        year,
        firstDate,
        intervalWeeks: data.intervalWeeks,
        start: data.proposeStart,
        end: data.proposeEnd,
        skipJuly: String(data.skipJuly) === 'true',
      });
      await change(year, (plan) => withSeries(plan, { bodyId: data.proposeBody, intervalWeeks: data.intervalWeeks, meetings }, turn.now));
      return editor(turn, year);
    }, { form: editorForm }),
    yearRemoveDate: verb(bodySchema, async (turn, data) => {
      requireRole(turn, 'secretariat');
      const year = checkYear(data.year, turn);
      await requireBody(data.bodyId, turn);
      const dates = splitChoice(field(data, `remove_${data.bodyId}`)).filter((d) => DATE.test(d));
      await change(year, (plan) => withoutDates(plan, data.bodyId, dates, turn.now));
      return editor(turn, year);
    }, { form: editorForm }),
    yearAddDate: verb(bodySchema, async (turn, raw) => {
      requireRole(turn, 'secretariat');
      const locale = turn.actor.locale;
      const year = checkYear(raw.year, turn);
      await requireBody(raw.bodyId, turn);
      const confirmed = confirmedSchema.safeParse(raw);
      const meeting = confirmed.success
        ? { date: confirmed.data.date, start: confirmed.data.start, end: confirmed.data.end }
        : { date: parseTypedDate(field(raw, `add_${raw.bodyId}`)) ?? '', start: field(raw, `addStart_${raw.bodyId}`) || '09:00', end: field(raw, `addEnd_${raw.bodyId}`) || '12:00' };
      if (!DATE.test(meeting.date)) throw new FieldError({ [`add_${raw.bodyId}`]: field(raw, `add_${raw.bodyId}`).trim() === '' ? 'required' : 'notADate' });
      if (!TIME.test(meeting.start) || !TIME.test(meeting.end)) throw new FieldError({ [`addEnd_${raw.bodyId}`]: 'notATime' });
      const decision = await repo.changePlan<ReturnType<typeof decideAddDate>>(year, (current) => {
        const d = decideAddDate(current ?? emptyPlan(year, turn.now), raw.bodyId, meeting, confirmed.success, turn.now);
        return d.kind === 'added' ? { write: d.plan, result: d } : { result: d };
      });
      if (decision.kind === 'rejected') {
        const key = decision.reason === 'otherYear' ? 'otherYear' : decision.reason === 'badTimes' ? 'badTimes' : 'duplicateDate';
        throw new FieldError({ [`add_${raw.bodyId}`]: beside(t(locale, 'yearPlan', key, { year })) });
      }
      if (decision.kind === 'confirm') {
        return { card: 'year-plan-confirm', data: { lines: confirmLines(meeting.date, locale).map((text) => ({ text })), year, bodyId: raw.bodyId, ...meeting } };
      }
      return editor(turn, year);
    }, { form: editorForm }),
    yearPublish: verb(publishSchema, async (turn, data) => {
      requireRole(turn, 'secretariat');
      const locale = turn.actor.locale;
      const year = checkYear(data.year, turn);
      const now = turn.now;
      const published = await repo.changePlan<{ previous: number | null; plan: YearPlan } | 'stale' | 'empty'>(year, (current) => {
        if (!current || current.version !== data.version) return { result: 'stale' };
        if (current.series.length === 0) return { result: 'empty' };
        const plan: YearPlan = { ...current, publishedVersion: current.version, publishedAt: now.toISOString(), publishedSeries: current.series };
        return { write: plan, result: { previous: current.publishedVersion, plan } };
      });
      if (published === 'stale' || published === 'empty') return editor(turn, year, t(locale, 'yearPlan', 'stalePlan'));
      const count = await announce(published.plan, published.previous);
      turn.log.info({ year, version: published.plan.version, members: count }, 'year plan published');
      return editor(turn, year, t(locale, 'yearPlan', 'publishedDone', { count }));
    }, { once: true }),
  };
}

/** In the autumn the next year is planned; before that, the current one. */
function defaultYear(now: Date): number {
  const [year, month] = isoDate(now).split('-').map(Number) as [number, number];
  return month >= 9 ? year + 1 : year;
}

function checkYear(year: number, turn: TurnInfo): number {
  const current = Number(isoDate(turn.now).slice(0, 4));
  const min = current - 1;
  const max = current + 3;
  if (year < min || year > max) throw new AppError('BAD_REQUEST', { detail: t(turn.actor.locale, 'yearPlan', 'badYear', { min, max }) });
  return year;
}

/** The calendar links work until the end of January after the plan's year. */
function feedLifetime(year: number, now: Date): number {
  return Math.max(24 * 3600_000, Date.UTC(year + 1, 1, 1) - now.getTime());
}

function field(data: Record<string, unknown>, key: string): string {
  const v = data[key];
  return typeof v === 'string' ? v.trim() : '';
}
