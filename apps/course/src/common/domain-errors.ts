import { ConflictError } from '@platform/common';

/** The operation does not fit the current state of the thing (publish an archived course, drop a completed enrollment…). */
export function invalidState(message: string, details?: unknown): ConflictError {
  return new ConflictError(message, { code: 'INVALID_STATE', details });
}
