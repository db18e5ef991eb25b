import type { Clock } from '../clock';
import type { Logger } from '../log';
import { queryAll } from '../store/concurrency';
import type { DocContainer } from '../store/types';
import type { HeartbeatDoc } from './jobDocs';
import { LEASE_PK } from './jobDocs';

// Heartbeats older than this are deleted by whoever reads them.
const FORGET_AFTER_MS = 3_600_000;

/** Where this instance stands among the live ones (sorted by owner name). */
export interface PeerView {
  count: number;
  index: number;
}

/**
 * Heartbeats under pk `lease` in `jobs`: one upsert and one partition query per beat. The number
 * of live instances divides the app's send budget; an instance's rank splits batches by shard.
 */
export class PeerRegistry {
  private view: PeerView = { count: 1, index: 0 };
  private readonly startedAt: string;
  private readonly id: string;

  constructor(
    private readonly jobs: DocContainer,
    private readonly owner: string,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly ttlMs: number,
  ) {
    this.startedAt = clock.now().toISOString();
    this.id = `worker-${owner.replace(/[/\\?#]/g, '_')}`;
  }

  current(): PeerView {
    return this.view;
  }

  /** Writes this instance's heartbeat and reads everyone's. */
  async beat(): Promise<PeerView> {
    const now = this.clock.now();
    const mine: HeartbeatDoc = {
      id: this.id,
      pk: LEASE_PK,
      type: 'heartbeat',
      owner: this.owner,
      until: new Date(now.getTime() + this.ttlMs).toISOString(),
      startedAt: this.startedAt,
    };
    await this.jobs.upsert(mine);
    return this.refresh();
  }

  /** Reads everyone's heartbeat (after a new batch turns up, so shares are current). */
  async refresh(): Promise<PeerView> {
    const now = this.clock.now();
    const beats = await queryAll<HeartbeatDoc>(this.jobs, LEASE_PK, "c.type = 'heartbeat'");
    const live = new Set<string>([this.owner]);
    for (const beat of beats) {
      const until = Date.parse(beat.until);
      if (until > now.getTime()) live.add(beat.owner);
      else if (until < now.getTime() - FORGET_AFTER_MS) await this.forget(beat.id, beat._etag);
    }
    const owners = [...live].sort();
    this.view = { count: owners.length, index: owners.indexOf(this.owner) };
    return this.view;
  }

  /** Removes this instance's heartbeat, so the others take over its share at once. */
  async leave(): Promise<void> {
    await this.jobs.delete(LEASE_PK, this.id);
  }

  private async forget(id: string, etag: string): Promise<void> {
    try {
      await this.jobs.delete(LEASE_PK, id, etag);
    } catch (err) {
      // Another instance forgot it first, or it came back to life: either way nothing to do.
      this.log.debug({ err, id }, 'stale heartbeat not deleted');
    }
  }
}
