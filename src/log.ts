import pino from 'pino';

export type Logger = pino.Logger;

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
