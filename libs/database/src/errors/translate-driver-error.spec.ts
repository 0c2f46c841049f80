import {
  CheckViolationError,
  DuplicateKeyError,
  ForeignKeyError,
  TimeoutError,
  TransactionConflictError,
  UnavailableError,
  ValidationError,
} from '@platform/common';
import { QueryFailedError } from 'typeorm';
import {
  columnsFromDetail,
  isRetryableTransactionError,
  translateDriverError,
} from './translate-driver-error';

function pgError(fields: Record<string, string>): QueryFailedError {
  return new QueryFailedError('SELECT 1', [], Object.assign(new Error('pg'), fields));
}

describe('translateDriverError', () => {
  it.each([
    ['23505', DuplicateKeyError, 'ALREADY_EXISTS'],
    ['23503', ForeignKeyError, 'FOREIGN_KEY_VIOLATION'],
    ['23514', CheckViolationError, 'CHECK_VIOLATION'],
    ['23502', ValidationError, 'VALIDATION_FAILED'],
    ['40001', TransactionConflictError, 'TRANSACTION_CONFLICT'],
    ['40P01', TransactionConflictError, 'TRANSACTION_CONFLICT'],
    ['57014', TimeoutError, 'TIMEOUT'],
    ['22P02', ValidationError, 'VALIDATION_FAILED'],
    ['22021', ValidationError, 'VALIDATION_FAILED'],
    ['08006', UnavailableError, 'UNAVAILABLE'],
  ])('maps SQLSTATE %s to %p', (code, type, expectedCode) => {
    const translated = translateDriverError(pgError({ code, constraint: 'uq_users_email', table: 'users' }));
    expect(translated).toBeInstanceOf(type);
    expect((translated as { code: string }).code).toBe(expectedCode);
  });

  it('names the constraint and columns but never the values', () => {
    const translated = translateDriverError(
      pgError({
        code: '23505',
        constraint: 'uq_users_email',
        table: 'users',
        detail: 'Key (email)=(a@b.c) already exists.',
      }),
    ) as DuplicateKeyError;
    expect(translated.toJSON()).toEqual({
      code: 'ALREADY_EXISTS',
      message: 'Unique constraint uq_users_email violated',
      details: { constraint: 'uq_users_email', table: 'users', columns: ['email'] },
    });
    expect(JSON.stringify(translated.toJSON())).not.toContain('a@b.c');
  });

  it('leaves unknown errors alone, and maps refused connections to UNAVAILABLE', () => {
    const bug = new TypeError('x is undefined');
    expect(translateDriverError(bug)).toBe(bug);
    expect(
      translateDriverError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })),
    ).toBeInstanceOf(UnavailableError);
  });

  it('knows which failures deserve a retry, also after translation', () => {
    expect(isRetryableTransactionError(pgError({ code: '40001' }))).toBe(true);
    expect(isRetryableTransactionError(translateDriverError(pgError({ code: '40P01' })))).toBe(true);
    expect(isRetryableTransactionError(pgError({ code: '23505' }))).toBe(false);
  });

  it('reads composite key columns', () => {
    expect(columnsFromDetail('Key (user_id, course_id)=(1, 2) already exists.')).toEqual([
      'user_id',
      'course_id',
    ]);
  });
});
