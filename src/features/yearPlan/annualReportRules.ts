/** What the annual report counts, read from the meetings, cases and dissemination features. */
export interface ReportInput {
  meetings: {
    bodyId: string;
    invitees: { aadObjectId: string; partyId: string }[];
    answers: { aadObjectId: string; response: 'attend' | 'absent' }[];
  }[];
  cases: { area: string; state: string }[];
  broadcasts: { kind: string; requiresAck: boolean; parties: string[]; acked: string[] }[];
  remisser: { parties: string[]; answered: string[]; declined: string[] }[];
}

export interface Attendance {
  key: string;
  meetings: number;
  invited: number;
  attending: number;
  absent: number;
  noAnswer: number;
  /** attending / invited, 0 when nobody was invited. */
  rate: number;
}

export interface AnnualReport {
  meetings: number;
  byParty: Attendance[];
  byBody: Attendance[];
  cases: { total: number; byArea: { key: string; count: number }[]; byState: { key: string; count: number }[] };
  broadcasts: { total: number; byKind: { key: string; count: number }[]; withAck: number; addressed: number; acknowledged: number; rate: number };
  remisser: { total: number; addressed: number; answered: number; declined: number; rate: number };
}

/**
 * Counts for the year: attendance (from the answers to notices: "attend", "absent", or none) per
 * party and per body; cases per area and state; broadcasts and how many of the parties asked to
 * acknowledge did; remisser and how many of the parties asked answered or declined.
 */
export function buildReport(input: ReportInput): AnnualReport {
  const byParty = new Map<string, Attendance>();
  const byBody = new Map<string, Attendance>();
  const row = (map: Map<string, Attendance>, key: string) => {
    let r = map.get(key);
    if (!r) map.set(key, (r = { key, meetings: 0, invited: 0, attending: 0, absent: 0, noAnswer: 0, rate: 0 }));
    return r;
  };
  for (const meeting of input.meetings) {
    const answer = new Map(meeting.answers.map((a) => [a.aadObjectId, a.response]));
    const body = row(byBody, meeting.bodyId);
    body.meetings += 1;
    const partiesHere = new Set<string>();
    for (const invitee of meeting.invitees) {
      const response = answer.get(invitee.aadObjectId);
      for (const r of [body, row(byParty, invitee.partyId)]) {
        r.invited += 1;
        if (response === 'attend') r.attending += 1;
        else if (response === 'absent') r.absent += 1;
        else r.noAnswer += 1;
      }
      partiesHere.add(invitee.partyId);
    }
    for (const party of partiesHere) row(byParty, party).meetings += 1;
  }
  const finish = (rows: Iterable<Attendance>) => [...rows].map((r) => ({ ...r, rate: r.invited === 0 ? 0 : r.attending / r.invited })).sort((a, b) => a.key.localeCompare(b.key));

  const addressed = input.broadcasts.filter((b) => b.requiresAck).reduce((s, b) => s + new Set(b.parties).size, 0);
  const acknowledged = input.broadcasts.filter((b) => b.requiresAck).reduce((s, b) => s + b.acked.filter((p) => b.parties.includes(p)).length, 0);
  const asked = input.remisser.reduce((s, r) => s + new Set(r.parties).size, 0);
  const answered = input.remisser.reduce((s, r) => s + r.answered.filter((p) => r.parties.includes(p)).length, 0);
  const declined = input.remisser.reduce((s, r) => s + r.declined.filter((p) => r.parties.includes(p) && !r.answered.includes(p)).length, 0);

  return {
    meetings: input.meetings.length,
    byParty: finish(byParty.values()),
    byBody: finish(byBody.values()),
    cases: { total: input.cases.length, byArea: countBy(input.cases.map((c) => c.area)), byState: countBy(input.cases.map((c) => c.state)) },
    broadcasts: {
      total: input.broadcasts.length,
      byKind: countBy(input.broadcasts.map((b) => b.kind)),
      withAck: input.broadcasts.filter((b) => b.requiresAck).length,
      addressed,
      acknowledged,
      rate: addressed === 0 ? 0 : acknowledged / addressed,
    },
    remisser: { total: input.remisser.length, addressed: asked, answered, declined, rate: asked === 0 ? 0 : answered / asked },
  };
}

function countBy(keys: readonly string[]): { key: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => a.key.localeCompare(b.key));
}

/** A bar of ten blocks for a share between 0 and 1: a chart that every Teams client shows. */
export function bar(fraction: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * 10);
  return `${'█'.repeat(filled)}${'░'.repeat(10 - filled)}`;
}
