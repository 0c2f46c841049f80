import { type QueryRunner } from 'typeorm';

/** What a migration can change, read from the catalog in a stable order. */
export interface SchemaSnapshot {
  columns: string[];
  constraints: string[];
  indexes: string[];
  enums: string[];
  triggers: string[];
  functions: string[];
  extensions: string[];
  sequences: string[];
}

const MIGRATIONS_TABLE = 'migrations';

/**
 * Reads the current schema of the connection's search path. Column order is left out: a
 * `down()` that re-adds a dropped column puts it last, which is not a difference in meaning.
 */
export async function snapshotSchema(runner: QueryRunner): Promise<SchemaSnapshot> {
  const lines = async (sql: string): Promise<string[]> =>
    ((await runner.query(sql)) as { line: string }[]).map((row) => row.line);
  return {
    columns: await lines(`
      SELECT format('%s.%s %s%s nullable=%s default=%s', table_name, column_name, udt_name,
             coalesce('(' || character_maximum_length || ')', ''), is_nullable, coalesce(column_default, '-')) AS line
      FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name <> '${MIGRATIONS_TABLE}'
      ORDER BY table_name, column_name`),
    constraints: await lines(`
      SELECT format('%s %s %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) AS line
      FROM pg_constraint
      WHERE connamespace = current_schema()::regnamespace AND conrelid::regclass::text <> '${MIGRATIONS_TABLE}'
      ORDER BY 1`),
    indexes: await lines(`
      SELECT indexdef AS line FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename <> '${MIGRATIONS_TABLE}' ORDER BY indexname`),
    enums: await lines(`
      SELECT format('%s(%s)', t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)) AS line
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE t.typnamespace = current_schema()::regnamespace GROUP BY t.typname ORDER BY 1`),
    triggers: await lines(`
      SELECT pg_get_triggerdef(oid) AS line FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname`),
    functions: await lines(`
      SELECT pg_get_functiondef(p.oid) AS line FROM pg_proc p
      WHERE p.pronamespace = current_schema()::regnamespace ORDER BY p.proname`),
    extensions: await lines(`SELECT extname AS line FROM pg_extension ORDER BY 1`),
    sequences: await lines(`
      SELECT sequence_name AS line FROM information_schema.sequences
      WHERE sequence_schema = current_schema() AND sequence_name NOT LIKE '${MIGRATIONS_TABLE}%' ORDER BY 1`),
  };
}

/** Human-readable differences between two snapshots; empty when they are equal. */
export function diffSnapshots(expected: SchemaSnapshot, actual: SchemaSnapshot): string[] {
  const differences: string[] = [];
  for (const key of Object.keys(expected) as (keyof SchemaSnapshot)[]) {
    const before = new Set(expected[key]);
    const after = new Set(actual[key]);
    for (const line of before) if (!after.has(line)) differences.push(`${key}: missing  ${line}`);
    for (const line of after) if (!before.has(line)) differences.push(`${key}: extra    ${line}`);
  }
  return differences;
}
