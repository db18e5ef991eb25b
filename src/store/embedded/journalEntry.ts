import { z } from 'zod';

/**
 * What one journal line records. Documents are journaled by their resulting state, not by the
 * request that produced them: a create, replace, upsert, patch or batch becomes `put` of the
 * document as the server stored it, a delete becomes `delete`. Replaying them is unconditional by
 * construction (no etag, no patch arithmetic to redo). Database, collection and function changes
 * are rare and journaled as the request itself.
 */
export type JournalOp =
  | { op: 'put'; db: string; coll: string; doc: Record<string, unknown> }
  | { op: 'delete'; db: string; coll: string; id: string; partitionKey: string }
  | { op: 'request'; method: string; path: string; headers: Record<string, string>; body: string };

/** One successful mutating request: its sequence number (1, 2, 3, … without gaps) and effects. */
export interface JournalEntry {
  seq: number;
  at: string;
  ops: JournalOp[];
}

const name = z.string().min(1);

const opSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), db: name, coll: name, doc: z.record(z.unknown()) }),
  z.object({ op: z.literal('delete'), db: name, coll: name, id: name, partitionKey: z.string() }),
  z.object({
    op: z.literal('request'),
    method: z.enum(['POST', 'PUT', 'PATCH', 'DELETE']),
    path: z.string().startsWith('/'),
    headers: z.record(z.string()),
    body: z.string(),
  }),
]);

export const journalEntrySchema: z.ZodType<JournalEntry> = z.object({
  seq: z.number().int().positive(),
  at: z.string(),
  ops: z.array(opSchema),
});
