import type { AppDeps } from '../../deps';
import type { MeetingRepo } from './meetingRepo';
import type { UpdateWindows } from '../../delivery/liveStatus';

/** What the meeting handlers work with: the app's dependencies and the meetings repository. */
export interface MeetingServices {
  deps: AppDeps;
  repo: MeetingRepo;
  /** Answers within the same few seconds share one update of the status cards. */
  live: UpdateWindows;
}
