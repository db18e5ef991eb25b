import { createHash } from 'node:crypto';
import pino from 'pino';
import pretty from 'pino-pretty';

export type Logger = pino.Logger;

/** `json`: one JSON object a line (Azure, pipes, files); `pretty`: readable lines for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

/**
 * The acting person as the logs name them: a pseudonym of their AAD object id, the same on every
 * line and every instance, from which the id cannot be read back. To follow one person's turns,
 * compute theirs from the directory entry.
 */
export function actorPseudonym(aadObjectId: string): string {
  return createHash('sha256').update(`actor:${aadObjectId}`).digest('hex').slice(0, 16);
}

/**
 * Logs, JSON by default. Message text, card data and tokens are never logged at info level: callers
 * log ids, verbs and outcomes, and the redaction below catches the usual places secrets hide, in
 * both formats.
 */
export function createLogger(level: pino.LevelWithSilent, destination?: pino.DestinationStream, format: LogFormat = 'json'): Logger {
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
    format === 'pretty' ? prettyStream(destination) : destination,
  );
}

/** The same records as readable lines: time, level, message, then the record's fields on that line. */
function prettyStream(destination?: pino.DestinationStream): pino.DestinationStream {
  return pretty({
    colorize: destination === undefined && process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,service',
    singleLine: true,
    // Written before the call returns, so a line and the start banner keep their order.
    sync: true,
    ...(destination ? { destination } : {}),
  });
}
