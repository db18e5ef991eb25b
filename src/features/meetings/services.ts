import type { AppDeps } from '../../deps';
import type { MeetingRepo } from './meetingRepo';

/** What the meeting handlers work with: the app's dependencies and the meetings repository. */
export interface MeetingServices {
  deps: AppDeps;
  repo: MeetingRepo;
}
