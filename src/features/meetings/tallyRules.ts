import type { Invitee, RsvpResponse } from './model';

export interface PartyCount {
  partyId: string;
  invited: number;
  attending: number;
  absent: number;
  notAnswered: number;
  read: number;
}

export interface Tally {
  parties: PartyCount[];
  total: Omit<PartyCount, 'partyId'>;
}

/**
 * Counts per party, computed from one document per member's answer (never a stored counter), in
 * the order of `partyOrder` (parties not in it last, by id).
 */
export function tallyByParty(
  participants: readonly Invitee[],
  answers: ReadonlyMap<string, RsvpResponse>,
  read: ReadonlySet<string>,
  partyOrder: readonly string[] = [],
): Tally {
  const rows = new Map<string, PartyCount>();
  const total = { invited: 0, attending: 0, absent: 0, notAnswered: 0, read: 0 };
  for (const p of participants) {
    const row = rows.get(p.partyId) ?? { partyId: p.partyId, invited: 0, attending: 0, absent: 0, notAnswered: 0, read: 0 };
    const answer = answers.get(p.aadObjectId);
    const column = answer === 'attend' ? 'attending' : answer === 'absent' ? 'absent' : 'notAnswered';
    row.invited += 1;
    row[column] += 1;
    total.invited += 1;
    total[column] += 1;
    if (read.has(p.aadObjectId)) {
      row.read += 1;
      total.read += 1;
    }
    rows.set(p.partyId, row);
  }
  const rank = (id: string) => {
    const i = partyOrder.indexOf(id);
    return i === -1 ? partyOrder.length : i;
  };
  const parties = [...rows.values()].sort((a, b) => rank(a.partyId) - rank(b.partyId) || a.partyId.localeCompare(b.partyId));
  return { parties, total };
}
