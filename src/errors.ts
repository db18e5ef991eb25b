import { StoreError } from './store/types';

/**
 * The closed set of expected failures. Each becomes a clear card for the person who acted
 * (see src/bot/errorReply.ts); anything else thrown is normalised to INTERNAL with the original as cause.
 */
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'STALE'
  | 'CONFLICT'
  | 'PRIVACY'
  | 'NOT_IN_DIRECTORY'
  | 'RATE_LIMITED'
  | 'BUSY'
  | 'TOO_LARGE'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export class AppError extends Error {
  public readonly code: AppErrorCode;
  /** Safe to show to the user (never contains the input that was refused). */
  public readonly detail: string | undefined;
  public readonly values: Record<string, string | number>;
  /**
   * The form inputs (their ids on the card) the refusal is about, first the one to show it beside.
   * A form re-rendered in place shows the problem there and keeps every other value as typed.
   */
  public readonly fields: readonly string[];

  constructor(
    code: AppErrorCode,
    options: {
      message?: string;
      detail?: string;
      values?: Record<string, string | number>;
      /** The input (or inputs) the refusal is about, by the id the card gives it. */
      field?: string | readonly string[];
      cause?: unknown;
    } = {},
  ) {
    super(options.message ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.detail = options.detail;
    this.values = options.values ?? {};
    this.fields = options.field === undefined ? [] : typeof options.field === 'string' ? [options.field] : [...options.field];
  }

  /** The input the refusal is shown beside, when it is about one. */
  get field(): string | undefined {
    return this.fields[0];
  }
}

export function isAppError(err: unknown, code?: AppErrorCode): err is AppError {
  return err instanceof AppError && (code === undefined || err.code === code);
}

/** Normalises anything thrown into an AppError, keeping the original as `cause`. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof StoreError) {
    switch (err.code) {
      case 'throttled':
      case 'unavailable':
      case 'precondition':
        return new AppError('UNAVAILABLE', { message: err.message, cause: err });
      case 'too_large':
        return new AppError('TOO_LARGE', { message: err.message, cause: err });
      case 'not_found':
        return new AppError('NOT_FOUND', { message: err.message, cause: err });
      case 'conflict':
        return new AppError('CONFLICT', { message: err.message, cause: err });
    }
  }
  return new AppError('INTERNAL', { message: err instanceof Error ? err.message : String(err), cause: err });
}
