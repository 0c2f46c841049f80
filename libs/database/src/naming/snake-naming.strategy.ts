import { createHash } from 'node:crypto';
import { DefaultNamingStrategy, type NamingStrategyInterface, Table, View } from 'typeorm';

/** PostgreSQL silently truncates identifiers beyond 63 bytes; two long names could then collide. */
const MAX_IDENTIFIER = 63;

export function snakeCase(value: string): string {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .replace(/[\s-]+/g, '_')
    .toLowerCase();
}

function tableNameOf(tableOrName: Table | View | string): string {
  const name = tableOrName instanceof Table || tableOrName instanceof View ? tableOrName.name : tableOrName;
  // "schema.table" → "table": constraint names live in the table's schema already.
  return name.split('.').pop() ?? name;
}

/** `<prefix>_<table>_<columns>`, shortened with a stable hash when it would not fit. */
export function constraintName(
  prefix: string,
  tableOrName: Table | View | string,
  columns: readonly string[],
): string {
  const full = [prefix, tableNameOf(tableOrName), ...columns].join('_');
  if (full.length <= MAX_IDENTIFIER) return full;
  const hash = createHash('sha1').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, MAX_IDENTIFIER - hash.length - 1)}_${hash}`;
}

const SQL_WORDS = new Set([
  'and',
  'or',
  'not',
  'null',
  'is',
  'in',
  'between',
  'true',
  'false',
  'like',
  'ilike',
  'any',
  'all',
  'case',
  'when',
  'then',
  'else',
  'end',
  'coalesce',
  'length',
  'char_length',
  'lower',
  'upper',
  'trim',
  'now',
  'current_timestamp',
  'interval',
  'array',
  'cardinality',
  'distinct',
  'from',
  'varchar',
  'text',
  'int',
  'integer',
  'bigint',
  'numeric',
  'date',
  'timestamptz',
  'jsonb',
  'json',
]);

/** The column names a CHECK expression mentions, in order, to name the constraint after them. */
export function columnsOfExpression(expression: string): string[] {
  const withoutStrings = expression.replace(/'(?:[^']|'')*'/g, ' ');
  const found: string[] = [];
  for (const match of withoutStrings.matchAll(/"([^"]+)"|\b([a-z_][a-z0-9_]*)\b/gi)) {
    const word = (match[1] ?? match[2] ?? '').toLowerCase();
    if (!word || SQL_WORDS.has(word) || /^\d/.test(word) || found.includes(word)) continue;
    found.push(word);
  }
  return found.length > 0 ? found : ['expr'];
}

/**
 * snake_case columns and tables, and constraint names that say what they guard:
 * `pk_users_id`, `uq_users_email`, `fk_enrollments_course_id`, `idx_courses_search`,
 * `chk_inventory_items_reserved_on_hand`. The same strategy serves the running app and
 * the migrations CLI, so generated migrations never rename constraints back and forth.
 */
export class SnakeNamingStrategy extends DefaultNamingStrategy implements NamingStrategyInterface {
  override tableName(targetName: string, userSpecifiedName: string | undefined): string {
    return userSpecifiedName ?? snakeCase(targetName);
  }

  override columnName(
    propertyName: string,
    customName: string | undefined,
    embeddedPrefixes: string[],
  ): string {
    const prefix = embeddedPrefixes.length > 0 ? `${snakeCase(embeddedPrefixes.join('_'))}_` : '';
    return prefix + (customName ?? snakeCase(propertyName));
  }

  override relationName(propertyName: string): string {
    return snakeCase(propertyName);
  }

  override joinColumnName(relationName: string, referencedColumnName: string): string {
    return snakeCase(`${relationName}_${referencedColumnName}`);
  }

  override joinTableName(firstTableName: string, secondTableName: string): string {
    return `${firstTableName}_${secondTableName}`;
  }

  override joinTableColumnName(tableName: string, propertyName: string, columnName?: string): string {
    return snakeCase(`${tableName}_${columnName ?? propertyName}`);
  }

  override primaryKeyName(tableOrName: Table | string, columnNames: string[]): string {
    return constraintName('pk', tableOrName, columnNames);
  }

  override uniqueConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return constraintName('uq', tableOrName, columnNames);
  }

  override relationConstraintName(tableOrName: Table | string, columnNames: string[]): string {
    return constraintName('rel', tableOrName, columnNames);
  }

  override defaultConstraintName(tableOrName: Table | string, columnName: string): string {
    return constraintName('df', tableOrName, [columnName]);
  }

  override foreignKeyName(tableOrName: Table | string, columnNames: string[]): string {
    return constraintName('fk', tableOrName, columnNames);
  }

  override indexName(tableOrName: Table | View | string, columnNames: string[]): string {
    return constraintName('idx', tableOrName, columnNames);
  }

  override checkConstraintName(tableOrName: Table | string, expression: string): string {
    return constraintName('chk', tableOrName, columnsOfExpression(expression));
  }

  override exclusionConstraintName(tableOrName: Table | string, expression: string): string {
    return constraintName('xcl', tableOrName, columnsOfExpression(expression));
  }
}
