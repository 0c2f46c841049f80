/** `'a', 'b'` for an IN list in a CHECK constraint, from the same constant the code uses. */
export function sqlList(values: readonly string[]): string {
  return values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', ');
}
