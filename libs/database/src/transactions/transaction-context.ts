import { AsyncLocalStorage } from 'node:async_hooks';
import { type DataSource, type EntityManager, type QueryRunner } from 'typeorm';

export type AfterCommitHook = () => void | Promise<void>;

/**
 * The transaction the current async flow runs in. Repositories look it up on every call
 * (after MikroORM's TransactionContext), so a repository injected once at start-up still
 * writes through whichever transaction is open when it is used.
 */
export interface TransactionScope {
  readonly dataSource: DataSource;
  readonly queryRunner: QueryRunner;
  /** Work to run once the outermost transaction has committed (dropped on rollback). */
  readonly afterCommit: AfterCommitHook[];
}

export const transactionStorage = new AsyncLocalStorage<TransactionScope>();

let defaultDataSource: DataSource | undefined;

/** Set by DatabaseModule; `runInTransaction` and `@Transactional()` use it when given no data source. */
export function registerDefaultDataSource(dataSource: DataSource): void {
  defaultDataSource = dataSource;
}

export function unregisterDefaultDataSource(dataSource: DataSource): void {
  if (defaultDataSource === dataSource) defaultDataSource = undefined;
}

export function resolveDataSource(dataSource?: DataSource): DataSource {
  const resolved = dataSource ?? defaultDataSource;
  if (!resolved) {
    throw new Error('No data source: pass one, or import DatabaseModule so a default is registered');
  }
  return resolved;
}

export function currentTransaction(dataSource?: DataSource): TransactionScope | undefined {
  const scope = transactionStorage.getStore();
  if (!scope) return undefined;
  return dataSource === undefined || scope.dataSource === dataSource ? scope : undefined;
}

/** The EntityManager of the open transaction on `dataSource`, or the data source's own manager. */
export function currentEntityManager(dataSource: DataSource): EntityManager {
  return currentTransaction(dataSource)?.queryRunner.manager ?? dataSource.manager;
}

export function isInTransaction(dataSource?: DataSource): boolean {
  return currentTransaction(dataSource) !== undefined;
}

/**
 * Runs `hook` after the outermost transaction commits, or at once when there is none.
 * For side effects that must not happen for a rolled-back change (waking a relay,
 * clearing a cache). Failures of the hook are the hook's to handle.
 */
export function afterCommit(hook: AfterCommitHook): void {
  const scope = transactionStorage.getStore();
  if (scope) scope.afterCommit.push(hook);
  else void Promise.resolve().then(hook);
}
