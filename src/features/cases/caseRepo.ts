import { queryAll, updateDoc } from '../../store/concurrency';
import type { DocContainer, Stored } from '../../store/types';
import { isStoreError, StoreError } from '../../store/types';
import { formatCaseNumber } from './caseNumber';
import { SerialQueue } from './serialQueue';
import type { CaseDoc, CaseEvent, CaseEventDoc, CaseSummary } from './model';
import { eventDocId, INDEX_PK, isPrioritised } from './model';

/** How often a submission tries the next free number before giving up (each try is one create). */
const RESERVE_ATTEMPTS = 200;

/** The register entry that lists a case. */
export function summaryOf(c: CaseDoc): CaseSummary {
  return {
    id: c.caseId,
    pk: INDEX_PK,
    type: 'case-summary',
    caseId: c.caseId,
    year: c.year,
    seq: c.seq,
    state: c.state,
    title: c.title,
    caseType: c.caseType,
    area: c.area,
    perspectives: c.perspectives,
    prioritised: isPrioritised(c),
    submitterId: c.submitter.aadObjectId,
    submitterName: c.submitter.name,
    partyId: c.submitter.partyId,
    level: c.level,
    holderName: c.holder?.name ?? null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    version: c.version,
  };
}

/**
 * Cases over the `cases` container: the case and its events in the case's partition, the register
 * (one summary per number) in partition `case-index`.
 */
export class CaseRepo {
  /**
   * Two process-local shortcuts for numbering, neither needed for correctness: this process
   * allocates one number at a time (racing itself would only cost conflicts), and it remembers
   * the highest number it has seen taken per year, to search from there. A restart or another
   * instance simply starts the search lower and meets conflicts, which the store settles.
   */
  private readonly allocations = new SerialQueue();
  private readonly lastTaken = new Map<number, number>();

  constructor(private readonly container: DocContainer) {}

  /**
   * Gives the case the next number of its year and records it in the register. The number is
   * taken by creating the register entry `LV-<year>-<n>`: a create conflicts when the number is
   * taken, and the next free one is tried. A number is only ever tried when every lower one
   * exists, so numbers are unique and have no gaps, and no single document is written by every
   * submission (see docs/cases.md for the measurements behind this).
   */
  async register(year: number, build: (caseId: string, seq: number) => CaseDoc): Promise<CaseDoc> {
    return this.allocations.run(() => this.allocate(year, build));
  }

  private async allocate(year: number, build: (caseId: string, seq: number) => CaseDoc): Promise<CaseDoc> {
    // After a number this process took, the next one is tried at once (every lower one is taken):
    // no read before the create, and a conflict (another instance took it) searches from there.
    const last = this.lastTaken.get(year);
    let seq = last === undefined ? await this.firstFree(year, 1) : last + 1;
    for (let attempt = 1; ; attempt++) {
      const doc = build(formatCaseNumber(year, seq), seq);
      try {
        await this.container.create(summaryOf(doc));
        this.lastTaken.set(year, seq);
        return doc;
      } catch (err) {
        if (!isStoreError(err, 'conflict')) throw err;
        if (attempt >= RESERVE_ATTEMPTS) throw new StoreError('precondition', `no free case number after ${attempt} tries`, { cause: err });
        this.lastTaken.set(year, seq);
        await pause(attempt);
        seq = await this.firstFree(year, seq + 1);
      }
    }
  }

  /**
   * The lowest free number from `from` on, given that every number below `from` is taken. Taken
   * numbers have no gaps, so point reads find it: doubling steps past the taken ones, then
   * halving between the last taken and the first free (a few reads, however many cases a year has).
   */
  async firstFree(year: number, from: number): Promise<number> {
    if (!(await this.taken(year, from))) return from;
    let taken = from;
    let step = 1;
    let free = from + step;
    while (await this.taken(year, free)) {
      taken = free;
      step *= 2;
      free = taken + step;
    }
    while (free - taken > 1) {
      const middle = taken + Math.floor((free - taken) / 2);
      if (await this.taken(year, middle)) taken = middle;
      else free = middle;
    }
    return free;
  }

  private async taken(year: number, seq: number): Promise<boolean> {
    return (await this.container.read<CaseSummary>(INDEX_PK, formatCaseNumber(year, seq))) !== undefined;
  }

  async create(c: CaseDoc): Promise<void> {
    await this.container.create(c);
  }

  /** Marks a registered number whose case could not be written, so the register still accounts for it. */
  async voidNumber(caseId: string, at: string): Promise<void> {
    await updateDoc<CaseSummary, void>(this.container, INDEX_PK, caseId, (current) =>
      current ? { write: { ...current, state: 'void', updatedAt: at }, result: undefined } : { result: undefined },
    );
  }

  read(caseId: string): Promise<Stored<CaseDoc> | undefined> {
    return this.container.read<CaseDoc>(caseId, 'case');
  }

  /** Appends an event; writing the same event again changes nothing. */
  async recordEvent(caseId: string, event: CaseEvent): Promise<void> {
    const doc: CaseEventDoc = { ...event, id: eventDocId(event.seq), pk: caseId, type: 'case-event' };
    try {
      await this.container.create(doc);
    } catch (err) {
      if (!isStoreError(err, 'conflict')) throw err;
    }
  }

  async events(caseId: string): Promise<CaseEvent[]> {
    const docs = await queryAll<CaseEventDoc>(this.container, caseId, "c.type = 'case-event'", {}, { orderBy: 'c.seq' });
    return docs.map(({ seq, kind, from, to, level, actor, at, comment }) => ({ seq, kind, from, to, level, actor, at, comment }));
  }

  /**
   * Moves a case under its etag: `decide` sees the current version and returns the next one or
   * a refusal; a lost race runs it again on the newer version.
   */
  move<R>(caseId: string, decide: (current: Stored<CaseDoc>) => { next: CaseDoc; result: R } | { result: R }, missing: R): Promise<R & {}> {
    return updateDoc<CaseDoc, R>(this.container, caseId, 'case', (current) => {
      if (!current) return { result: missing };
      const decision = decide(current);
      return 'next' in decision ? { write: decision.next, result: decision.result } : { result: decision.result };
    });
  }

  /** Brings the register entry up to the case's version (never back). */
  async syncSummary(c: CaseDoc): Promise<void> {
    await updateDoc<CaseSummary, void>(this.container, INDEX_PK, c.caseId, (current) =>
      current && current.version >= c.version ? { result: undefined } : { write: { ...current, ...summaryOf(c) }, result: undefined },
    );
  }

  /** Register entries matching `where` (over alias `c`), in `orderBy` order. */
  summaries(where: string, params: Record<string, string | number | readonly string[]>, orderBy = 'c.createdAt'): Promise<Stored<CaseSummary>[]> {
    const filter = where ? `c.type = 'case-summary' AND (${where})` : "c.type = 'case-summary'";
    return queryAll<CaseSummary>(this.container, INDEX_PK, filter, params, { orderBy });
  }
}

/** A random pause after losing a number to another instance, growing with each loss, so that racers spread out. */
function pause(attempt: number): Promise<void> {
  const ceiling = Math.min(1000, 10 * 2 ** Math.min(attempt, 10));
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
