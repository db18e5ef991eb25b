import { updateDoc } from '../../store/concurrency';
import type { DocContainer } from '../../store/types';
import type { MeetingCostYear } from './meetingCostRules';
import { emptyYear, MEETING_COSTS_PK } from './meetingCostRules';

/** The directory container's partition for meeting costs: one document per year (id: the year). */
export class MeetingCostRepo {
  constructor(private readonly container: DocContainer) {}

  async year(year: number): Promise<MeetingCostYear> {
    return (await this.container.read<MeetingCostYear>(MEETING_COSTS_PK, String(year))) ?? emptyYear(year);
  }

  /** Changes a year's record under its etag; `change` returns the next version, or undefined to write nothing. */
  change<R>(year: number, change: (current: MeetingCostYear) => { next?: MeetingCostYear; result: R }): Promise<R & {}> {
    return updateDoc<MeetingCostYear, R>(this.container, MEETING_COSTS_PK, String(year), (current) => {
      const decided = change(current ?? emptyYear(year));
      return decided.next ? { write: decided.next, result: decided.result } : { result: decided.result };
    });
  }
}
