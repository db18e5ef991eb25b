import type { AppDeps } from '../deps';
import type { FeatureApp } from '../kit/featureApp';
import { mergeVerbMaps, type VerbOf } from '../kit/verbs';
import { registerCases } from './cases';
import { registerDirectory } from './directory';
import { registerMeetings } from './meetings';
import { registerDissemination } from './dissemination';
import { registerPrivacy } from './privacy';
import { registerIntroductions } from './introductions';
import { registerYearPlan } from './yearPlan';
import { registerCostSharing } from './costSharing';
import { registerTermination } from './termination';
import { registerProjects } from './projects';

/**
 * Every feature, registered once at start: each returns its verb map, and the maps are merged
 * here (a verb declared by two features stops the start). A new feature adds its import and one
 * line.
 */
export function registerFeatures(app: FeatureApp, deps: AppDeps) {
  const verbs = mergeVerbMaps(
    registerDirectory(app, deps),
    registerCases(app, deps),
    registerMeetings(app, deps),
    registerDissemination(app, deps),
    registerIntroductions(app, deps),
    registerYearPlan(app, deps),
    registerCostSharing(app, deps),
    registerTermination(app, deps),
    registerPrivacy(app, deps),
    registerProjects(app, deps),
  );
  app.addVerbs(verbs);
  return verbs;
}

/** Every card verb the features handle, derived from their maps. */
export type Verb = VerbOf<ReturnType<typeof registerFeatures>>;

/**
 * The verbs of the card contract (docs/architecture.md, "The card verb contract"): cards already
 * posted in Teams carry them, so each must keep its name and have a handler.
 */
export const CONTRACT_VERBS = [
  'meeting.rsvp',
  'meeting.read',
  'meeting.refresh',
  'case.submit',
  'case.transition',
  'broadcast.ack',
  'remiss.answer',
  'meeting.create',
  'meeting.notes',
  'broadcast.create',
  'remiss.create',
  'channel.link',
] as const satisfies readonly Verb[];
