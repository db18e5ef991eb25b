import { createHash } from 'node:crypto';
import type { Block, DashboardInput, DashboardProvider, DashboardSectionId } from '../kit/dashboard';
import { DASHBOARD_SECTIONS } from '../kit/dashboard';
import { seesParty, type Sight } from '../kit/permissions';
import type { Clock } from '../clock';
import type { Locale } from '../config';
import type { DirectoryRepo } from '../directory/directoryRepo';
import type { Party } from '../directory/model';
import type { ChangeHub } from './live';

/** A built section stays usable this long even without a write (ages and deadlines move with time). */
const FRESH_MS = 30_000;

/** Only the rows the viewer may see: every party's for the secretariat, else their own party's and the totals. */
export function applySight(blocks: readonly Block[], sight: Sight): Block[] {
  return blocks.map((block) => {
    if (block.kind !== 'table' && block.kind !== 'chart') return block;
    return { ...block, table: { ...block.table, rows: block.table.rows.filter((row) => seesParty(sight, row.party)) } };
  });
}

const KIND_ORDER: Record<Party['kind'], number> = { region: 0, municipality: 1, federation: 2 };

/** The parties in the agreement's order: the region, the municipalities by name, the federation. */
export function inAgreementOrder<P extends Pick<Party, 'id' | 'name' | 'kind'>>(parties: readonly P[]): P[] {
  return [...parties].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name, 'sv'));
}

/** A short fingerprint of what a viewer was sent, for ETags. */
export function fingerprint(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 27);
}

interface Built {
  version: number;
  at: number;
  blocks: Promise<Block[]>;
}

/**
 * The sections the features registered, built once per locale and reused by every viewer until a
 * write changes the data (or it grows old), then narrowed to each viewer's sight.
 */
export class DashboardViews {
  private readonly built = new Map<string, Built>();

  constructor(
    private readonly providers: ReadonlyMap<DashboardSectionId, readonly DashboardProvider[]>,
    private readonly deps: { directory: Pick<DirectoryRepo, 'parties'>; clock: Clock },
    private readonly hub: ChangeHub,
    private readonly wallClock: () => number = Date.now,
  ) {}

  /** The sections a viewer may open, in the tab's order. */
  sectionsFor(sight: Sight): DashboardSectionId[] {
    return DASHBOARD_SECTIONS.filter((id) => {
      const list = this.providers.get(id) ?? [];
      return list.length > 0 && list.every((p) => p.visible(sight));
    });
  }

  /** The section as the viewer may see it; undefined when they may not open it. */
  async section(id: DashboardSectionId, sight: Sight, locale: Locale): Promise<Block[] | undefined> {
    if (!this.sectionsFor(sight).includes(id)) return undefined;
    return applySight(await this.blocks(id, locale), sight);
  }

  private blocks(id: DashboardSectionId, locale: Locale): Promise<Block[]> {
    const key = `${id}:${locale}`;
    const cached = this.built.get(key);
    const at = this.wallClock();
    if (cached && cached.version === this.hub.version && at - cached.at < FRESH_MS) return cached.blocks;
    const blocks = this.build(id, locale);
    const entry = { version: this.hub.version, at, blocks };
    this.built.set(key, entry);
    // A failed build is not kept: the next request tries again.
    blocks.catch(() => {
      if (this.built.get(key) === entry) this.built.delete(key);
    });
    return blocks;
  }

  private async build(id: DashboardSectionId, locale: Locale): Promise<Block[]> {
    const parties = inAgreementOrder(await this.deps.directory.parties());
    const input: DashboardInput = { locale, now: this.deps.clock.now(), parties };
    const parts = await Promise.all((this.providers.get(id) ?? []).map((p) => p.build(input)));
    return parts.flat();
  }
}
