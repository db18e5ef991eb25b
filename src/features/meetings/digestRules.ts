import type { DisseminatedItem } from '../../store/disseminationRecords';
import type { DigestDoc, DigestItem, DigestRecipients } from './model';

/** The body whose meetings end with a digest per party (docs/domain.md §10). */
export const DIGEST_BODY = 'lansledning';

/**
 * What one party has to take home after a Länsledning meeting: the meeting's decisions, each
 * broadcast it has yet to acknowledge, and each open remiss addressed to it (answered or not, with
 * its date). `today` is `YYYY-MM-DD` in Swedish time.
 */
export function digestItems(partyId: string, decisions: readonly string[], disseminated: readonly DisseminatedItem[], today: string): DigestItem[] {
  const items: DigestItem[] = decisions.map((text, i) => ({ id: `d${i + 1}`, kind: 'decision', text, ref: null, due: null, answered: null }));
  for (const entry of disseminated) {
    if (entry.item === 'broadcast') {
      const b = entry.broadcast;
      const addressed = b.plan?.parties.some((p) => p.partyId === partyId) ?? false;
      if (b.status === 'sent' && b.requiresAck && addressed && !entry.acked.includes(partyId)) {
        items.push({ id: `b:${entry.id}`, kind: 'ack', text: b.title ?? '', ref: entry.id, due: null, answered: null });
      }
    } else {
      const r = entry.remiss;
      const open = (r.status ?? 'open') === 'open' && (r.dueDate === undefined || r.dueDate >= today);
      if (open && r.partyIds.includes(partyId)) {
        const answered = entry.answered.includes(partyId) || entry.declined.includes(partyId);
        items.push({ id: `r:${entry.id}`, kind: 'remiss', text: r.title ?? '', ref: entry.id, due: r.dueDate ?? null, answered });
      }
    }
  }
  return items;
}

/**
 * A digest again after corrected notes: the new items, with the ticks of every item that is still
 * there with the same text (a changed decision is a new item to take home).
 */
export function revisedTicks(previous: Pick<DigestDoc, 'items' | 'ticks'>, items: readonly DigestItem[]): DigestDoc['ticks'] {
  const before = new Map(previous.items.map((i) => [i.id, i.text]));
  return Object.fromEntries(Object.entries(previous.ticks).filter(([id]) => items.some((i) => i.id === id && before.get(id) === i.text)));
}

export type TickDecision =
  | { kind: 'ticked'; next: DigestDoc }
  | { kind: 'already'; by: string }
  | { kind: 'refused'; reason: 'notYourParty' | 'unknownItem' };

/** "Taken home": a member of the digest's party ticks an item once; the first tick counts. */
export function decideTick(digest: DigestDoc, actor: { aadObjectId: string; name: string; partyId: string }, itemId: string, now: Date): TickDecision {
  if (actor.partyId !== digest.partyId) return { kind: 'refused', reason: 'notYourParty' };
  if (!digest.items.some((i) => i.id === itemId)) return { kind: 'refused', reason: 'unknownItem' };
  const existing = digest.ticks[itemId];
  if (existing) return { kind: 'already', by: existing.name };
  return {
    kind: 'ticked',
    next: { ...digest, ticks: { ...digest.ticks, [itemId]: { aadObjectId: actor.aadObjectId, name: actor.name, at: now.toISOString() } }, updates: digest.updates + 1 },
  };
}

/** Where a party's digest goes: its linked channel and its Länsledning members' own chats. */
export function hasRecipients(recipients: DigestRecipients): boolean {
  return recipients.channel !== null || recipients.members.length > 0;
}

export interface DigestState {
  partyId: string;
  name: string;
  isParty: boolean;
  items: number;
  taken: number;
  reachable: boolean;
}

/** The secretariat's view: per party, how many items were taken home, and whether it could be reached at all. */
export function digestStates(digests: readonly DigestDoc[]): DigestState[] {
  return digests.map((d) => ({
    partyId: d.partyId,
    name: d.partyName,
    isParty: d.isParty,
    items: d.items.length,
    taken: d.items.filter((i) => d.ticks[i.id]).length,
    reachable: hasRecipients(d.recipients),
  }));
}

/** The outbox batch of a digest's `n`th version (0: the first send); each later one updates the earlier in place. */
export function digestBatchId(partyId: string, update: number): string {
  return update === 0 ? `digest-${partyId}` : `digest-${partyId}-u${update}`;
}
