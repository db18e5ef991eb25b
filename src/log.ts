import { createHash } from 'node:crypto';
import pino from 'pino';

export type Logger = pino.Logger;

/**
 * The acting person as the logs name them: a pseudonym of their AAD object id, the same on every
 * line and every instance, from which the id cannot be read back. To follow one person's turns,
 * compute theirs from the directory entry.
 */
export function actorPseudonym(aadObjectId: string): string {
  return createHash('sha256').update(`actor:${aadObjectId}`).digest('hex').slice(0, 16);
}

/**
 * JSON logs. Message text, card data and tokens are never logged at info level: callers log ids,
 * verbs and outcomes, and the redaction below catches the usual places secrets hide.
 */
export function createLogger(level: pino.LevelWithSilent, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'lansledning-bot' },
      redact: {
        paths: [
          'authorization',
          'headers.authorization',
          'req.headers.authorization',
          '*.password',
          '*.appPassword',
          '*.key',
          '*.token',
          'text',
          '*.text',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
