import { z } from 'zod';
import type { FeatureApp, TurnInfo } from '../../kit/featureApp';
import { requireMember, requireRole } from '../../kit/permissions';
import { defineVerbs, verb } from '../../kit/verbs';
import { FieldError, Refused, cardOf, form, type CardReply } from '../../kit/forms';
import { parseTypedDate } from '../../dates/typedDates';
import type { Locale } from '../../config';
import type { AppDeps } from '../../deps';
import { AppError } from '../../errors';
import { t } from '../../i18n';
import { isoDate } from '../../dates/dates';
import { refuseIdentityNumbers } from '../../privacy/identityNumbers';
import { toCsv } from '../../common/csv';
import type { Party } from '../../directory/model';
import type { CostKey, CostSplit } from './costRules';
import { COST_KEY_PK, CostKeyRepo } from './costKeyRepo';
import { checkWeights, keyOn, MAX_AMOUNT, parseAmount, splitCost } from './costRules';
import { formatDay, isValidDate, money, percent } from '../../common/format';
import { costParties } from './costParties';
import { addSchema, divisionSchema, MeetingCostHandlers, removeSchema, yearRequiredSchema, yearSchema } from './meetingCostHandlers';
import { MeetingCostRepo } from './meetingCostRepo';

const MEETING_WORDS = ['möten', 'moten', 'möteskostnader', 'meetings', 'meeting costs'];
import { CSV_LINK_MAX_AGE_MS } from '../../links';

export const COST_CSV = 'cost-split';
const CSV_TTL_MS = CSV_LINK_MAX_AGE_MS;

const splitSchema = z
  .object({
    amount: z.union([z.string().max(40), z.number()]).default(''),
    what: z.string().max(300).default(''),
    kind: z.enum(['project', 'meeting']).default('project'),
    date: z.string().max(10).default(''),
  })
  .passthrough();
const keySchema = z.object({ effectiveFrom: z.string().max(10).default(''), note: z.string().max(500).default('') }).passthrough();

/** `kostnad`/`cost`: the calculator for any member, the distribution key for the secretariat. */
export function registerCostSharing(app: FeatureApp, deps: AppDeps) {
  const repo = new CostKeyRepo(deps.store.containers.directory);
  const keys = () => repo.keys();
  const partiesOf = () => costParties(deps);
  const meetingCosts = new MeetingCostHandlers(deps, new MeetingCostRepo(deps.store.containers.directory), repo);

  app.command(
    {
      names: ['kostnad', 'cost', 'kostnader', 'costs', 'fördelning'],
      display: { sv: 'kostnad', en: 'cost' },
      description: { sv: t('sv', 'costSharing', 'commandCost'), en: t('en', 'costSharing', 'commandCost') },
      roles: 'everyone',
    },
    async (turn, args) => {
      requireMember(turn);
      if (['nyckel', 'key', 'fördelningsnyckel'].includes(args.trim().toLowerCase())) return [await keyCard(turn, '')];
      if (MEETING_WORDS.includes(args.trim().toLowerCase())) return [await meetingCosts.open(turn, undefined)];
      // On first use the secretariat is the one to enter the key: the key form, saying why.
      if (isSecretariat(turn) && (await keys()).length === 0) return [await keyCard(turn, t(turn.actor.locale, 'costSharing', 'keyFirst'))];
      return [calculatorForm(turn)];
    },
  );

  app.download(COST_CSV, async (params) => {
    const amount = parseAmount(params.amount ?? '');
    const date = params.date ?? '';
    if (amount === undefined || !isValidDate(date)) return undefined;
    const computed = await compute(amount, date);
    if (!computed) return undefined;
    const locale = deps.config.defaultLocale;
    const rows = [
      ...[computed.split.region, ...computed.split.municipalities].map((s) => [computed.names.get(s.partyId) ?? s.partyId, percent(s.fraction, locale, 2), s.amount]),
      [t(locale, 'costSharing', 'total'), percent(1, locale, 2), computed.split.total],
    ];
    const header = t(locale, 'costSharing', 'csvHeader').split(';');
    return { filename: `kostnadsfordelning-${date}.csv`, contentType: 'text/csv; charset=utf-8', body: toCsv([header, ...rows]) };
  }, { maxAgeMs: CSV_LINK_MAX_AGE_MS });

  async function compute(amount: number, date: string): Promise<{ split: CostSplit; key: CostKey; names: Map<string, string> } | undefined> {
    const key = keyOn(await keys(), date);
    if (!key) return undefined;
    const { region, municipalities } = await partiesOf();
    const split = splitCost(amount, region.id, municipalities.map((m) => m.id), key.weights);
    const names = new Map<string, string>([region, ...municipalities].map((p: Party) => [p.id, p.name]));
    return { split, key, names };
  }

  function calculatorForm(turn: TurnInfo): CardReply {
    return { card: 'cost-sharing-form', data: { date: isoDate(turn.now), isSecretariat: isSecretariat(turn) } };
  }

  async function keyCard(turn: TurnInfo, note: string): Promise<CardReply> {
    requireRole(turn, 'secretariat');
    const locale = turn.actor.locale;
    const [all, { municipalities }] = await Promise.all([keys(), partiesOf()]);
    const current = keyOn(all, isoDate(turn.now)) ?? all.at(-1);
    const total = current ? municipalities.reduce((s, m) => s + (current.weights[m.id] ?? 0), 0) : 0;
    return {
      card: 'cost-sharing-key',
      data: {
        note,
        current: current ? t(locale, 'costSharing', 'keyCurrent', { date: formatDay(current.effectiveFrom, locale), by: current.savedByName }) : t(locale, 'costSharing', 'keyNone'),
        history: all.length > 1 ? t(locale, 'costSharing', 'keyHistory', { dates: all.map((k) => formatDay(k.effectiveFrom, locale)).join(', ') }) : '',
        effectiveFrom: isoDate(turn.now),
        keyNote: current?.note ?? '',
        rows: municipalities.map((m) => ({
          id: `w_${m.id}`,
          label: m.name,
          value: current?.weights[m.id] !== undefined ? String(current.weights[m.id]) : '',
          share: current && total > 0 ? percent((current.weights[m.id] ?? 0) / total, locale, 2) : '',
        })),
      },
    };
  }

  const forms = {
    calculator: form('cost-sharing-form', (turn) => {
      requireMember(turn);
      return calculatorForm(turn);
    }),
    key: form('cost-sharing-key', (turn) => keyCard(turn, '')),
    meetingCost: form('cost-sharing-meetings', (turn, values) => meetingCosts.show(turn, values)),
    division: form('cost-sharing-meeting-division', async (turn, values) => {
      const year = yearRequiredSchema.safeParse(values);
      return cardOf(await meetingCosts.divisionForm(turn, year.success ? year.data.year : Number(isoDate(turn.now).slice(0, 4))));
    }),
  };

  return defineVerbs({
    'cost.meetings': verb(yearSchema, (turn, data) => meetingCosts.open(turn, data.year)),
    'cost.meetingAdd': verb(addSchema, (turn, data) => meetingCosts.add(turn, data), { form: forms.meetingCost }),
    'cost.meetingRemove': verb(removeSchema, (turn, data) => meetingCosts.remove(turn, data)),
    'cost.meetingDivisionForm': verb(yearRequiredSchema, (turn, data) => meetingCosts.divisionForm(turn, data.year)),
    'cost.meetingDivision': verb(divisionSchema, (turn, data) => meetingCosts.saveDivision(turn, data), { form: forms.division }),
    'cost.key': verb(z.object({}).passthrough(), (turn) => keyCard(turn, '')),
    'cost.keySave': verb(keySchema, async (turn, data) => {
      requireRole(turn, 'secretariat');
      const locale = turn.actor.locale;
      const effectiveFrom = parseTypedDate(data.effectiveFrom);
      if (!effectiveFrom) throw new FieldError({ effectiveFrom: data.effectiveFrom.trim() === '' ? 'required' : 'notADate' });
      refuseIdentityNumbers({ note: data.note });
      const { municipalities } = await partiesOf();
      const weights: Record<string, number> = {};
      for (const m of municipalities) {
        const raw = data[`w_${m.id}`];
        const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim().replace(/\s/g, '').replace(',', '.') : '';
        if (text !== '') weights[m.id] = Number(text);
      }
      const problems = checkWeights(municipalities.map((m) => m.id), weights);
      if (problems.length > 0) {
        const name = new Map(municipalities.map((m) => [m.id, m.name]));
        const detail = problems
          .map((p) => (p.kind === 'allZero' ? t(locale, 'costSharing', 'keyAllZero') : t(locale, 'costSharing', p.kind === 'missing' ? 'keyMissing' : 'keyInvalid', { party: name.get(p.partyId) ?? p.partyId })))
          .join('; ');
        const fields = problems.flatMap((p) => (p.kind === 'allZero' ? [] : [`w_${p.partyId}`]));
        throw new AppError('BAD_REQUEST', { detail, ...(fields.length > 0 ? { field: fields } : {}) });
      }
      const doc: CostKey = {
        id: effectiveFrom,
        pk: COST_KEY_PK,
        type: 'cost-key',
        effectiveFrom,
        weights,
        note: data.note.trim() || null,
        savedBy: turn.actor.aadObjectId,
        savedByName: turn.actor.name,
        savedAt: turn.now.toISOString(),
      };
      await repo.save(doc);
      turn.log.info({ effectiveFrom: doc.effectiveFrom }, 'distribution key saved');
      return keyCard(turn, t(locale, 'costSharing', 'keySaved', { date: formatDay(doc.effectiveFrom, locale) }));
    }, { form: forms.key }),
    'cost.split': verb(splitSchema, async (turn, data) => {
      requireMember(turn);
      const locale = turn.actor.locale;
      // Calculators posted before meeting costs had their own record offered a 50/50 split for them.
      if (data.kind === 'meeting') return { text: t(locale, 'costSharing', 'meetingOnly') };
      refuseIdentityNumbers({ what: data.what });
      const amount = parseAmount(data.amount);
      if (amount === undefined) {
        throw new FieldError({ amount: String(data.amount).trim() === '' ? 'required' : { text: t(locale, 'costSharing', 'badAmountField', { max: money(MAX_AMOUNT, locale) }) } });
      }
      const date = data.date.trim() === '' ? isoDate(turn.now) : parseTypedDate(data.date);
      if (!date) throw new FieldError({ date: 'notADate' });
      const computed = await compute(amount, date);
      if (!computed) {
        // The secretariat enters the key: its form, saying why; a member is told who does.
        if (isSecretariat(turn)) return keyCard(turn, t(locale, 'costSharing', 'noKeySecretariat', { date: formatDay(date, locale) }));
        throw new Refused(t(locale, 'costSharing', 'noKey', { date: formatDay(date, locale) }));
      }
      // The file holds the split only: what it is for stays on the card, out of the URL.
      const csvUrl = deps.links.url(COST_CSV, { amount: String(amount), date }, CSV_TTL_MS, turn.actor.aadObjectId);
      return { card: 'cost-sharing-result', data: resultData(computed, data.what.trim(), locale, csvUrl) };
    }, { form: forms.calculator, once: true }),
  });
}

function resultData(computed: { split: CostSplit; key: CostKey; names: Map<string, string> }, what: string, locale: Locale, csvUrl: string): object {
  const { split, key, names } = computed;
  const row = (s: { partyId: string; fraction: number; amount: number }) => ({ party: names.get(s.partyId) ?? s.partyId, share: percent(s.fraction, locale, 2), amount: money(s.amount, locale) });
  const kindText = t(locale, 'costSharing', 'kindProject');
  return {
    title: t(locale, 'costSharing', 'resultTitle', { amount: money(split.total, locale) }),
    what: what ? t(locale, 'costSharing', 'resultWhat', { kind: kindText, what }) : kindText,
    key: t(locale, 'costSharing', 'resultKey', { date: formatDay(key.effectiveFrom, locale) }),
    rows: [row(split.region), ...split.municipalities.map(row)],
    total: { party: t(locale, 'costSharing', 'total'), share: percent(1, locale, 2), amount: money(split.total, locale) },
    csvUrl,
  };
}

function isSecretariat(turn: TurnInfo): boolean {
  return turn.actor.member?.roles.includes('secretariat') ?? false;
}
