import {
  NotFoundError,
  OptimisticLockError,
  RequestContext,
  ValidationError,
  isUuid,
  newId,
} from '@platform/common';
import {
  type DataSource,
  type DeepPartial,
  type EntityManager,
  type EntityMetadata,
  type EntityTarget,
  type ObjectLiteral,
  type Repository,
  type SelectQueryBuilder,
  type UpdateQueryBuilder,
} from 'typeorm';
import { translateDriverError } from '../errors/translate-driver-error';
import { currentEntityManager } from '../transactions/transaction-context';
import { FilterCompiler } from './filter-compiler';
import { queryRows } from './query-rows';
import { type Filter, type ListOptions, type Page, type RepositorySpec } from './list-query';

export interface UpdateOptions {
  /** The version the caller last read; the write happens only if it is still current. */
  expectedVersion?: number;
}

export interface FindOptions {
  withDeleted?: boolean;
}

/** Narrows a list query further than the wire filter can (a search, a join, a scope). */
export type QueryRefinement<T extends ObjectLiteral> = (qb: SelectQueryBuilder<T>) => void;

/** Columns a patch may not set: keys, bookkeeping and the lock itself. */
const MANAGED_PROPERTIES = ['id', 'createdAt', 'updatedAt', 'deletedAt', 'version', 'createdBy', 'updatedBy'];

/**
 * The repository every PostgreSQL feature builds on. It wraps TypeORM (composition, not
 * `extends Repository`) so that:
 * - it resolves the transaction of the caller's async flow on every call;
 * - soft-deleted rows stay invisible unless asked for, joins included;
 * - `update` with a version really guards the write (UPDATE … WHERE version = :expected);
 * - driver errors come out as the platform's typed errors.
 */
export class BaseRepository<T extends ObjectLiteral & { id: string | number }> {
  protected readonly alias: string;
  private compiler?: FilterCompiler<T>;

  constructor(
    protected readonly dataSource: DataSource,
    protected readonly target: EntityTarget<T>,
    protected readonly spec: RepositorySpec<T>,
  ) {
    this.alias = 'entity';
  }

  /** The entity manager of the current transaction, or of the data source outside one. */
  protected get manager(): EntityManager {
    return currentEntityManager(this.dataSource);
  }

  protected get repository(): Repository<T> {
    return this.manager.getRepository(this.target);
  }

  protected get metadata(): EntityMetadata {
    return this.dataSource.getMetadata(this.target);
  }

  private get filters(): FilterCompiler<T> {
    this.compiler ??= new FilterCompiler(this.metadata, this.spec);
    return this.compiler;
  }

  private get entityName(): string {
    return this.metadata.name;
  }

  /** A select over live rows (or all rows with `withDeleted`), in the current transaction. */
  protected select(options: FindOptions = {}): SelectQueryBuilder<T> {
    const qb = this.repository.createQueryBuilder(this.alias).withDeleted();
    const deletedAt = this.metadata.deleteDateColumn;
    if (deletedAt && !options.withDeleted) {
      qb.andWhere(`${qb.escape(this.alias)}.${qb.escape(deletedAt.databaseName)} IS NULL`);
    }
    return qb;
  }

  /** Runs `work`, turning driver errors into typed ones. Subclasses wrap their own queries in it. */
  protected async guard<R>(work: () => Promise<R>): Promise<R> {
    try {
      return await work();
    } catch (error) {
      throw translateDriverError(error);
    }
  }

  /**
   * Runs raw SQL in the current transaction and returns its rows, typed errors included.
   * For atomic conditional writes (`UPDATE … WHERE stock >= :n RETURNING …`): TypeORM's
   * `query()` answers UPDATE and DELETE with `[rows, rowCount]` but other statements with
   * the rows, a difference that silently breaks `rows[0]`.
   */
  protected queryRows<R>(sql: string, parameters: readonly unknown[] = []): Promise<R[]> {
    return queryRows<R>(this.manager, sql, parameters);
  }

  async findById(id: T['id'], options: FindOptions = {}): Promise<T | null> {
    if (!this.isValidId(id)) return null;
    return this.guard(() => this.select(options).andWhere(`${this.alias}.id = :id`, { id }).getOne());
  }

  async getById(id: T['id'], options: FindOptions = {}): Promise<T> {
    const found = await this.findById(id, options);
    if (!found) throw NotFoundError.forEntity(this.entityName, id);
    return found;
  }

  async findOne(
    filter: Filter<T>,
    options: FindOptions & { refine?: QueryRefinement<T> } = {},
  ): Promise<T | null> {
    const qb = this.select(options);
    this.filters.applyFilter(qb, filter);
    options.refine?.(qb);
    this.filters.applySort(qb, undefined, this.spec.defaultSort);
    return this.guard(() => qb.limit(1).getOne());
  }

  async exists(filter: Filter<T>, options: FindOptions = {}): Promise<boolean> {
    const qb = this.select(options);
    this.filters.applyFilter(qb, filter);
    return this.guard(() => qb.getExists());
  }

  /**
   * A page of rows and the total matching the filter. The total is its own COUNT query:
   * counting with a paginated, joined query (`getManyAndCount`) has miscounted before.
   */
  async list(options: ListOptions<T> = {}, refine?: QueryRefinement<T>): Promise<Page<T>> {
    const { limit, offset } = this.filters.page(options.limit, options.offset);
    const qb = this.select({ withDeleted: options.withDeleted });
    this.filters.applyFilter(qb, options.filter);
    refine?.(qb);
    const counted = qb.clone();
    this.filters.applySort(qb, options.sort, this.spec.defaultSort);
    const [items, total] = await this.guard(() =>
      Promise.all([qb.limit(limit).offset(offset).getMany(), counted.getCount()]),
    );
    return { items, total, limit, offset };
  }

  async create(data: DeepPartial<T>): Promise<T> {
    const [created] = await this.bulkCreate([data]);
    return created;
  }

  /** One INSERT for all rows; ids, timestamps, versions and audit columns are filled in. */
  async bulkCreate(rows: readonly DeepPartial<T>[]): Promise<T[]> {
    if (rows.length === 0) return [];
    const entities = rows.map((row) => this.prepareInsert(this.repository.create(row)));
    await this.guard(() =>
      this.manager.insert(this.target, entities as Parameters<EntityManager['insert']>[1]),
    );
    return entities;
  }

  /**
   * Applies `patch` and returns the updated row. With `expectedVersion`, the row changes
   * only if its version still equals it — else OptimisticLockError, never a lost update.
   */
  async update(id: T['id'], patch: DeepPartial<T>, options: UpdateOptions = {}): Promise<T> {
    const values = this.checkPatch(patch);
    if (Object.keys(values).length === 0) throw new ValidationError('Nothing to update');
    this.stampUpdatedBy(values);
    await this.guardedWrite(id, values, options, 'live');
    return this.getById(id);
  }

  /** Hides the row (sets deleted_at); a second call, or a missing row, is NotFoundError. */
  async softDelete(id: T['id'], options: UpdateOptions = {}): Promise<void> {
    const deletedAt = this.requireSoftDelete('softDelete');
    const values: Record<string, unknown> = { [deletedAt]: () => 'CURRENT_TIMESTAMP' };
    this.stampUpdatedBy(values);
    await this.guardedWrite(id, values, options, 'live');
  }

  /** Brings a soft-deleted row back; a live row with the same unique value makes it DuplicateKeyError. */
  async restore(id: T['id'], options: UpdateOptions = {}): Promise<T> {
    const deletedAt = this.requireSoftDelete('restore');
    const values: Record<string, unknown> = { [deletedAt]: null };
    this.stampUpdatedBy(values);
    await this.guardedWrite(id, values, options, 'deleted');
    return this.getById(id);
  }

  /** Removes the row for good (GDPR erasure, internal tables). */
  async hardDelete(id: T['id']): Promise<void> {
    if (!this.isValidId(id)) throw NotFoundError.forEntity(this.entityName, id);
    const result = await this.guard(() =>
      this.manager.createQueryBuilder().delete().from(this.target).where('id = :id', { id }).execute(),
    );
    if (!result.affected) throw NotFoundError.forEntity(this.entityName, id);
  }

  private async guardedWrite(
    id: T['id'],
    values: Record<string, unknown>,
    options: UpdateOptions,
    state: 'live' | 'deleted',
  ): Promise<void> {
    if (!this.isValidId(id)) throw NotFoundError.forEntity(this.entityName, id);
    const qb = this.manager
      .createQueryBuilder()
      .update(this.target)
      .set(values as Parameters<UpdateQueryBuilder<T>['set']>[0])
      .where('id = :id', { id });
    const deletedAt = this.metadata.deleteDateColumn;
    if (deletedAt) {
      qb.andWhere(`${qb.escape(deletedAt.databaseName)} ${state === 'live' ? 'IS NULL' : 'IS NOT NULL'}`);
    }
    const version = this.metadata.versionColumn;
    if (options.expectedVersion !== undefined) {
      if (!version) throw new Error(`${this.entityName} has no version column to guard the update with`);
      qb.andWhere(`${qb.escape(version.databaseName)} = :expectedVersion`, {
        expectedVersion: options.expectedVersion,
      });
    }
    const result = await this.guard(() => qb.execute());
    if (result.affected) return;
    await this.explainMissedWrite(id, options, state);
  }

  /** 0 rows updated: either the row is gone (or in the other state), or its version moved on. */
  private async explainMissedWrite(
    id: T['id'],
    options: UpdateOptions,
    state: 'live' | 'deleted',
  ): Promise<never> {
    const current = await this.findById(id, { withDeleted: true });
    const deletedAt = this.metadata.deleteDateColumn?.propertyName;
    const isDeleted = deletedAt !== undefined && current?.[deletedAt] != null;
    if (!current || isDeleted !== (state === 'deleted')) throw NotFoundError.forEntity(this.entityName, id);
    const versionProperty = this.metadata.versionColumn?.propertyName;
    throw new OptimisticLockError(`${this.entityName} ${id} was changed by someone else`, {
      details: {
        entity: this.entityName,
        id,
        expectedVersion: options.expectedVersion,
        currentVersion: versionProperty ? (current[versionProperty] as unknown) : undefined,
      },
    });
  }

  private checkPatch(patch: DeepPartial<T>): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    const rejected: { field: string; message: string }[] = [];
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (MANAGED_PROPERTIES.includes(key))
        rejected.push({ field: key, message: 'is managed by the platform' });
      else if (!this.metadata.findColumnWithPropertyName(key))
        rejected.push({ field: key, message: 'is not a field' });
      else values[key] = value;
    }
    if (rejected.length > 0)
      throw new ValidationError('Some fields cannot be updated', { details: rejected });
    return values;
  }

  private prepareInsert(entity: T): T {
    const record = entity as Record<string, unknown>;
    const primary = this.metadata.primaryColumns[0];
    if (primary?.type === 'uuid' && record[primary.propertyName] == null)
      record[primary.propertyName] = newId();
    const userId = RequestContext.userId();
    if (userId && this.hasAuditColumns()) {
      record.createdBy ??= userId;
      record.updatedBy ??= userId;
    }
    return entity;
  }

  private stampUpdatedBy(values: Record<string, unknown>): void {
    const userId = RequestContext.userId();
    if (userId && this.hasAuditColumns()) values.updatedBy = userId;
  }

  private hasAuditColumns(): boolean {
    return this.metadata.findColumnWithPropertyName('updatedBy') !== undefined;
  }

  private requireSoftDelete(operation: string): string {
    const column = this.metadata.deleteDateColumn;
    if (!column)
      throw new Error(`${this.entityName} has no deleted_at column; ${operation} is not available`);
    return column.propertyName;
  }

  private isValidId(id: T['id']): boolean {
    const primary = this.metadata.primaryColumns[0];
    if (primary?.type === 'uuid') return isUuid(id);
    return typeof id === 'number' ? Number.isSafeInteger(id) : /^\d{1,18}$/.test(String(id));
  }
}
