import { ELEVEN_PARTY_IDS } from '../../directory/seed';

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
  /** `addressed`, `acknowledged`, `answered` and `declined` count the eleven parties; `apart`, each party beside them (HUFB). */
  broadcasts: { total: number; byKind: { key: string; count: number }[]; withAck: number; addressed: number; acknowledged: number; rate: number; apart: AckCount[] };
  remisser: { total: number; addressed: number; answered: number; declined: number; rate: number; apart: AnswerCount[] };
}

/** A party beside the eleven: how many acknowledgements it was asked for, and gave. */
export interface AckCount {
  key: string;
  addressed: number;
  acknowledged: number;
}

/** A party beside the eleven: how many remisser it was asked to answer, answered and declined. */
export interface AnswerCount {
  key: string;
  addressed: number;
  answered: number;
  declined: number;
}

/**
 * Counts for the year: attendance (from the answers to notices: "attend", "absent", or none) per
 * party and per body; cases per area and state; broadcasts and how many of the parties asked to
 * acknowledge did; remisser and how many of the parties asked answered or declined. Those counts are
 * the eleven parties'; a party beside them (HUFB, told by `isParty`) is counted apart.
 */
export function buildReport(input: ReportInput, isParty: (partyId: string) => boolean = (id) => ELEVEN_PARTY_IDS.includes(id)): AnnualReport {
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

  const acks = new Map<string, AckCount>();
  for (const b of input.broadcasts.filter((x) => x.requiresAck)) {
    for (const party of new Set(b.parties)) {
      const c = acks.get(party) ?? { key: party, addressed: 0, acknowledged: 0 };
      c.addressed += 1;
      if (b.acked.includes(party)) c.acknowledged += 1;
      acks.set(party, c);
    }
  }
  const answers = new Map<string, AnswerCount>();
  for (const r of input.remisser) {
    for (const party of new Set(r.parties)) {
      const c = answers.get(party) ?? { key: party, addressed: 0, answered: 0, declined: 0 };
      c.addressed += 1;
      if (r.answered.includes(party)) c.answered += 1;
      else if (r.declined.includes(party)) c.declined += 1;
      answers.set(party, c);
    }
  }
  const eleven = <T extends { key: string }>(counts: Map<string, T>) => [...counts.values()].filter((c) => isParty(c.key));
  const apart = <T extends { key: string }>(counts: Map<string, T>) => [...counts.values()].filter((c) => !isParty(c.key)).sort((a, b) => a.key.localeCompare(b.key));
  const sum = <T>(rows: readonly T[], n: (row: T) => number) => rows.reduce((s, row) => s + n(row), 0);
  const addressed = sum(eleven(acks), (c) => c.addressed);
  const acknowledged = sum(eleven(acks), (c) => c.acknowledged);
  const asked = sum(eleven(answers), (c) => c.addressed);
  const answered = sum(eleven(answers), (c) => c.answered);
  const declined = sum(eleven(answers), (c) => c.declined);

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
      apart: apart(acks),
    },
    remisser: { total: input.remisser.length, addressed: asked, answered, declined, rate: asked === 0 ? 0 : answered / asked, apart: apart(answers) },
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
