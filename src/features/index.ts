import { registerFrame } from '../bot/frame';
import type { FeatureRegistry } from '../bot/registry';
import type { AppDeps } from '../deps';
import { registerCases } from './cases';
import { registerDirectory } from './directory';
import { registerMeetings } from './meetings';
import { registerDissemination } from './dissemination';
import { registerOnboarding } from './onboarding';
import { registerPrivacy } from './privacy';

/** Every feature, registered once at start. A new feature adds one line here. */
export function registerFeatures(registry: FeatureRegistry, deps: AppDeps): void {
  registerFrame(registry, registry);
  registerDirectory(registry, deps);
  registerCases(registry, deps);
  registerMeetings(registry, deps);
  registerDissemination(registry, deps);
  registerOnboarding(registry, deps);
  registerPrivacy(registry, deps);
}
