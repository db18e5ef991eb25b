import { CONTAINER_NAMES, type ContainerName } from '../../src/store/containers';
import type { DocContainer, Store } from '../../src/store/types';
import { StoreError } from '../../src/store/types';

export type FaultOp = 'read' | 'create' | 'replace' | 'upsert' | 'delete' | 'query';
export const WRITE_OPS: readonly FaultOp[] = ['create', 'replace', 'upsert', 'delete'];

/**
 * What Cosmos DB answers instead of doing the operation:
 * - `throttled`: 429 with a retry-after, not applied;
 * - `unavailable`: 503, not applied;
 * - `timeout`: no answer in time, not applied;
 * - `lostAnswer`: applied, but the answer is lost on the way back (reported as a timeout);
 * - `precondition`: 412, someone else wrote first (conditional writes only).
 */
export type Fault = 'throttled' | 'unavailable' | 'timeout' | 'lostAnswer' | 'precondition';

export interface FaultRule {
  fault: Fault;
  containers?: readonly ContainerName[];
  ops?: readonly FaultOp[];
  /** Matching operations let through before the rule starts failing; default 0. */
  skip?: number;
  /** How many matching operations fail; default: every one until the rule is cleared. */
  times?: number;
  retryAfterMs?: number;
}

interface ActiveRule extends FaultRule {
  seen: number;
  failed: number;
}

/**
 * A view of a store that answers operations with the faults Cosmos DB can give, by rule. Counts
 * what it injected per fault, so a test can report how many faults the service survived.
 */
export class FaultyStore implements Store {
  readonly containers: Record<ContainerName, DocContainer>;
  readonly injected: Record<Fault, number> = { throttled: 0, unavailable: 0, timeout: 0, lostAnswer: 0, precondition: 0 };
  private rules: ActiveRule[] = [];

  constructor(private readonly inner: Store) {
    this.containers = Object.fromEntries(CONTAINER_NAMES.map((name) => [name, this.wrap(inner.containers[name])])) as Record<
      ContainerName,
      DocContainer
    >;
  }

  /** Adds a rule; rules are checked in the order given, the first matching one decides. */
  add(rule: FaultRule): this {
    this.rules.push({ ...rule, seen: 0, failed: 0 });
    return this;
  }

  clear(): void {
    this.rules = [];
  }

  totalInjected(): number {
    return Object.values(this.injected).reduce((a, b) => a + b, 0);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private decide(container: ContainerName, op: FaultOp, conditional: boolean): Fault | undefined {
    for (const rule of this.rules) {
      if (rule.containers && !rule.containers.includes(container)) continue;
      if (rule.ops && !rule.ops.includes(op)) continue;
      if (rule.fault === 'precondition' && !conditional) continue;
      rule.seen += 1;
      if (rule.seen <= (rule.skip ?? 0)) return undefined;
      if (rule.times !== undefined && rule.failed >= rule.times) continue;
      rule.failed += 1;
      this.injected[rule.fault] += 1;
      return rule.fault;
    }
    return undefined;
  }

  private wrap(container: DocContainer): DocContainer {
    const name = container.name;
    const faulty =
      <A extends unknown[], R>(op: FaultOp, call: (...args: A) => Promise<R>, conditional: (args: A) => boolean) =>
      async (...args: A): Promise<R> => {
        const fault = this.decide(name, op, conditional(args));
        switch (fault) {
          case undefined:
            return call(...args);
          case 'throttled':
            throw new StoreError('throttled', `${name}.${op}: injected 429`, { retryAfterMs: this.retryAfter(name, op) });
          case 'unavailable':
            throw new StoreError('unavailable', `${name}.${op}: injected 503`);
          case 'timeout':
            throw new StoreError('unavailable', `${name}.${op}: injected timeout`);
          case 'lostAnswer':
            await call(...args);
            throw new StoreError('unavailable', `${name}.${op}: injected timeout after the write applied`);
          case 'precondition':
            throw new StoreError('precondition', `${name}.${op}: injected 412`);
        }
      };
    const never = (): boolean => false;
    return {
      name,
      read: faulty('read', container.read.bind(container), never),
      create: faulty('create', container.create.bind(container), never),
      replace: faulty('replace', container.replace.bind(container), () => true),
      upsert: faulty('upsert', container.upsert.bind(container), never),
      delete: faulty('delete', container.delete.bind(container), (args) => args[2] !== undefined),
      query: faulty('query', container.query.bind(container), never),
    } as DocContainer;
  }

  private retryAfter(container: ContainerName, op: FaultOp): number {
    const rule = this.rules.find((r) => r.fault === 'throttled' && (!r.containers || r.containers.includes(container)) && (!r.ops || r.ops.includes(op)));
    return rule?.retryAfterMs ?? 20;
  }
}
