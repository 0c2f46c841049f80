import { InvalidFilterError, ValidationError } from '@platform/common';
import { type EntityMetadata, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import {
  DEFAULT_LIMIT,
  FILTER_OPERATORS,
  type FilterOperator,
  MAX_IN_VALUES,
  MAX_LIMIT,
  type RepositorySpec,
} from './list-query';

const OPERATOR_SQL: Record<Exclude<FilterOperator, 'in' | 'contains' | 'isNull'>, string> = {
  eq: '=',
  ne: '<>',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
};

function isScalar(value: unknown): boolean {
  return (
    typeof value === 'string' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    typeof value === 'boolean' ||
    (value instanceof Date && !Number.isNaN(value.getTime()))
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** `%` and `_` in a search term are literal characters, not wildcards. */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Turns a wire-shaped filter into SQL conditions on a query builder. Column names come
 * from entity metadata, never from input; every value is a bound parameter.
 */
export class FilterCompiler<T extends ObjectLiteral> {
  private readonly filterable: ReadonlySet<string>;
  private readonly sortable: ReadonlySet<string>;

  constructor(
    private readonly metadata: EntityMetadata,
    private readonly spec: RepositorySpec<T>,
  ) {
    this.filterable = new Set(spec.filterable);
    this.sortable = new Set([...spec.sortable, ...metadata.primaryColumns.map((c) => c.propertyName)]);
    for (const field of [...this.filterable, ...this.sortable]) this.columnOf(field);
  }

  applyFilter(qb: SelectQueryBuilder<T>, filter: unknown): void {
    if (filter === undefined || filter === null) return;
    if (!isPlainObject(filter)) throw new InvalidFilterError('filter must be an object of field conditions');
    let index = 0;
    for (const [field, condition] of Object.entries(filter)) {
      if (condition === undefined) continue;
      if (!this.filterable.has(field)) {
        throw new InvalidFilterError(`Cannot filter by "${field}"`, {
          details: { field, allowedFields: [...this.filterable] },
        });
      }
      if (!isPlainObject(condition)) {
        throw this.badOperator(field, `conditions on "${field}" must be an object of operators`);
      }
      const column = this.column(qb, field);
      for (const [operator, value] of Object.entries(condition)) {
        if (value === undefined) continue;
        const param = `f${index++}`;
        qb.andWhere(
          this.condition(field, column, operator, value, param),
          this.parameter(operator, value, param),
        );
      }
    }
  }

  applySort(qb: SelectQueryBuilder<T>, sort: unknown, defaultSort: unknown): void {
    const requested = sort === undefined || sort === null ? (defaultSort ?? {}) : sort;
    if (!isPlainObject(requested)) throw new InvalidFilterError('sort must be an object of field directions');
    const seen = new Set<string>();
    for (const [field, direction] of Object.entries(requested)) {
      if (direction === undefined) continue;
      if (!this.sortable.has(field)) {
        throw new InvalidFilterError(`Cannot sort by "${field}"`, {
          details: { field, allowedFields: [...this.sortable] },
        });
      }
      const normalised = typeof direction === 'string' ? direction.toUpperCase() : direction;
      if (normalised !== 'ASC' && normalised !== 'DESC') {
        throw new InvalidFilterError(`Sort direction of "${field}" must be ASC or DESC`, {
          details: { field, allowedDirections: ['ASC', 'DESC'] },
        });
      }
      qb.addOrderBy(this.column(qb, field), normalised);
      seen.add(field);
    }
    // Ties in the requested order would let a row appear on two pages, or on none.
    for (const primary of this.metadata.primaryColumns) {
      if (!seen.has(primary.propertyName)) qb.addOrderBy(this.column(qb, primary.propertyName), 'ASC');
    }
  }

  page(limit: unknown, offset: unknown): { limit: number; offset: number } {
    const max = this.spec.maxLimit ?? MAX_LIMIT;
    const requestedLimit = limit ?? this.spec.defaultLimit ?? DEFAULT_LIMIT;
    const requestedOffset = offset ?? 0;
    const problems: { field: string; message: string }[] = [];
    if (!Number.isInteger(requestedLimit) || (requestedLimit as number) < 1) {
      problems.push({ field: 'limit', message: 'must be a positive integer' });
    }
    if (!Number.isInteger(requestedOffset) || (requestedOffset as number) < 0) {
      problems.push({ field: 'offset', message: 'must be a non-negative integer' });
    }
    if (problems.length > 0) throw new ValidationError('Invalid page', { details: problems });
    return { limit: Math.min(requestedLimit as number, max), offset: requestedOffset as number };
  }

  private condition(field: string, column: string, operator: string, value: unknown, param: string): string {
    switch (operator) {
      case 'eq':
      case 'ne':
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte':
        if (!isScalar(value)) throw this.badOperator(field, `"${field}.${operator}" needs a single value`);
        return `${column} ${OPERATOR_SQL[operator]} :${param}`;
      case 'in':
        if (
          !Array.isArray(value) ||
          value.length === 0 ||
          value.length > MAX_IN_VALUES ||
          !value.every(isScalar)
        ) {
          throw this.badOperator(field, `"${field}.in" needs a list of 1 to ${MAX_IN_VALUES} values`);
        }
        return `${column} IN (:...${param})`;
      case 'contains':
        if (typeof value !== 'string') throw this.badOperator(field, `"${field}.contains" needs a string`);
        return `${column}::text ILIKE :${param} ESCAPE '\\'`;
      case 'isNull':
        if (typeof value !== 'boolean')
          throw this.badOperator(field, `"${field}.isNull" needs true or false`);
        return value ? `${column} IS NULL` : `${column} IS NOT NULL`;
      default:
        throw this.badOperator(field, `Unknown filter operator "${operator}" on "${field}"`);
    }
  }

  private parameter(operator: string, value: unknown, param: string): Record<string, unknown> {
    if (operator === 'isNull') return {};
    if (operator === 'contains') return { [param]: `%${escapeLike(value as string)}%` };
    return { [param]: value };
  }

  private badOperator(field: string, message: string): InvalidFilterError {
    return new InvalidFilterError(message, { details: { field, allowedOperators: [...FILTER_OPERATORS] } });
  }

  private column(qb: SelectQueryBuilder<T>, field: string): string {
    return `${qb.escape(qb.alias)}.${qb.escape(this.columnOf(field))}`;
  }

  private columnOf(field: string): string {
    const column = this.metadata.findColumnWithPropertyName(field);
    if (!column) throw new Error(`${this.metadata.name} has no column for the listed field "${field}"`);
    return column.databaseName;
  }
}
