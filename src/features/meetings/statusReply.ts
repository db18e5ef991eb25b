import type { Locale } from '../../config';
import type { Reply, TurnInfo } from '../../kit/featureApp';
import type { PostedCard } from '../../delivery/liveStatus';
import { pressedCard, updatePostedCards, withPostedCard } from '../../delivery/liveStatus';
import { secretariatViewers } from '../../directory/secretariatViewers';
import type { Banner } from './noticeCards';
import { noticeBatchId } from './meetingDelivery';
import type { MeetingDoc } from './model';
import type { MeetingServices } from './services';
import { statusData } from './statusCards';

export const LIVE_STATUS_JOB = 'meeting.liveStatus';

interface LivePayload {
  meetingId: string;
  window: number;
}

/** The secretariat's status card for a meeting, with an optional banner saying what just happened. */
export async function statusReply(svc: MeetingServices, turn: TurnInfo, meeting: MeetingDoc, banner: Banner | null = null): Promise<Reply> {
  const [data] = await Promise.all([
    statusCardData(svc, meeting, { aadObjectId: turn.actor.aadObjectId, locale: turn.actor.locale }, banner, turn.now),
    rememberStatusCard(svc, meeting, pressedCard(turn)),
  ]);
  return { card: 'meeting-status', data };
}

/** The status card's data as of now, for one viewer. */
async function statusCardData(svc: MeetingServices, meeting: MeetingDoc, viewer: { aadObjectId: string; locale: Locale }, banner: Banner | null, now: Date): Promise<object> {
  const [answers, parties, noticeDeliveries, calendarNotes, liveFor] = await Promise.all([
    svc.repo.answers(meeting.id),
    svc.deps.directory.parties(),
    svc.deps.outbox.deliveries({ container: 'meetings', pk: meeting.id }, noticeBatchId(meeting.sequence)),
    meeting.calendar ? svc.repo.calendarNotes(meeting.id) : [],
    secretariatViewers(svc.deps.directory, [viewer.aadObjectId]),
  ]);
  return statusData(
    { meeting, answers, parties, noticeDeliveries, viewerAadObjectId: viewer.aadObjectId, viewerLocale: viewer.locale, banner, calendarNotes, liveFor },
    svc.deps.links,
    now,
  );
}

/** A status card shown in answer to a press is remembered (once), to be updated as answers arrive. */
async function rememberStatusCard(svc: MeetingServices, meeting: MeetingDoc, card: PostedCard | null): Promise<void> {
  if (!card || !withPostedCard(meeting.statusCards, card)) return;
  await svc.repo.updateMeeting(
    meeting.id,
    (current) => {
      const statusCards = withPostedCard(current.statusCards, card);
      return statusCards ? { next: { ...current, statusCards }, result: true } : { result: false };
    },
    false,
  );
}

/** After an answer, a read mark or an acknowledgement was recorded: the status cards' update for its window, scheduled once. */
export async function scheduleLiveStatus(svc: MeetingServices, meeting: MeetingDoc): Promise<void> {
  if (!meeting.statusCards?.length) return;
  await svc.live.request(meeting.id, (window, runAt) =>
    svc.deps.scheduler.schedule<LivePayload>({ id: `meeting-live-${meeting.id}-${window}`, kind: LIVE_STATUS_JOB, runAt, payload: { meetingId: meeting.id, window } }),
  );
}

/** The job that updates the secretariat's status cards in place, each in its viewer's view. */
export function registerLiveStatusJob(svc: MeetingServices): void {
  svc.deps.scheduler.handle<LivePayload>(LIVE_STATUS_JOB, async (payload, context) => {
    const meeting = await svc.repo.meeting(payload.meetingId);
    if (!meeting?.statusCards?.length) return;
    await updatePostedCards(svc.deps.outbox, { container: 'meetings', pk: meeting.id }, meeting.statusCards, payload.window, async (card) => ({
      template: 'meeting-status',
      data: await statusCardData(svc, meeting, { aadObjectId: card.viewer, locale: card.locale }, null, context.runAt),
      locale: card.locale,
      summary: meeting.title,
    }));
  });
}
