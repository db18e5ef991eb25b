import { z } from 'zod';
import { parseTypedDate, parseTypedTime } from '../dates/typedDates';

/**
 * Schema pieces for form fields that every feature reads the same way. Their issues carry the
 * kit's problem words (src/kit/forms.ts), so a refused form says "Enter a date, for example …"
 * beside the field.
 */

const typed = (max: number) => z.union([z.string(), z.null()]).optional().transform((v) => (v ?? '').trim()).pipe(z.string().max(max));

/** A date as typed or as a client's date input sent it, as `YYYY-MM-DD`; empty is refused as missing. */
export const dateField = typed(60).transform((v, ctx) => {
  if (v === '') {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'required' });
    return z.NEVER;
  }
  const day = parseTypedDate(v);
  if (!day) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'notADate' });
    return z.NEVER;
  }
  return day;
});

/** A date that may be left empty (then null). */
export const optionalDateField = typed(60).transform((v, ctx): string | null => {
  if (v === '') return null;
  const day = parseTypedDate(v);
  if (!day) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'notADate' });
    return z.NEVER;
  }
  return day;
});

/** A time of day as typed or sent (`09.30`, `9:30`), as `HH:mm`; may be left empty (then null). */
export const optionalTimeField = typed(20).transform((v, ctx): string | null => {
  if (v === '') return null;
  const time = parseTypedTime(v);
  if (!time) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'notATime' });
    return z.NEVER;
  }
  return time;
});
