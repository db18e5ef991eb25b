import { buildRegistry } from '../../../src/app';
import type { FeatureRegistry } from '../../../src/bot/registry';
import { ManualClock } from '../../../src/clock';
import { loadConfig } from '../../../src/config';
import type { AppDeps } from '../../../src/deps';
import { DirectoryRepo } from '../../../src/directory/directoryRepo';
import { createLinkSigner } from '../../../src/links';
import { createLogger } from '../../../src/log';
import { CONTAINER_NAMES, type ContainerName } from '../../../src/store/containers';
import type { DocContainer, Store } from '../../../src/store/types';
import { recordingDelivery } from '../../support/recordingDelivery';

/** A container that holds nothing: registering features must not need stored data. */
function emptyContainer(name: ContainerName): DocContainer {
  return {
    name,
    read: () => Promise.resolve(undefined),
    create: (doc) => Promise.resolve({ ...doc, _etag: '"1"' }),
    replace: (doc) => Promise.resolve({ ...doc, _etag: '"2"' }),
    upsert: (doc) => Promise.resolve({ ...doc, _etag: '"1"' }),
    delete: () => Promise.resolve(),
    query: () => Promise.resolve({ items: [], continuation: undefined }),
  };
}

/** The registry the bot builds at start (every feature registered), over stub dependencies. */
export function botRegistry(): FeatureRegistry {
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const log = createLogger('silent');
  const clock = new ManualClock('2025-03-03T08:00:00Z');
  const containers = Object.fromEntries(CONTAINER_NAMES.map((n) => [n, emptyContainer(n)])) as Record<ContainerName, DocContainer>;
  const store: Store = { containers, ping: () => Promise.resolve(), close: () => Promise.resolve() };
  const directory = new DirectoryRepo(containers.directory, clock);
  const delivery = recordingDelivery()({ store, clock, log, config, resolver: directory });
  const deps: AppDeps = {
    config,
    log,
    clock,
    store,
    directory,
    outbox: delivery.outbox,
    scheduler: delivery.scheduler,
    links: createLinkSigner(Buffer.alloc(32, 7), config.publicBaseUrl, clock),
    roster: { teamMembers: () => Promise.resolve([]) },
  };
  return buildRegistry(deps);
}

/** True when the bot answers the whole text as a command (nothing left over as arguments). */
export function handlesCommand(registry: FeatureRegistry, text: string): boolean {
  const hit = registry.findCommand(text);
  return hit !== undefined && hit.args === '';
}
