import {
  AppError,
  CheckViolationError,
  ConflictError,
  DuplicateKeyError,
  ForeignKeyError,
  TimeoutError,
  TransactionConflictError,
  UnavailableError,
  ValidationError,
} from '@platform/common';
import { QueryFailedError } from 'typeorm';

/** The fields of a PostgreSQL error (pg's DatabaseError) that the translation reads. */
export interface PgErrorFields {
  code?: string;
  constraint?: string;
  table?: string;
  column?: string;
  detail?: string;
}

export const SQLSTATE = {
  UNIQUE_VIOLATION: '23505',
  FOREIGN_KEY_VIOLATION: '23503',
  CHECK_VIOLATION: '23514',
  NOT_NULL_VIOLATION: '23502',
  EXCLUSION_VIOLATION: '23P01',
  SERIALIZATION_FAILURE: '40001',
  DEADLOCK_DETECTED: '40P01',
  LOCK_NOT_AVAILABLE: '55P03',
  QUERY_CANCELED: '57014',
  INVALID_TEXT_REPRESENTATION: '22P02',
  STRING_DATA_RIGHT_TRUNCATION: '22001',
  NUMERIC_VALUE_OUT_OF_RANGE: '22003',
  INVALID_DATETIME_FORMAT: '22007',
  DATETIME_FIELD_OVERFLOW: '22008',
  /** Text the database encoding cannot hold, e.g. a NUL character. */
  CHARACTER_NOT_IN_REPERTOIRE: '22021',
  UNTRANSLATABLE_CHARACTER: '22P05',
} as const;

/** Errors worth running the whole transaction again for. */
const RETRYABLE = new Set<string>([SQLSTATE.SERIALIZATION_FAILURE, SQLSTATE.DEADLOCK_DETECTED]);

function pgFieldsOf(error: unknown): PgErrorFields | undefined {
  const candidate = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  if (typeof candidate !== 'object' || candidate === null) return undefined;
  const code = (candidate as PgErrorFields).code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? candidate : undefined;
}

export function sqlStateOf(error: unknown): string | undefined {
  return pgFieldsOf(error)?.code;
}

export function isRetryableTransactionError(error: unknown): boolean {
  const state = sqlStateOf(error) ?? (error instanceof AppError ? retryableCodeOf(error) : undefined);
  return state !== undefined && RETRYABLE.has(state);
}

function retryableCodeOf(error: AppError): string | undefined {
  const cause = error.cause;
  return cause === undefined ? undefined : sqlStateOf(cause);
}

/** "Key (email)=(a@b.c) already exists." → ["email"]; the values are dropped (they may be personal data). */
export function columnsFromDetail(detail: string | undefined): string[] | undefined {
  const match = detail?.match(/^Key \(([^)]+)\)=/);
  return match?.[1]?.split(',').map((column) => column.trim().replace(/^"|"$/g, ''));
}

const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
]);

/**
 * The one place where PostgreSQL's errors become the platform's typed errors, keyed on
 * SQLSTATE (after advanced-alchemy's exception wrapper). Constraint names survive into
 * `details` so callers can tell `uq_users_email` from `uq_users_handle`; values do not.
 * Anything unrecognised is returned unchanged (it is a bug, and will surface as a 500).
 */
export function translateDriverError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const pg = pgFieldsOf(error);
  if (!pg) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && CONNECTION_ERRORS.has(code)) {
      return new UnavailableError('Database unavailable', { cause: error });
    }
    return error;
  }
  const where = { constraint: pg.constraint, table: pg.table };
  const violated = (kind: string): string =>
    pg.constraint ? `${kind} ${pg.constraint} violated` : `${kind} violated`;
  switch (pg.code) {
    case SQLSTATE.UNIQUE_VIOLATION:
      return new DuplicateKeyError(violated('Unique constraint'), {
        details: { ...where, columns: columnsFromDetail(pg.detail) },
        cause: error,
      });
    case SQLSTATE.FOREIGN_KEY_VIOLATION:
      return new ForeignKeyError(violated('Foreign key'), {
        details: { ...where, columns: columnsFromDetail(pg.detail) },
        cause: error,
      });
    case SQLSTATE.CHECK_VIOLATION:
      return new CheckViolationError(violated('Check constraint'), {
        details: where,
        cause: error,
      });
    case SQLSTATE.EXCLUSION_VIOLATION:
      return new ConflictError(violated('Exclusion constraint'), { details: where, cause: error });
    case SQLSTATE.NOT_NULL_VIOLATION:
      return new ValidationError(`${pg.column ?? 'A column'} is required`, {
        details: [{ field: pg.column ?? 'unknown', message: 'is required' }],
        cause: error,
      });
    case SQLSTATE.SERIALIZATION_FAILURE:
    case SQLSTATE.DEADLOCK_DETECTED:
    case SQLSTATE.LOCK_NOT_AVAILABLE:
      return new TransactionConflictError('Concurrent update, please retry', { cause: error });
    case SQLSTATE.QUERY_CANCELED:
      return new TimeoutError('Database statement timed out', { cause: error });
    case SQLSTATE.INVALID_TEXT_REPRESENTATION:
    case SQLSTATE.STRING_DATA_RIGHT_TRUNCATION:
    case SQLSTATE.NUMERIC_VALUE_OUT_OF_RANGE:
    case SQLSTATE.INVALID_DATETIME_FORMAT:
    case SQLSTATE.DATETIME_FIELD_OVERFLOW:
    case SQLSTATE.CHARACTER_NOT_IN_REPERTOIRE:
    case SQLSTATE.UNTRANSLATABLE_CHARACTER:
      return new ValidationError('A value has the wrong form or size', { cause: error });
    default:
      if (pg.code?.startsWith('08') || pg.code?.startsWith('57P')) {
        return new UnavailableError('Database unavailable', { cause: error });
      }
      return error;
  }
}
