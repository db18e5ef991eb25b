import type { Locale } from '../config';
import type { AppError, AppErrorCode } from '../errors';
import { t } from '../i18n';
import type { Reply } from '../kit/featureApp';

type CoreKey = Parameters<typeof t<'core'>>[2];

/** One table from error code to what the person sees and how loudly it is logged. */
export const ERROR_TABLE: Record<AppErrorCode, { message: CoreKey; log: 'info' | 'warn' | 'error' }> = {
  BAD_REQUEST: { message: 'errorBadRequest', log: 'info' },
  FORBIDDEN: { message: 'errorForbidden', log: 'info' },
  NOT_FOUND: { message: 'errorNotFound', log: 'info' },
  STALE: { message: 'errorStale', log: 'info' },
  CONFLICT: { message: 'errorConflict', log: 'info' },
  PRIVACY: { message: 'errorPrivacy', log: 'info' },
  NOT_IN_DIRECTORY: { message: 'errorNotInDirectory', log: 'info' },
  RATE_LIMITED: { message: 'errorRateLimited', log: 'info' },
  BUSY: { message: 'errorBusy', log: 'info' },
  TOO_LARGE: { message: 'errorTooLarge', log: 'info' },
  UNAVAILABLE: { message: 'errorUnavailable', log: 'warn' },
  INTERNAL: { message: 'errorInternal', log: 'error' },
};

/** The card for an expected failure; `reference` ties an internal error to its log line. */
export function errorReply(err: AppError, locale: Locale, reference?: string): Reply {
  const entry = ERROR_TABLE[err.code];
  const message = t(locale, 'core', entry.message, { detail: err.detail ?? '', ...err.values });
  return { card: 'error', data: { message, ...(reference ? { reference: `Ref: ${reference}` } : {}) } };
}
