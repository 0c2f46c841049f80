import { AppError } from './app-error';
import { type ErrorCode } from './error-codes';

/**
 * Errors of persistence, raised by the repositories of libs/database and libs/documents
 * and by the translator of driver errors. Services also raise NotFoundError and
 * ConflictError (with a specialised code) for their own domain rules.
 */
export abstract class RepositoryError extends AppError {}

export class NotFoundError extends RepositoryError {
  readonly defaultCode = 'NOT_FOUND' as const;

  static forEntity(entity: string, id: string | number): NotFoundError {
    return new NotFoundError(`${entity} ${id} not found`, { details: { entity, id } });
  }
}

export class ConflictError extends RepositoryError {
  readonly defaultCode: ErrorCode = 'CONFLICT';
}

/** A unique constraint (23505); `details.constraint` names it. */
export class DuplicateKeyError extends ConflictError {
  override readonly defaultCode = 'ALREADY_EXISTS' as const;
}

/** A foreign key constraint (23503): the referenced row is missing, or still referenced. */
export class ForeignKeyError extends ConflictError {
  override readonly defaultCode = 'FOREIGN_KEY_VIOLATION' as const;
}

/** An update or delete guarded by a version that is no longer current. */
export class OptimisticLockError extends ConflictError {
  override readonly defaultCode = 'VERSION_CONFLICT' as const;
}

/**
 * A serialization failure (40001) or deadlock (40P01) that outlived the bounded retries
 * of the outermost transaction; the client may retry the request.
 */
export class TransactionConflictError extends ConflictError {
  override readonly defaultCode = 'TRANSACTION_CONFLICT' as const;
}

/** A CHECK constraint (23514); `details.constraint` names the invariant that held. */
export class CheckViolationError extends RepositoryError {
  readonly defaultCode = 'CHECK_VIOLATION' as const;
}

/** A filter or sort on a field or operator the repository does not allow; details list the valid ones. */
export class InvalidFilterError extends RepositoryError {
  readonly defaultCode = 'INVALID_FILTER' as const;
}
