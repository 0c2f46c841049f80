export * from './entities/bases';
export * from './entities/mixins';
export * from './errors/translate-driver-error';
export * from './migrations/run-migrations';
export * from './module/data-source-options';
export * from './module/database.module';
export * from './module/ensure-database';
export * from './naming/snake-naming.strategy';
export * from './naming/unique-among-live';
export * from './repository/base.repository';
export * from './repository/filter-compiler';
export * from './repository/list-query';
export * from './repository/query-rows';
export * from './subscribers/audit.subscriber';
export * from './transactions/run-in-transaction';
export * from './transactions/transaction-context';
export * from './transactions/transactional.decorator';
// The platform's error classes live in @platform/common (the gateway rebuilds them from
// the wire without loading TypeORM); the repository ones are re-exported here for callers.
export {
  CheckViolationError,
  ConflictError,
  DuplicateKeyError,
  ForeignKeyError,
  InvalidFilterError,
  NotFoundError,
  OptimisticLockError,
  RepositoryError,
  TransactionConflictError,
} from '@platform/common';
