import type { Logger } from '../../log';
import { applyDocumentOp } from './accountState';
import type { ServerAccount } from './cosmosServer';
import type { InternalClient } from './internalClient';
import type { JournalEntry, JournalOp } from './journalEntry';

/**
 * Applies journal entries in order, unconditionally: a `put` stores the document as it was stored,
 * a `delete` removes it (both straight into the server's account), a `request` (a database,
 * container or function change) is sent again through HTTP. A result other than the original
 * success means the replayed state differs from the one acknowledged; it is logged as an error and
 * replay goes on. Returns how many ops diverged.
 */
export async function replayEntries(account: ServerAccount, client: InternalClient, entries: JournalEntry[], log: Logger): Promise<number> {
  let diverged = 0;
  for (const entry of entries) {
    for (const op of entry.ops) {
      const applied = await apply(account, client, op);
      if (!applied.ok) {
        diverged += 1;
        log.error({ seq: entry.seq, op: op.op, status: applied.status }, 'a journal entry did not replay as it was first applied');
      }
    }
  }
  return diverged;
}

async function apply(account: ServerAccount, client: InternalClient, op: JournalOp): Promise<{ ok: boolean; status: number }> {
  if (op.op !== 'request') {
    try {
      return applyDocumentOp(account, op) ? { ok: true, status: 200 } : { ok: false, status: 404 };
    } catch {
      return { ok: false, status: 500 };
    }
  }
  const { status } = await client.request(op.method, op.path, {
    headers: op.headers,
    ...(op.method === 'DELETE' ? {} : { body: op.body }),
  });
  return { ok: status >= 200 && status <= 299, status };
}
