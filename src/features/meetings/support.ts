import type { Reply, TurnInfo } from '../../kit/featureApp';
import { Refused } from '../../kit/forms';
import { hasRole } from '../../kit/permissions';
import { t } from '../../i18n';
import type { Member } from '../../directory/model';
import type { Banner, Viewer } from './noticeCards';
import { meetingBase, noticeData } from './noticeCards';
import type { Invitee, MeetingDoc } from './model';
import type { MeetingServices } from './services';
import type { OwnAnswer } from './meetingRepo';

type MeetingKey = Parameters<typeof t<'meetings'>>[2];

/**
 * A refusal the person can act on (thrown: `return refused(…)` reads as the handler's answer): above
 * the form on a form, on the error card otherwise; the handler has written nothing.
 */
export function refused(turn: TurnInfo, key: MeetingKey, values: Record<string, string | number> = {}): never {
  throw new Refused(t(turn.actor.locale, 'meetings', key, values));
}

export function asInvitee(member: Pick<Member, 'aadObjectId' | 'name' | 'email' | 'partyId'>): Invitee {
  return { aadObjectId: member.aadObjectId, name: member.name, email: member.email, partyId: member.partyId };
}

/**
 * The notice as the acting person sees it now: their own answer and read mark, or the general view.
 * `known` is the answer and read mark the turn has just written, so they are not read back.
 */
export async function noticeReply(
  svc: MeetingServices,
  turn: TurnInfo,
  meeting: MeetingDoc,
  invited: boolean,
  banner: Banner | null = null,
  known?: OwnAnswer,
): Promise<Reply> {
  const me = turn.actor.aadObjectId;
  const { rsvp, read } = invited ? (known ?? (await svc.repo.own(meeting, me))) : { rsvp: undefined, read: false };
  const viewer: Viewer = { invited, rsvp, read, isSecretariat: hasRole(turn, 'secretariat') };
  const base = meetingBase(meeting, svc.deps.links, turn.now, [me]);
  return { card: 'meeting-notice', data: noticeData(meeting, viewer, base, turn.now, banner) };
}
