import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { type DataSource, type EntityManager } from 'typeorm';
import { type IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { isRetryableTransactionError, translateDriverError } from '../errors/translate-driver-error';
import {
  type AfterCommitHook,
  type TransactionScope,
  resolveDataSource,
  transactionStorage,
} from './transaction-context';

export interface TransactionOptions {
  dataSource?: DataSource;
  isolation?: IsolationLevel;
  /**
   * Inside a running transaction, run in a savepoint: a failure here rolls back only this
   * part and the outer transaction goes on. Without it, a nested call joins the outer
   * transaction and its failure dooms the whole. Savepoints of one transaction must not
   * run in parallel (they nest on one connection).
   */
  savepoint?: boolean;
  /**
   * Attempts of the outermost transaction when PostgreSQL reports a serialization failure
   * (40001) or deadlock (40P01). The function runs again from the start, so it must keep
   * non-database side effects in `afterCommit` hooks.
   */
  maxAttempts?: number;
}

const DEFAULT_MAX_ATTEMPTS = 3;
const logger = new Logger('Transactions');

/**
 * Runs `work` in a transaction. Nested calls join the transaction already open on the same
 * data source (or open a savepoint); only the scope that opened a transaction commits,
 * rolls back and releases its connection (after Vendure's transaction wrapper).
 */
export async function runInTransaction<T>(
  work: (manager: EntityManager) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const dataSource = resolveDataSource(options.dataSource);
  const outer = transactionStorage.getStore();
  if (outer && outer.dataSource === dataSource) {
    return options.savepoint ? runInSavepoint(outer, work) : work(outer.queryRunner.manager);
  }
  const maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await runOutermost(dataSource, work, options.isolation);
    } catch (error) {
      if (attempt >= maxAttempts || !isRetryableTransactionError(error)) throw translateDriverError(error);
      logger.warn(`Transaction attempt ${attempt} hit a serialization failure or deadlock; retrying`);
      await sleep(backoffMs(attempt));
    }
  }
}

/** Jittered, growing pause so two retrying transactions do not collide again in lockstep. */
function backoffMs(attempt: number): number {
  return Math.round(10 * 2 ** (attempt - 1) * (0.5 + Math.random()));
}

async function runOutermost<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  isolation: IsolationLevel | undefined,
): Promise<T> {
  const queryRunner = dataSource.createQueryRunner();
  await queryRunner.connect();
  const scope: TransactionScope = { dataSource, queryRunner, afterCommit: [] };
  let result: T;
  try {
    await queryRunner.startTransaction(isolation);
    result = await transactionStorage.run(scope, () => work(queryRunner.manager));
    await queryRunner.commitTransaction();
  } catch (error) {
    if (queryRunner.isTransactionActive) {
      await queryRunner.rollbackTransaction().catch((rollbackError: unknown) => {
        logger.error(`Rollback failed: ${String(rollbackError)}`);
      });
    }
    throw error;
  } finally {
    await queryRunner.release();
  }
  await runAfterCommitHooks(scope.afterCommit);
  return result;
}

async function runInSavepoint<T>(
  outer: TransactionScope,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const { queryRunner } = outer;
  // TypeORM turns a nested startTransaction into SAVEPOINT, commit into RELEASE and
  // rollback into ROLLBACK TO SAVEPOINT.
  await queryRunner.startTransaction();
  const scope: TransactionScope = { ...outer, afterCommit: [] };
  try {
    const result = await transactionStorage.run(scope, () => work(queryRunner.manager));
    await queryRunner.commitTransaction();
    outer.afterCommit.push(...scope.afterCommit);
    return result;
  } catch (error) {
    await queryRunner.rollbackTransaction();
    throw translateDriverError(error);
  }
}

async function runAfterCommitHooks(hooks: AfterCommitHook[]): Promise<void> {
  for (const hook of hooks) {
    try {
      await hook();
    } catch (error) {
      // The transaction is committed; a failing hook must not turn success into an error.
      logger.error(`After-commit hook failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
