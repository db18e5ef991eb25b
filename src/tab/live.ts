import { CONTAINER_NAMES, type ContainerName } from '../store/containers';
import type { DocContainer, Store } from '../store/types';

/** Containers whose writes can change what the tab shows (the inbox and the job queue cannot). */
const WATCHED: ReadonlySet<ContainerName> = new Set(['meetings', 'dissemination', 'cases', 'directory']);

/**
 * The tab's sense of change: every write this instance makes to a watched container bumps a version,
 * and listeners hear about it at most once per `quietMs` (a broadcast's thousands of delivery records
 * become one event a second, not one each). Writes made by another instance are not seen here: the
 * open page also asks again on a slow timer (docs/dashboard.md).
 */
export class ChangeHub {
  private current = 0;
  private readonly listeners = new Set<(version: number) => void>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly quietMs = 500) {}

  get version(): number {
    return this.current;
  }

  changed(container: ContainerName): void {
    if (!WATCHED.has(container)) return;
    this.current += 1;
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const listener of this.listeners) listener(this.current);
    }, this.quietMs);
    this.timer.unref();
  }

  subscribe(listener: (version: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.listeners.clear();
  }
}

/** The store, telling `hub` about every write that succeeded. */
export function withChangeSignal(store: Store, hub: ChangeHub): Store {
  const containers = Object.fromEntries(CONTAINER_NAMES.map((name) => [name, signalling(store.containers[name], hub)])) as Record<
    ContainerName,
    DocContainer
  >;
  return { containers, ping: () => store.ping(), close: () => store.close() };
}

function signalling(inner: DocContainer, hub: ChangeHub): DocContainer {
  const after = <T>(result: Promise<T>): Promise<T> =>
    result.then((value) => {
      hub.changed(inner.name);
      return value;
    });
  return {
    name: inner.name,
    read: (pk, id) => inner.read(pk, id),
    query: (pk, where, params, options) => inner.query(pk, where, params, options),
    create: (doc) => after(inner.create(doc)),
    replace: (doc, etag) => after(inner.replace(doc, etag)),
    upsert: (doc) => after(inner.upsert(doc)),
    delete: (pk, id, etag) => after(inner.delete(pk, id, etag)),
  };
}
