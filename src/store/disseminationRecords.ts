import { z } from 'zod';
import { queryAll } from './concurrency';
import { DISSEMINATION_INDEX_PK } from './sharedRecords';
import type { Doc, DocContainer } from './types';

/**
 * The dissemination documents other features read (the annual report counts them, the digest after
 * a Länsledning meeting lists what each party still has to acknowledge or answer), as the
 * dissemination feature writes them. Each is checked with zod: a document of another shape is left
 * out and counted, never trusted.
 */
export const disseminationShapes = {
  index: z.object({ id: z.string(), item: z.enum(['broadcast', 'remiss']), title: z.string().optional(), createdAt: z.string().optional() }).passthrough(),
  broadcast: z
    .object({
      type: z.literal('broadcast'),
      kind: z.string(),
      title: z.string().optional(),
      requiresAck: z.boolean(),
      status: z.string(),
      sentAt: z.string().nullable().optional(),
      plan: z.object({ parties: z.array(z.object({ partyId: z.string() }).passthrough()) }).passthrough().nullable(),
    })
    .passthrough(),
  ack: z.object({ type: z.literal('broadcast-ack'), partyId: z.string() }).passthrough(),
  remiss: z
    .object({ type: z.literal('remiss'), title: z.string().optional(), partyIds: z.array(z.string()), dueDate: z.string().optional(), status: z.string().optional() })
    .passthrough(),
  answer: z.object({ type: z.literal('remiss-answer'), partyId: z.string(), state: z.enum(['answered', 'declined']) }).passthrough(),
} as const;

export type BroadcastRecord = z.infer<typeof disseminationShapes.broadcast> & { id: string };
export type RemissRecord = z.infer<typeof disseminationShapes.remiss> & { id: string };

/** One broadcast or remiss with what the parties did about it. */
export type DisseminatedItem =
  | { item: 'broadcast'; id: string; broadcast: BroadcastRecord; acked: string[] }
  | { item: 'remiss'; id: string; remiss: RemissRecord; answered: string[]; declined: string[] };

/**
 * Every broadcast and remiss listed in the index partition with `createdAt` in [from, to), each
 * read from its own partition (its deliveries left out). `skipped` counts documents of an
 * unexpected shape.
 */
export async function readDisseminated(container: DocContainer, period: { from: string; to: string }): Promise<{ items: DisseminatedItem[]; skipped: number }> {
  let skipped = 0;
  const parse = <T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, doc: unknown): T | undefined => {
    const result = schema.safeParse(doc);
    if (!result.success) skipped += 1;
    return result.success ? result.data : undefined;
  };
  const index = await queryAll<Doc>(container, DISSEMINATION_INDEX_PK, "c.type = 'dissemination-index' AND c.createdAt >= @from AND c.createdAt < @to", period);
  const items: DisseminatedItem[] = [];
  for (const entry of index.map((d) => parse(disseminationShapes.index, d)).filter((e) => e !== undefined)) {
    const docs = await queryAll<Doc>(container, entry.id, "c.type != 'delivery'");
    if (entry.item === 'broadcast') {
      const broadcast = docs.map((d) => (d.type === 'broadcast' ? parse(disseminationShapes.broadcast, d) : undefined)).find((b) => b !== undefined);
      if (!broadcast) continue;
      const acked = docs.filter((d) => d.type === 'broadcast-ack').map((d) => parse(disseminationShapes.ack, d)?.partyId).filter((p): p is string => p !== undefined);
      items.push({ item: 'broadcast', id: entry.id, broadcast: { ...broadcast, id: entry.id }, acked });
    } else {
      const remiss = docs.map((d) => (d.type === 'remiss' ? parse(disseminationShapes.remiss, d) : undefined)).find((r) => r !== undefined);
      if (!remiss) continue;
      const answers = docs.filter((d) => d.type === 'remiss-answer').map((d) => parse(disseminationShapes.answer, d)).filter((a) => a !== undefined);
      items.push({
        item: 'remiss',
        id: entry.id,
        remiss: { ...remiss, id: entry.id },
        answered: answers.filter((a) => a.state === 'answered').map((a) => a.partyId),
        declined: answers.filter((a) => a.state === 'declined').map((a) => a.partyId),
      });
    }
  }
  return { items, skipped };
}
