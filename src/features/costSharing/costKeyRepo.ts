import { queryAll, updateDoc } from '../../store/concurrency';
import type { DocContainer, Stored } from '../../store/types';
import type { CostKey } from './costRules';

/** The directory container's partition for distribution keys, one document per effective date. */
export const COST_KEY_PK = 'cost-key';

/** Where the distribution keys are kept. */
export class CostKeyRepo {
  constructor(private readonly container: DocContainer) {}

  /** Every key, oldest effective date first. */
  keys(): Promise<Stored<CostKey>[]> {
    return queryAll<CostKey>(this.container, COST_KEY_PK, "c.type = 'cost-key'", {}, { orderBy: 'c.effectiveFrom' });
  }

  /** Writes a key, replacing one with the same effective date. */
  async save(key: CostKey): Promise<void> {
    await updateDoc<CostKey, void>(this.container, COST_KEY_PK, key.id, () => ({ write: key, result: undefined }));
  }
}
