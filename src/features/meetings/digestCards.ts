import { formatDay } from '../../common/format';
import type { DigestState } from './digestRules';
import { REFRESH_USER_LIMIT, teamsUserId } from './noticeCards';
import type { DigestDoc, DigestItem, MeetingDoc } from './model';
import type { Bi } from './text';
import { bi, biT, dateTimeText, whenText } from './text';

const SECTIONS: { kind: DigestItem['kind']; title: Parameters<typeof biT>[0] }[] = [
  { kind: 'decision', title: 'digestDecisions' },
  { kind: 'ack', title: 'digestToAck' },
  { kind: 'remiss', title: 'digestRemisser' },
];

function itemDetail(item: DigestItem): Bi | null {
  if (item.kind === 'ack') return biT('digestAckDetail');
  if (item.kind === 'remiss' && item.due) {
    const due = bi((l) => formatDay(item.due!, l));
    return item.answered ? biT('digestRemissAnswered', { date: due }) : biT('digestRemissDue', { date: due });
  }
  return null;
}

/**
 * A party's digest after a Länsledning meeting (`meeting-digest`): what it carries home, each item
 * with "taken home" or who took it home and when, and how to bring items to the next meeting. The
 * same card goes to the party's channel and its Länsledning members; a tick updates them all.
 */
export function digestCardData(meeting: Pick<MeetingDoc, 'id' | 'title' | 'bodyName' | 'startsAt' | 'endsAt'>, digest: DigestDoc): object {
  const taken = digest.items.filter((i) => digest.ticks[i.id]).length;
  const sections = SECTIONS.map(({ kind, title }) => ({
    title: biT(title),
    items: digest.items
      .filter((i) => i.kind === kind)
      .map((item) => {
        const tick = digest.ticks[item.id];
        const detail = itemDetail(item);
        return {
          itemId: item.id,
          text: item.text,
          detail,
          hasDetail: detail !== null,
          taken: tick !== undefined,
          takenText: tick ? biT('digestTaken', { name: tick.name, when: dateTimeText(tick.at) }) : null,
        };
      }),
  })).filter((s) => s.items.length > 0);
  return {
    meetingId: meeting.id,
    partyId: digest.partyId,
    heading: biT('digestTitle', { party: digest.partyName }),
    intro: biT('digestIntro', { body: meeting.bodyName, title: meeting.title, when: whenText(meeting) }),
    sections,
    empty: sections.length === 0,
    progress: biT('digestProgress', { taken, total: digest.items.length }),
    next: digest.nextMeeting ? biT('digestNext', { when: dateTimeText(digest.nextMeeting.startsAt) }) : biT('digestNextNone'),
    refreshUserIds: digest.recipients.members.slice(0, REFRESH_USER_LIMIT).map((m) => teamsUserId(m.aadObjectId)),
  };
}

/** The secretariat's view of a meeting's digests (`meeting-digest-status`): per party, what was taken home, or why it reached nobody. */
export function digestStatusData(meeting: Pick<MeetingDoc, 'id' | 'title' | 'startsAt' | 'endsAt'>, states: readonly DigestState[]): object {
  const rows = states.map((s) => ({
    name: s.name,
    line: !s.reachable
      ? biT('digestNoRecipients')
      : s.items === 0
        ? biT('digestNothing')
        : s.taken === s.items
          ? biT('digestAllTaken', { total: s.items })
          : biT('digestPartTaken', { taken: s.taken, total: s.items }),
    color: !s.reachable ? 'Attention' : s.items > 0 && s.taken === s.items ? 'Good' : 'Default',
    apart: !s.isParty,
  }));
  const parties = states.filter((s) => s.isParty);
  const complete = (s: DigestState) => s.reachable && s.taken === s.items;
  const others = states.filter((s) => !s.isParty);
  return {
    meetingId: meeting.id,
    title: meeting.title,
    when: whenText(meeting),
    summary: biT('digestSummary', { done: parties.filter(complete).length, parties: parties.length }),
    others: others.map((s) => ({ line: biT(complete(s) ? 'digestOtherDone' : s.reachable ? 'digestOtherOpen' : 'digestOtherUnreachable', { name: s.name }) })),
    unreachable: parties.filter((s) => !s.reachable).length > 0 ? biT('digestUnreachable', { names: parties.filter((s) => !s.reachable).map((s) => s.name).join(', ') }) : null,
    rows: [...rows.filter((r) => !r.apart), ...rows.filter((r) => r.apart)],
  };
}
