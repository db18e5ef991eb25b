import { updateDoc, type Decide } from '../../store/concurrency';
import type { DocContainer, Stored } from '../../store/types';
import { NOTICE_DOC_ID, type AgreementNotice } from './terminationRules';

/** The directory container's partition for the agreement's notice record. */
export const NOTICE_PK = 'notice';

/** Where notices of termination are kept: one record for the agreement, its notices inside. */
export class TerminationRepo {
  constructor(private readonly container: DocContainer) {}

  notice(): Promise<Stored<AgreementNotice> | undefined> {
    return this.container.read<AgreementNotice>(NOTICE_PK, NOTICE_DOC_ID);
  }

  /** Changes the record under its etag (see `updateDoc`). */
  changeNotice<R>(decide: Decide<AgreementNotice, R>): Promise<R & {}> {
    return updateDoc<AgreementNotice, R>(this.container, NOTICE_PK, NOTICE_DOC_ID, decide);
  }
}
