import { z } from 'zod';
import type { DocContainer } from './types';

/** Where the agreement's notice record lives (the termination feature writes it): the directory container. */
const NOTICE_PK = 'notice';
const NOTICE_DOC_ID = 'agreement';

const noticeRecord = z.object({ active: z.object({ endDate: z.string(), partyName: z.string() }).passthrough().nullable() }).passthrough();

/**
 * Whether the agreement has ended: a notice in force whose end date (`YYYY-MM-DD`) is today or
 * before ("Om en part säger upp detta avtal faller avtalet för samtliga parter"). Recurring work
 * (the annual cycle's reminders) asks this before it runs. A record of another shape counts as no notice.
 */
export async function agreementEnded(directory: DocContainer, today: string): Promise<{ endDate: string; partyName: string } | null> {
  const parsed = noticeRecord.safeParse(await directory.read(NOTICE_PK, NOTICE_DOC_ID));
  const active = parsed.success ? parsed.data.active : null;
  return active && active.endDate <= today ? { endDate: active.endDate, partyName: active.partyName } : null;
}
