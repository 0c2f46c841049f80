/**
 * The query language repositories accept: an operator grammar over whitelisted fields
 * (after Vendure's filter parameters), typed by the entity so a typo fails at compile
 * time, and checked again at run time because filters also arrive from the wire.
 */
export const FILTER_OPERATORS = ['eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte', 'contains', 'isNull'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];

export type FilterValue = string | number | boolean | Date;

export interface FieldFilter<V = FilterValue> {
  eq?: V;
  ne?: V;
  in?: readonly V[];
  lt?: V;
  lte?: V;
  gt?: V;
  gte?: V;
  /** Case-insensitive substring match. */
  contains?: string;
  isNull?: boolean;
}

type Scalar<V> = V extends Date ? Date : V extends string | number | boolean ? V : never;

/** Conditions on several fields are ANDed; several operators on one field are ANDed too. */
export type Filter<T> = { [K in keyof T]?: FieldFilter<Scalar<NonNullable<T[K]>>> };

export type SortDirection = 'ASC' | 'DESC';

/** Keys in insertion order are the sort priority: `{ rating: 'DESC', createdAt: 'DESC' }`. */
export type Sort<T> = { [K in keyof T]?: SortDirection };

export interface ListOptions<T> {
  filter?: Filter<T>;
  sort?: Sort<T>;
  limit?: number;
  offset?: number;
  /** Include soft-deleted rows (admin views, restore). */
  withDeleted?: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface RepositorySpec<T> {
  /** Fields a caller may filter on; anything else is an InvalidFilterError listing these. */
  filterable: readonly (keyof T & string)[];
  /** Fields a caller may sort on; the primary key is always appended last for stable pages. */
  sortable: readonly (keyof T & string)[];
  defaultSort?: Sort<T>;
  defaultLimit?: number;
  /** Larger limits are capped to this, never an error. */
  maxLimit?: number;
}

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;
/** An `in` list longer than this is refused: it would make a query plan, not a filter. */
export const MAX_IN_VALUES = 500;
