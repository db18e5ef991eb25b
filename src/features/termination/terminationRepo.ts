import { updateDoc, type Decide } from '../../store/concurrency';
import type { DocContainer, Stored } from '../../store/types';
import { NOTICE_DOC_ID, normaliseAgreementNotice, type AgreementNotice } from './terminationRules';

/** The directory container's partition for the agreement's notice record. */
export const NOTICE_PK = 'notice';

/**
 * Where notices of termination are kept: one record for the agreement, its notices inside. A record
 * of an earlier shape (withdrawn notices) is read as the current one.
 */
export class TerminationRepo {
  constructor(private readonly container: DocContainer) {}

  async notice(): Promise<Stored<AgreementNotice> | undefined> {
    const doc = await this.container.read<AgreementNotice>(NOTICE_PK, NOTICE_DOC_ID);
    return doc ? normaliseAgreementNotice(doc) : undefined;
  }

  /** Changes the record under its etag (see `updateDoc`). */
  changeNotice<R>(decide: Decide<AgreementNotice, R>): Promise<R & {}> {
    return updateDoc<AgreementNotice, R>(this.container, NOTICE_PK, NOTICE_DOC_ID, (current) => decide(current ? normaliseAgreementNotice(current) : undefined));
  }
}
