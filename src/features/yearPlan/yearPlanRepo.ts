import { updateDoc, type Decide } from '../../store/concurrency';
import type { DocContainer, Stored } from '../../store/types';
import { SETTINGS_ID, type AnnualSettings } from './annualRules';
import type { YearPlan } from './yearPlanRules';

/** The directory container's partition for the year plans, one document per year (id: the year). */
export const YEAR_PLAN_PK = 'yearplan';
/** The directory container's partition for settings; the annual cycle's dates are one document. */
const SETTINGS_PK = 'settings';

/** Where the year plans and the annual cycle's dates are kept. */
export class YearPlanRepo {
  constructor(private readonly container: DocContainer) {}

  plan(year: number): Promise<Stored<YearPlan> | undefined> {
    return this.container.read<YearPlan>(YEAR_PLAN_PK, String(year));
  }

  /** Changes a year's plan under its etag (see `updateDoc`). */
  changePlan<R>(year: number, decide: Decide<YearPlan, R>): Promise<R & {}> {
    return updateDoc<YearPlan, R>(this.container, YEAR_PLAN_PK, String(year), decide);
  }

  settings(): Promise<Stored<AnnualSettings> | undefined> {
    return this.container.read<AnnualSettings>(SETTINGS_PK, SETTINGS_ID);
  }

  changeSettings<R>(decide: Decide<AnnualSettings, R>): Promise<R & {}> {
    return updateDoc<AnnualSettings, R>(this.container, SETTINGS_PK, SETTINGS_ID, decide);
  }
}
