import type { Logger } from '../../log';

/**
 * Runs the follow-ups of a write that has already succeeded (event document, register entry,
 * messages). A failure is logged and does not undo or hide the write: the case document holds
 * its latest event, and the register catches up on the next move.
 */
export async function afterCommit(log: Logger, caseId: string, steps: Record<string, () => Promise<void>>): Promise<void> {
  for (const [what, step] of Object.entries(steps)) {
    try {
      await step();
    } catch (err) {
      log.error({ err, caseId, what }, 'case follow-up failed after the case was saved');
    }
  }
}
