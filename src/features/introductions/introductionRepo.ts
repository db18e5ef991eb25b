import { queryAll, updateDoc, type Decide } from '../../store/concurrency';
import { INTRODUCTION_PK } from '../../store/sharedRecords';
import type { DocContainer, Stored } from '../../store/types';
import type { Checklist } from './checklistRules';

/** Where the introductions are kept: one checklist per newcomer (id: their AAD object id). */
export class IntroductionRepo {
  constructor(private readonly container: DocContainer) {}

  read(id: string): Promise<Stored<Checklist> | undefined> {
    return this.container.read<Checklist>(INTRODUCTION_PK, id);
  }

  /** The checklists neither completed nor cancelled, oldest first. */
  open(): Promise<Stored<Checklist>[]> {
    return queryAll<Checklist>(this.container, INTRODUCTION_PK, "c.type = 'introduction' AND IS_NULL(c.completedAt) AND IS_NULL(c.cancelledAt)", {}, { orderBy: 'c.startedAt' });
  }

  /** Changes a checklist under its etag (see `updateDoc`). */
  change<R>(id: string, decide: Decide<Checklist, R>): Promise<R & {}> {
    return updateDoc<Checklist, R>(this.container, INTRODUCTION_PK, id, decide);
  }
}
