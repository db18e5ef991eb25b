import type { Reply, TurnInfo } from '../../kit/featureApp';
import type { Banner } from './noticeCards';
import { noticeBatchId } from './meetingDelivery';
import type { MeetingDoc } from './model';
import type { MeetingServices } from './services';
import { statusData } from './statusCards';
import { secretariatViewers } from '../../directory/secretariatViewers';

/** The secretariat's status card for a meeting, with an optional banner saying what just happened. */
export async function statusReply(svc: MeetingServices, turn: TurnInfo, meeting: MeetingDoc, banner: Banner | null = null): Promise<Reply> {
  const [answers, parties, noticeDeliveries, calendarNotes, liveFor] = await Promise.all([
    svc.repo.answers(meeting.id),
    svc.deps.directory.parties(),
    svc.deps.outbox.deliveries({ container: 'meetings', pk: meeting.id }, noticeBatchId(meeting.sequence)),
    meeting.calendar ? svc.repo.calendarNotes(meeting.id) : [],
    secretariatViewers(svc.deps.directory, [turn.actor.aadObjectId]),
  ]);
  return {
    card: 'meeting-status',
    data: statusData(
      { meeting, answers, parties, noticeDeliveries, viewerAadObjectId: turn.actor.aadObjectId, viewerLocale: turn.actor.locale, banner, calendarNotes, liveFor },
      svc.deps.links,
      turn.now,
    ),
  };
}
