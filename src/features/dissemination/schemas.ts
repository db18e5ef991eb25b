import { z } from 'zod';
import { parseLocalDateTime } from '../../dates/dates';
import { dateField, optionalDateField, optionalTimeField } from '../../kit/fields';
import type { ComposeInput } from './broadcastRules';
import type { Link } from './model';
import { BROADCAST_KINDS, TARGETS } from './model';

/** Ids this feature generates: `b-…` for broadcasts, `r-…` for remisser. */
export const BROADCAST_ID = /^b-[a-z0-9]{8,32}$/;
export const REMISS_ID = /^r-[a-z0-9]{8,32}$/;
/** Party and body ids as docs/domain.md makes them. */
const DIRECTORY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_LINKS = 10;

const directoryId = z.string().trim().max(100).regex(DIRECTORY_ID);

/** A choice left empty on a card arrives as "" or not at all: both mean none. */
const optionalDirectoryId = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((v) => (v ? v : null))
  .pipe(directoryId.nullable());

/** Toggles send "true"/"false"; programmatic callers may send booleans. */
const flag = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((v) => v === true || v === 'true');

/** A multi-select sends "a,b"; "all" (alone or among others) means every party. */
const partyList = z
  .union([z.array(z.string().max(100)).max(50), z.string().max(2000)])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s.length > 0))
  .pipe(z.array(z.union([z.literal('all'), directoryId])).min(1, 'required'))
  .transform((ids): 'all' | string[] => (ids.includes('all') ? 'all' : [...new Set(ids)]));

/**
 * A remiss's parties as ticked: "all" stands for the eleven parties (the agreement sends remisser
 * "till berörda chefer hos de elva parterna"); HUFB, or anyone else, is added only when ticked.
 */
const remissPartyList = z
  .union([z.array(z.string().max(100)).max(50), z.string().max(2000)])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s.length > 0))
  .pipe(z.array(z.union([z.literal('all'), directoryId])).min(1, 'choose at least one party'))
  .transform((ids) => [...new Set(ids)]);

const url = z
  .string()
  .trim()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'notAnAddress');

const optionalUrl = z
  .string()
  .trim()
  .max(2000)
  .optional()
  .transform((v) => (v ? v : null))
  .pipe(url.nullable());

/** Links as a list, or as the form's lines: "Title https://…" (or just the address). */
const links = z
  .union([z.array(z.object({ title: z.string().trim().max(200).optional(), url })).max(MAX_LINKS), z.string().max(10_000)])
  .transform((v, ctx): Link[] => {
    if (Array.isArray(v)) return v.map((l) => ({ title: l.title || l.url, url: l.url }));
    const out: Link[] = [];
    for (const line of v.split('\n').map((l) => l.trim()).filter((l) => l.length > 0)) {
      const match = /(https?:\/\/\S+)/i.exec(line);
      const address = match?.[1];
      if (!address || !url.safeParse(address).success) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'notAnAddress' });
        return z.NEVER;
      }
      const title = line.replace(address, '').replace(/^[\s|:–-]+|[\s|:–-]+$/g, '').slice(0, 200);
      out.push({ title: title || address, url: address });
    }
    if (out.length > MAX_LINKS) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `at most ${MAX_LINKS} links` });
      return z.NEVER;
    }
    return out;
  });

const emptyToUndefined = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((v) => (v ? v : undefined));

/** `broadcast.create`: the compose form (also used to save an edit of a draft, with its id). */
export const composeSchema = z
  .object({
    broadcastId: z.string().regex(BROADCAST_ID).optional(),
    kind: z.enum(BROADCAST_KINDS),
    title: z.string().trim().min(1).max(200),
    text: z.string().trim().min(1).max(100_000),
    links: links.optional(),
    audience: partyList.optional(),
    audienceBody: optionalDirectoryId,
    partyId: optionalDirectoryId,
    targets: z
      .union([z.enum(TARGETS), z.literal('')])
      .optional()
      .transform((v) => (v ? v : 'both' as const)),
    requiresAck: flag.optional(),
    /** Local date-time ("2026-11-27T09:00"), or the form's separate date and time. */
    sendAt: emptyToUndefined,
    sendDate: optionalDateField,
    sendTime: optionalTimeField,
  })
  .transform((d, ctx): ComposeInput => {
    let sendAt: Date | null = null;
    const local = d.sendAt ?? (d.sendDate ? `${d.sendDate}T${d.sendTime ?? '08:00'}` : undefined);
    if (local) {
      const parsed = parseLocalDateTime(local);
      if (!parsed) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [d.sendAt ? 'sendAt' : 'sendDate'], message: 'notADate' });
        return z.NEVER;
      }
      sendAt = parsed;
    } else if (d.sendTime) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['sendDate'], message: 'required' });
      return z.NEVER;
    }
    return {
      broadcastId: d.broadcastId,
      kind: d.kind,
      title: d.title,
      text: d.text,
      links: d.links ?? [],
      audience: d.audience ?? 'all',
      audienceBody: d.audienceBody,
      partyId: d.partyId,
      targets: d.targets,
      requiresAck: d.requiresAck ?? false,
      sendAt,
    };
  });

export const broadcastRef = z.object({ broadcastId: z.string().regex(BROADCAST_ID) });

export const confirmSchema = z.object({
  broadcastId: z.string().regex(BROADCAST_ID),
  revision: z.union([z.number().int(), z.string().regex(/^\d{1,6}$/).transform(Number)]).pipe(z.number().int().min(1)),
  when: z.enum(['now', 'scheduled']),
});

/** `orgchange.compose`, `broadcast.compose`: open a form (nothing in it is trusted). */
export const openForm = z.object({}).passthrough();

/** `remiss.create`. */
export const remissCreateSchema = z.object({
  title: z.string().trim().min(1).max(200),
  text: z.string().trim().min(1).max(100_000),
  /** As typed (`29/1 2027`, `29 januari 2027`) or as the date input sends it; `YYYY-MM-DD` after parsing. */
  dueDate: dateField,
  parties: remissPartyList,
  attachmentUrl: optionalUrl,
});

export const remissRef = z.object({ remissId: z.string().regex(REMISS_ID) });

/** `remiss.answer`: the party's answer; an empty answer is refused by the handler with a clear card. */
export const remissAnswerSchema = z.object({
  remissId: z.string().regex(REMISS_ID),
  answer: z.string().trim().max(100_000).optional().transform((v) => v ?? ''),
  attachmentUrl: optionalUrl,
});

/** `remiss.decline`: the party declines, with a reason. */
export const remissDeclineSchema = z.object({
  remissId: z.string().regex(REMISS_ID),
  reason: z.string().trim().max(10_000).optional().transform((v) => v ?? ''),
});
