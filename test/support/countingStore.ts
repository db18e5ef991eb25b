import type { ContainerName } from '../../src/store/containers';
import { CONTAINER_NAMES } from '../../src/store/containers';
import type { DocContainer, Store } from '../../src/store/types';

export type StoreOp = 'read' | 'create' | 'replace' | 'upsert' | 'delete' | 'query';

/**
 * A view of a store that counts every operation per container, and can "crash": from then on every
 * operation fails, as if the instance using it had died (what it wrote stays written).
 */
export class CountingStore implements Store {
  readonly containers: Record<ContainerName, DocContainer>;
  private readonly counts = new Map<string, number>();
  private crashed = false;

  constructor(private readonly inner: Store) {
    this.containers = Object.fromEntries(CONTAINER_NAMES.map((name) => [name, this.wrap(inner.containers[name])])) as Record<
      ContainerName,
      DocContainer
    >;
  }

  /** Operations so far, optionally of one container and/or one kind. */
  count(filter: { container?: ContainerName; op?: StoreOp } = {}): number {
    let total = 0;
    for (const [key, n] of this.counts) {
      const [container, op] = key.split('.') as [ContainerName, StoreOp];
      if ((filter.container ?? container) === container && (filter.op ?? op) === op) total += n;
    }
    return total;
  }

  /** Counts by `container.op`. */
  breakdown(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
  }

  crash(): void {
    this.crashed = true;
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  /** The inner store belongs to whoever opened it. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  private wrap(container: DocContainer): DocContainer {
    const counted = <A extends unknown[], R>(op: StoreOp, call: (...args: A) => Promise<R>) =>
      (...args: A): Promise<R> => {
        if (this.crashed) return Promise.reject(new Error(`store unreachable (crashed): ${container.name}.${op}`));
        const key = `${container.name}.${op}`;
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        return call(...args);
      };
    return {
      name: container.name,
      read: counted('read', container.read.bind(container)),
      create: counted('create', container.create.bind(container)),
      replace: counted('replace', container.replace.bind(container)),
      upsert: counted('upsert', container.upsert.bind(container)),
      delete: counted('delete', container.delete.bind(container)),
      query: counted('query', container.query.bind(container)),
    } as DocContainer;
  }
}
