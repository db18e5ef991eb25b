import type { Clock } from '../../clock';
import { queryAll, updateDoc } from '../../store/concurrency';
import type { Doc, DocContainer, Stored } from '../../store/types';
import type { DirectoryEntry } from '../../directory/directoryFile';
import type { ImportMode } from './importRules';

/** How long a preview can be applied, and how long an apply holds its claim. */
export const PREVIEW_TTL_MS = 24 * 3600_000;
const APPLY_LEASE_MS = 60_000;

/**
 * An import waiting for "Apply": stored so that the button works on whichever instance gets the
 * press, and compared with the directory's fingerprint so a preview never applies to a changed
 * directory. The entries are dropped once applied (or when it expires and is swept).
 */
export interface PendingImport extends Doc {
  type: 'directory-import';
  pk: 'import';
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  mode: ImportMode;
  /** Fingerprint of the directory the preview was computed against. */
  baseFingerprint: string;
  entries: DirectoryEntry[];
  state: 'pending' | 'applying' | 'applied';
  leaseUntil: string | null;
  appliedBy: string | null;
  appliedByName: string | null;
  appliedAt: string | null;
  counts: { added: number; changed: number; removed: number; unchanged: number };
}

export type ClaimResult =
  | { kind: 'claimed'; pending: Stored<PendingImport> }
  | { kind: 'missing' | 'expired' | 'busy' }
  | { kind: 'applied'; pending: Stored<PendingImport> };

export class ImportRepo {
  constructor(
    private readonly container: DocContainer,
    private readonly clock: Clock,
  ) {}

  async create(doc: PendingImport): Promise<void> {
    await this.sweep();
    await this.container.create(doc);
  }

  read(id: string): Promise<Stored<PendingImport> | undefined> {
    return this.container.read<PendingImport>('import', id);
  }

  /** Takes the import for applying; one press wins, a crashed apply can be pressed again after a minute. */
  claim(id: string, actor: string): Promise<ClaimResult> {
    const now = this.clock.now();
    return updateDoc<PendingImport, ClaimResult>(this.container, 'import', id, (current) => {
      if (!current) return { result: { kind: 'missing' } };
      if (current.state === 'applied') return { result: { kind: 'applied', pending: current } };
      if (current.expiresAt < now.toISOString()) return { result: { kind: 'expired' } };
      if (current.state === 'applying' && current.leaseUntil && current.leaseUntil > now.toISOString()) return { result: { kind: 'busy' } };
      const next: PendingImport = { ...current, state: 'applying', leaseUntil: new Date(now.getTime() + APPLY_LEASE_MS).toISOString(), appliedBy: actor };
      return { write: next, result: { kind: 'claimed', pending: { ...next, _etag: current._etag } } };
    });
  }

  async finish(id: string, actor: { aadObjectId: string; name: string }): Promise<Stored<PendingImport> | undefined> {
    const now = this.clock.now().toISOString();
    await updateDoc<PendingImport, void>(this.container, 'import', id, (current) =>
      current
        ? {
            write: { ...current, state: 'applied', entries: [], leaseUntil: null, appliedBy: actor.aadObjectId, appliedByName: actor.name, appliedAt: now },
            result: undefined,
          }
        : { result: undefined },
    );
    return this.read(id);
  }

  /** Gives the import back (the directory changed meanwhile: a new preview replaces it). */
  async discard(id: string): Promise<void> {
    await this.container.delete('import', id);
  }

  /** Expired previews still hold personal data: they are removed when the next import is made. */
  private async sweep(): Promise<void> {
    const now = this.clock.now().toISOString();
    const expired = await queryAll<PendingImport>(this.container, 'import', "c.type = 'directory-import' AND c.expiresAt < @now", { now });
    for (const doc of expired) await this.container.delete('import', doc.id);
  }
}
