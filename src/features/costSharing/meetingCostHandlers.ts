import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Reply, TurnInfo } from '../../kit/featureApp';
import { requireMember, requireRole } from '../../kit/permissions';
import type { Locale } from '../../config';
import type { AppDeps } from '../../deps';
import { t } from '../../i18n';
import { isoDate } from '../../dates/dates';
import { FieldError, cardOf, type CardReply, type FieldProblem, type FormValues } from '../../kit/forms';
import { refuseIdentityNumbers } from '../../privacy/identityNumbers';
import { formatDay, isValidDate, money, percent } from '../../common/format';
import type { CostKeyRepo } from './costKeyRepo';
import { costParties } from './costParties';
import type { CostSplit } from './costRules';
import { keyOn, parseAmount, splitCost } from './costRules';
import type { MeetingCostRepo } from './meetingCostRepo';
import type { DivisionProblem, EntryProblem, MeetingCostEntry, MeetingCostYear } from './meetingCostRules';
import { addEntry, divisionProblems, entryProblems, removeEntry, yearTotal } from './meetingCostRules';

const yearField = z.coerce.number().int().min(2000).max(2099);
export const yearSchema = z.object({ year: yearField.optional() }).passthrough();
export const yearRequiredSchema = z.object({ year: yearField }).passthrough();
export const addSchema = z
  .object({
    year: yearField,
    formId: z.string().uuid(),
    date: z.string().max(10).default(''),
    what: z.string().max(300).default(''),
    amount: z.union([z.string().max(40), z.number()]).default(''),
  })
  .passthrough();
export const removeSchema = z.object({ year: yearField, entryId: z.string().uuid() }).passthrough();
export const divisionSchema = z
  .object({
    year: yearField,
    region: z.union([z.string().max(20), z.number()]).default(''),
    municipalities: z.union([z.string().max(20), z.number()]).default(''),
    municipalShares: z.enum(['key', 'together']).default('key'),
    decidedOn: z.string().max(10).default(''),
    basis: z.string().max(300).default(''),
  })
  .passthrough();

type Deps = Pick<AppDeps, 'directory'>;
type FieldProblems = Partial<Record<EntryProblem | DivisionProblem, string>>;

const ENTRY_PROBLEM_KEYS = { date: 'meetingBadDate', what: 'meetingBadWhat', amount: 'meetingBadAmount' } as const;
const DIVISION_PROBLEM_KEYS = { weights: 'divisionBadWeights', decidedOn: 'divisionBadDate', basis: 'divisionBadBasis' } as const;

/**
 * Meeting costs per year (docs/domain.md §14): the secretariat records them, and the division
 * between the region and the municipalities is recorded as the parties decide it. No key is
 * assumed: until a division is recorded, the year's total is shown undivided.
 */
export class MeetingCostHandlers {
  constructor(
    private readonly deps: Deps,
    private readonly repo: MeetingCostRepo,
    private readonly keys: CostKeyRepo,
  ) {}

  /** `cost.meetings`: the year's costs and their division, for any member; the forms for the secretariat. */
  async open(turn: TurnInfo, year: number | undefined, note = ''): Promise<Reply> {
    requireMember(turn);
    const y = year ?? Number(isoDate(turn.now).slice(0, 4));
    return this.yearCard(turn, await this.repo.year(y), { note });
  }

  /** The year's card again for what was sent to `cost.meetingAdd`: its form id kept, so a corrected press records the cost once. */
  async show(turn: TurnInfo, values: FormValues): Promise<CardReply> {
    requireRole(turn, 'secretariat');
    const year = yearField.safeParse(values.year);
    const y = year.success ? year.data : Number(isoDate(turn.now).slice(0, 4));
    const formId = z.string().uuid().safeParse(values.formId);
    return cardOf(await this.yearCard(turn, await this.repo.year(y), formId.success ? { formId: formId.data } : {}));
  }

  async add(turn: TurnInfo, data: z.infer<typeof addSchema>): Promise<Reply> {
    requireRole(turn, 'secretariat');
    const locale = turn.actor.locale;
    const what = data.what.trim();
    const date = data.date.trim();
    refuseIdentityNumbers({ what });
    const amount = parseAmount(data.amount);
    const problems = entryProblems(data.year, { date: isValidDate(date) ? date : '', what, amount });
    if (problems.length > 0) throw new FieldError(besideFields(fieldProblems(problems, ENTRY_PROBLEM_KEYS, locale, data.year)));
    const entry = { id: data.formId, date, what, amount: amount!, byName: turn.actor.name, at: turn.now.toISOString() };
    const { added, doc } = await this.repo.change(data.year, (current) => {
      const d = addEntry(current, entry);
      return d.added ? { next: d.next, result: { added: true, doc: d.next } } : { result: { added: false, doc: current } };
    });
    if (added) turn.log.info({ year: data.year }, 'meeting cost recorded');
    return this.yearCard(turn, doc, { note: t(locale, 'costSharing', 'meetingAdded', { what, amount: money(entry.amount, locale) }) });
  }

  async remove(turn: TurnInfo, data: z.infer<typeof removeSchema>): Promise<Reply> {
    requireRole(turn, 'secretariat');
    const locale = turn.actor.locale;
    const { removed, doc } = await this.repo.change<{ removed: MeetingCostEntry | undefined; doc: MeetingCostYear }>(data.year, (current) => {
      const d = removeEntry(current, data.entryId);
      return d.removed ? { next: d.next, result: { removed: d.removed, doc: d.next } } : { result: { removed: undefined, doc: current } };
    });
    if (!removed) return this.yearCard(turn, doc, { problem: t(locale, 'costSharing', 'meetingGone', { year: data.year }) });
    turn.log.info({ year: data.year }, 'meeting cost removed');
    return this.yearCard(turn, doc, { note: t(locale, 'costSharing', 'meetingRemoved', { what: removed.what, amount: money(removed.amount, locale) }) });
  }

  /** `cost.meetingDivisionForm`: the form for the division the parties decided. */
  async divisionForm(turn: TurnInfo, year: number, values?: Record<string, string>, problems: FieldProblems = {}): Promise<Reply> {
    requireRole(turn, 'secretariat');
    const current = (await this.repo.year(year)).division;
    return {
      card: 'cost-sharing-meeting-division',
      data: {
        year,
        title: t(turn.actor.locale, 'costSharing', 'divisionTitle', { year }),
        values: values ?? {
          region: current ? String(current.region) : '',
          municipalities: current ? String(current.municipalities) : '',
          municipalShares: current?.municipalShares ?? 'key',
          decidedOn: current?.decidedOn ?? '',
          basis: current?.basis ?? '',
        },
        problems: { weights: problems.weights ?? '', decidedOn: problems.decidedOn ?? '', basis: problems.basis ?? '' },
      },
    };
  }

  async saveDivision(turn: TurnInfo, data: z.infer<typeof divisionSchema>): Promise<Reply> {
    requireRole(turn, 'secretariat');
    const locale = turn.actor.locale;
    const basis = data.basis.trim();
    refuseIdentityNumbers({ basis });
    const region = parseWeight(data.region);
    const municipalities = parseWeight(data.municipalities);
    const decidedOn = data.decidedOn.trim();
    const problems = divisionProblems({ region, municipalities, decidedOn, basis }, isValidDate);
    if (problems.length > 0) {
      // The weights' problem concerns both of them: it stands beside the first.
      const { weights, ...rest } = fieldProblems(problems, DIVISION_PROBLEM_KEYS, locale, data.year);
      throw new FieldError(besideFields({ ...rest, ...(weights ? { region: weights } : {}) }));
    }
    const division = { region, municipalities, municipalShares: data.municipalShares, decidedOn, basis, savedByName: turn.actor.name, savedAt: turn.now.toISOString() };
    const doc = await this.repo.change(data.year, (current) => {
      const next = { ...current, division };
      return { next, result: next };
    });
    turn.log.info({ year: data.year }, 'meeting cost division recorded');
    return this.yearCard(turn, doc, { note: t(locale, 'costSharing', 'divisionSaved', { year: data.year }) });
  }

  private async yearCard(
    turn: TurnInfo,
    doc: MeetingCostYear,
    options: { note?: string; problem?: string; entryProblems?: FieldProblems; entryValues?: Record<string, string>; formId?: string },
  ): Promise<Reply> {
    const locale = turn.actor.locale;
    const total = yearTotal(doc);
    const division = doc.division;
    const split = division && total > 0 ? await this.split(doc, total, locale) : undefined;
    const isSecretariat = turn.actor.member?.roles.includes('secretariat') ?? false;
    return {
      card: 'cost-sharing-meetings',
      data: {
        year: doc.year,
        previousYear: doc.year - 1,
        nextYear: doc.year + 1,
        previousLabel: t(locale, 'costSharing', 'meetingsPrevious', { year: doc.year - 1 }),
        nextLabel: t(locale, 'costSharing', 'meetingsNext', { year: doc.year + 1 }),
        title: t(locale, 'costSharing', 'meetingsTitle', { year: doc.year }),
        note: options.note ?? '',
        problem: options.problem ?? '',
        entries: doc.entries.map((e) => ({ id: e.id, line: `${formatDay(e.date, locale)} · ${e.what}`, amount: money(e.amount, locale), by: e.byName })),
        hasEntries: doc.entries.length > 0,
        total: t(locale, 'costSharing', 'meetingsTotal', { amount: money(total, locale) }),
        division: division
          ? t(locale, 'costSharing', division.municipalShares === 'key' ? 'divisionByKey' : 'divisionTogether', {
              region: percent(division.region / (division.region + division.municipalities), locale, 2),
              municipalities: percent(division.municipalities / (division.region + division.municipalities), locale, 2),
              decidedOn: formatDay(division.decidedOn, locale),
              basis: division.basis,
            })
          : t(locale, 'costSharing', 'divisionNone', { year: doc.year }),
        hasDivision: division !== null,
        rows: split ? split.rows : [],
        keyLine: split?.keyLine ?? '',
        hasSplit: split !== undefined,
        isSecretariat,
        formId: options.formId ?? randomUUID(),
        values: options.entryValues ?? { date: '', what: '', amount: '' },
        problems: { date: options.entryProblems?.date ?? '', what: options.entryProblems?.what ?? '', amount: options.entryProblems?.amount ?? '' },
      },
    };
  }

  /** The year's total divided as decided: the municipalities' part by the key in force at the year's end, or together. */
  private async split(doc: MeetingCostYear, total: number, locale: Locale): Promise<{ rows: { party: string; share: string; amount: string }[]; keyLine: string }> {
    const division = doc.division!;
    const { region, municipalities } = await costParties(this.deps);
    const key = division.municipalShares === 'key' ? keyOn(await this.keys.keys(), `${doc.year}-12-31`) : undefined;
    const result: CostSplit = splitCost(total, region.id, municipalities.map((m) => m.id), key?.weights ?? {}, { ...division, municipalShares: key ? 'key' : 'together' });
    const names = new Map([region, ...municipalities].map((p) => [p.id, p.name]));
    const row = (s: { partyId: string; fraction: number; amount: number }) => ({
      party: names.get(s.partyId) ?? t(locale, 'costSharing', 'municipalitiesTogether'),
      share: percent(s.fraction, locale, 2),
      amount: money(s.amount, locale),
    });
    const parts = key ? [result.region, ...result.municipalities] : [result.region, result.municipalPart];
    const keyLine =
      division.municipalShares !== 'key'
        ? ''
        : key
          ? t(locale, 'costSharing', 'resultKey', { date: formatDay(key.effectiveFrom, locale) })
          : t(locale, 'costSharing', 'divisionNoKey', { year: doc.year });
    return {
      rows: [...parts.map(row), { party: t(locale, 'costSharing', 'total'), share: percent(1, locale, 2), amount: money(total, locale) }],
      keyLine,
    };
  }
}

function besideFields(problems: Readonly<Record<string, string | undefined>>): Record<string, FieldProblem> {
  return Object.fromEntries(Object.entries(problems).flatMap(([field, text]) => (text ? [[field, { text }]] : [])));
}

function parseWeight(raw: string | number): number {
  const text = typeof raw === 'number' ? String(raw) : raw.trim().replace(/\s/g, '').replace(',', '.').replace(/%$/, '');
  return text === '' ? Number.NaN : Number(text);
}

function fieldProblems<P extends string>(problems: readonly P[], keys: Record<P, Parameters<typeof t<'costSharing'>>[2]>, locale: Locale, year: number): Partial<Record<P, string>> {
  return Object.fromEntries(problems.map((p) => [p, t(locale, 'costSharing', keys[p], { year })])) as Partial<Record<P, string>>;
}
