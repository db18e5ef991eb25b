import type { Block, DashboardInput, Row, Table } from '../../kit/dashboard';
import { median, percent } from '../../kit/dashboard';
import type { Locale } from '../../config';
import type { DeliveryView } from '../../delivery/types';
import { t } from '../../i18n';
import { formatShortDate, formatShortDateTime } from '../../dates/dates';
import type { Counted } from '../../common/partyCounts';
import type { AckDoc, BroadcastDoc, BroadcastKind, RecipientPlan, RemissAnswerDoc, RemissDoc } from './model';
import { summariseDeliveries } from './progressRules';
import { answerStates, remissDeadline } from './remissRules';
import { partiesDoneText, partiesText } from '../../common/partyCounts';
import { partyCounted } from './audienceRules';

/** A sent broadcast with its acknowledgements and the outbox's records of its sending. */
export interface BroadcastRecord {
  broadcast: Pick<BroadcastDoc, 'id' | 'title' | 'kind' | 'requiresAck' | 'sentAt' | 'plan'>;
  acks: Pick<AckDoc, 'partyId' | 'at'>[];
  deliveries: DeliveryView[];
}

/** A remiss with the parties' answers. */
export interface RemissRecord {
  remiss: Pick<RemissDoc, 'id' | 'title' | 'dueDate' | 'plan' | 'createdAt'>;
  answers: Pick<RemissAnswerDoc, 'partyId' | 'state' | 'firstAt' | 'at'>[];
}

/** How many broadcasts and remisser the Dissemination view shows party by party. */
export const RECENT_ITEMS = 5;

type Key = Parameters<typeof t<'dashboard'>>[2];
const s = (locale: Locale, key: Key, values?: Record<string, string | number>) => t(locale, 'dashboard', key, values);

const KIND_KEY: Record<BroadcastKind, Key> = { decision: 'kindDecision', information: 'kindInformation', orgChange: 'kindOrgChange' };

/** Rows in the order the tab lists the parties (the agreement's), parties it does not know last. */
function inPartyOrder<T extends { partyId: string }>(rows: readonly T[], input: DashboardInput): T[] {
  const order = input.parties.map((p) => p.id);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return [...rows].sort((a, b) => rank(a.partyId) - rank(b.partyId) || a.partyId.localeCompare(b.partyId));
}

function names(input: DashboardInput): (id: string) => string {
  const map = new Map(input.parties.map((p) => [p.id, p.name]));
  return (id) => map.get(id) ?? id;
}

/** Each planned party as the summaries count it: one of the eleven, or named apart (HUFB). */
function countedParties(plan: Pick<RecipientPlan, 'parties'> | null): Map<string, Counted> {
  return new Map((plan?.parties ?? []).map((p) => [p.partyId, partyCounted(p)]));
}

/** A broadcast party by party: recipients, delivered, failed, pending, and the party's acknowledgement. */
export function broadcastTable(record: BroadcastRecord, input: DashboardInput): Table {
  const { locale } = input;
  const { broadcast } = record;
  const summary = summariseDeliveries(broadcast.plan ?? { parties: [], sharedChannel: null }, record.deliveries);
  const acks = new Map(record.acks.map((a) => [a.partyId, a.at]));
  const ackCell = (partyId: string) => {
    if (!broadcast.requiresAck) return null;
    const at = acks.get(partyId);
    return at ? formatShortDateTime(new Date(at), locale) : s(locale, 'notYet');
  };
  const counted = countedParties(broadcast.plan);
  const ackTotal = () =>
    partiesDoneText(
      locale,
      summary.parties.map((p) => ({ ...(counted.get(p.partyId) ?? { name: p.name, isParty: true }), done: acks.has(p.partyId) })),
      { done: s(locale, 'acked'), not: s(locale, 'notAcked') },
    );
  const rows: Row[] = inPartyOrder(summary.parties, input).map((p) => ({
    party: p.partyId,
    cells: [names(input)(p.partyId), p.total, p.delivered, p.failed + p.gone, p.pending, ackCell(p.partyId)],
  }));
  if (summary.sharedChannel) {
    const c = summary.sharedChannel;
    rows.push({ party: null, cells: [s(locale, 'sharedChannel', { name: c.name }), c.total, c.delivered, c.failed + c.gone, c.pending, null] });
  }
  const totals = summary.totals;
  rows.push({
    party: null,
    total: true,
    cells: [
      s(locale, 'total'),
      totals.total,
      totals.delivered,
      totals.failed + totals.gone,
      totals.pending,
      broadcast.requiresAck ? ackTotal() : s(locale, 'ackNotAsked'),
    ],
  });
  return {
    id: `broadcast-${broadcast.id}`,
    caption: s(locale, 'broadcastCaption', { title: broadcast.title }),
    columns: [
      { label: s(locale, 'colParty'), kind: 'text' },
      { label: s(locale, 'colRecipients'), kind: 'count' },
      { label: s(locale, 'colDelivered'), kind: 'count' },
      { label: s(locale, 'colFailed'), kind: 'count' },
      { label: s(locale, 'colPending'), kind: 'count' },
      { label: s(locale, 'colAckedBy'), kind: 'text' },
    ],
    rows,
    empty: s(locale, 'broadcastsNone'),
  };
}

/** A remiss party by party: answered, declined or missing, when, and whether it came by the due date. */
export function remissTable(record: RemissRecord, input: DashboardInput): Table {
  const { locale, now } = input;
  const deadline = remissDeadline(record.remiss.dueDate);
  const passed = now.getTime() >= deadline.getTime();
  const states = inPartyOrder(answerStates(record.remiss, record.answers as RemissAnswerDoc[]), input);
  const stateKey: Record<'answered' | 'declined' | 'none', Key> = { answered: 'stateAnswered', declined: 'stateDeclined', none: 'stateMissing' };
  const counted = countedParties(record.remiss.plan);
  const isParty = (partyId: string) => counted.get(partyId)?.isParty !== false;
  const eleven = states.filter((x) => isParty(x.partyId));
  const count = (state: 'answered' | 'declined' | 'none') => eleven.filter((x) => x.state === state).length;
  const totals = [
    s(locale, 'remissTotals', { who: partiesText(locale, eleven.map((x) => counted.get(x.partyId)!)), answered: count('answered'), declined: count('declined'), missing: count('none') }),
    ...states.filter((x) => !isParty(x.partyId)).map((x) => t(locale, 'parties', 'apart', { name: x.name, state: s(locale, stateKey[x.state]).toLocaleLowerCase(locale) })),
  ].join(' · ');
  const inTime = (answer: RemissRecord['answers'][number] | undefined): string | null =>
    answer ? s(locale, Date.parse(answer.firstAt) < deadline.getTime() ? 'yes' : 'no') : passed ? s(locale, 'no') : null;
  return {
    id: `remiss-${record.remiss.id}`,
    caption: s(locale, 'remissCaption', { title: record.remiss.title }),
    columns: [
      { label: s(locale, 'colParty'), kind: 'text' },
      { label: s(locale, 'colState'), kind: 'text' },
      { label: s(locale, 'colWhen'), kind: 'text' },
      { label: s(locale, 'colInTime'), kind: 'text' },
    ],
    rows: [
      ...states.map(
        (x): Row => ({
          party: x.partyId,
          cells: [names(input)(x.partyId), s(locale, stateKey[x.state]), x.answer ? formatShortDateTime(new Date(x.answer.at), locale) : null, inTime(x.answer)],
        }),
      ),
      {
        party: null,
        total: true,
        cells: [s(locale, 'total'), totals, null, null],
      },
    ],
    empty: s(locale, 'remissNone'),
  };
}

/** The Dissemination view: the latest broadcasts and remisser, each party by party. */
export function disseminationView(broadcasts: readonly BroadcastRecord[], remisser: readonly RemissRecord[], input: DashboardInput): Block[] {
  const { locale, now } = input;
  const blocks: Block[] = [{ kind: 'heading', text: s(locale, 'broadcastsHeading'), note: s(locale, 'broadcastsNote', { n: RECENT_ITEMS }) }];
  if (broadcasts.length === 0) blocks.push({ kind: 'text', text: s(locale, 'broadcastsNone') });
  for (const b of broadcasts) {
    const when = b.broadcast.sentAt ? formatShortDateTime(new Date(b.broadcast.sentAt), locale) : s(locale, 'noValue');
    const kind = s(locale, KIND_KEY[b.broadcast.kind]);
    blocks.push({ kind: 'heading', text: b.broadcast.title, note: s(locale, b.broadcast.requiresAck ? 'broadcastNoteAck' : 'broadcastNote', { kind, when }) });
    blocks.push({ kind: 'table', table: broadcastTable(b, input) });
  }
  blocks.push({ kind: 'heading', text: s(locale, 'remissHeading'), note: s(locale, 'remissNote', { n: RECENT_ITEMS }) });
  if (remisser.length === 0) blocks.push({ kind: 'text', text: s(locale, 'remissNone') });
  for (const r of remisser) {
    const deadline = remissDeadline(r.remiss.dueDate);
    const due = formatShortDate(new Date(`${r.remiss.dueDate}T12:00:00Z`), locale);
    const daysLeft = Math.ceil((deadline.getTime() - now.getTime()) / 86_400_000);
    const note =
      daysLeft <= 0
        ? s(locale, 'remissDuePassed', { due })
        : `${s(locale, 'remissDueOpen', { due })} · ${s(locale, 'countDaysLeft', { n: daysLeft })} · ${partiesText(locale, [...countedParties(r.remiss.plan).values()])}`;
    blocks.push({ kind: 'heading', text: r.remiss.title, note });
    blocks.push({ kind: 'table', table: remissTable(r, input) });
  }
  return blocks;
}


interface PartyDissemination {
  asked: number;
  acked: number;
  remisser: number;
  answered: number;
  declined: number;
  answerDays: number[];
}

/** The year's acknowledgement rates and remiss answers per party, as charts with their tables. */
export function disseminationYearView(broadcasts: readonly BroadcastRecord[], remisser: readonly RemissRecord[], input: DashboardInput): Block[] {
  const { locale } = input;
  const rows = new Map<string, PartyDissemination>();
  // The total is the eleven's ("Totalt, 11 parter"); a party beside them (HUFB) has its own row and is not in it.
  const total: PartyDissemination = { asked: 0, acked: 0, remisser: 0, answered: 0, declined: 0, answerDays: [] };
  const apart = new Set<string>();
  const row = (p: Parameters<typeof partyCounted>[0]) => {
    let r = rows.get(p.partyId);
    if (!r) rows.set(p.partyId, (r = { asked: 0, acked: 0, remisser: 0, answered: 0, declined: 0, answerDays: [] }));
    if (!partyCounted(p).isParty) apart.add(p.partyId);
    return apart.has(p.partyId) ? [r] : [r, total];
  };
  for (const b of broadcasts) {
    if (!b.broadcast.requiresAck) continue;
    const acked = new Set(b.acks.map((a) => a.partyId));
    for (const p of b.broadcast.plan?.parties ?? []) {
      for (const c of row(p)) {
        c.asked += 1;
        if (acked.has(p.partyId)) c.acked += 1;
      }
    }
  }
  for (const r of remisser) {
    const answers = new Map(r.answers.map((a) => [a.partyId, a]));
    for (const p of r.remiss.plan.parties) {
      const a = answers.get(p.partyId);
      for (const c of row(p)) {
        c.remisser += 1;
        if (a?.state === 'answered') c.answered += 1;
        if (a?.state === 'declined') c.declined += 1;
        if (a) c.answerDays.push((Date.parse(a.firstAt) - Date.parse(r.remiss.createdAt)) / 86_400_000);
      }
    }
  }
  const ids = inPartyOrder([...rows.keys()].map((partyId) => ({ partyId })), input).map((r) => r.partyId);
  const table = (id: string, caption: Key, columns: Table['columns'], cells: (r: PartyDissemination) => (number | null)[], include: (r: PartyDissemination) => boolean): Table => {
    const shown = ids.filter((i) => include(rows.get(i)!));
    const partyRow = (i: string): Row => ({ party: i, cells: [names(input)(i), ...cells(rows.get(i)!)] });
    const ofEleven = shown.filter((i) => !apart.has(i));
    return {
      id,
      caption: s(locale, caption),
      columns: [{ label: s(locale, 'colParty'), kind: 'text' }, ...columns],
      rows: [
        ...ofEleven.map(partyRow),
        ...shown.filter((i) => apart.has(i)).map(partyRow),
        ...(ofEleven.length > 0 ? [{ party: null, total: true, cells: [s(locale, 'totalEleven', { n: ofEleven.length }), ...cells(total)] }] : []),
      ],
      empty: s(locale, 'yearNoDissemination'),
    };
  };
  const ackBroadcasts = broadcasts.filter((b) => b.broadcast.requiresAck).length;
  return [
    {
      kind: 'heading',
      text: s(locale, 'yearAcksHeading'),
      note: `${s(locale, 'countBroadcastsYear', { n: ackBroadcasts })} · ${s(locale, 'countRemisserYear', { n: remisser.length })}`,
    },
    {
      kind: 'chart',
      chart: { category: 0, series: [3], stacked: false, unit: 'percent' },
      table: table(
        'year-acks',
        'yearAcksCaption',
        [
          { label: s(locale, 'colAsked'), kind: 'count' },
          { label: s(locale, 'colAckedCount'), kind: 'count' },
          { label: s(locale, 'colAckRate'), kind: 'percent' },
        ],
        (r) => [r.asked, r.acked, percent(r.acked, r.asked)],
        (r) => r.asked > 0,
      ),
    },
    {
      kind: 'chart',
      chart: { category: 0, series: [5], stacked: false, unit: 'percent' },
      table: table(
        'year-remisser',
        'yearRemissCaption',
        [
          { label: s(locale, 'colRemisser'), kind: 'count' },
          { label: s(locale, 'colAnswered'), kind: 'count' },
          { label: s(locale, 'colDeclined'), kind: 'count' },
          { label: s(locale, 'colMissing'), kind: 'count' },
          { label: s(locale, 'colAnswerRate'), kind: 'percent' },
          { label: s(locale, 'colMedianDays'), kind: 'days' },
        ],
        (r) => [r.remisser, r.answered, r.declined, r.remisser - r.answered - r.declined, percent(r.answered, r.remisser), median(r.answerDays)],
        (r) => r.remisser > 0,
      ),
    },
  ];
}
