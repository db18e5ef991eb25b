import { queryAll, updateDoc } from '../../store/concurrency';
import type { DocContainer, Stored } from '../../store/types';
import { isStoreError, StoreError } from '../../store/types';
import { formatCaseNumber } from './caseNumber';
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
  constructor(private readonly container: DocContainer) {}

  /**
   * Gives the case the next number of its year and records it in the register. The number is
   * taken by creating the register entry `LV-<year>-<n>`: a create conflicts when the number is
   * taken, and the next one is tried. A number is only ever tried after every lower one exists,
   * so numbers are unique and have no gaps, and no single document is written by every submission.
   */
  async register(year: number, build: (caseId: string, seq: number) => CaseDoc): Promise<CaseDoc> {
    let seq = (await this.highestSeq(year)) + 1;
    for (let attempt = 1; ; attempt++) {
      const doc = build(formatCaseNumber(year, seq), seq);
      try {
        await this.container.create(summaryOf(doc));
        return doc;
      } catch (err) {
        if (!isStoreError(err, 'conflict')) throw err;
        if (attempt >= RESERVE_ATTEMPTS) throw new StoreError('precondition', `no free case number after ${attempt} tries`, { cause: err });
        await pause(attempt);
        seq = Math.max(seq + 1, (await this.highestSeq(year)) + 1);
      }
    }
  }

  /** The highest number taken in `year` (0 when none). */
  async highestSeq(year: number): Promise<number> {
    const page = await this.container.query<CaseSummary>(INDEX_PK, "c.type = 'case-summary' AND c.year = @year", { year }, {
      orderBy: 'c.seq DESC',
      pageSize: 1,
    });
    return page.items[0]?.seq ?? 0;
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

/** A short random pause after losing a number, so that racing submissions spread out. */
function pause(attempt: number): Promise<void> {
  const ceiling = Math.min(100, 4 * 2 ** Math.min(attempt, 5));
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}
