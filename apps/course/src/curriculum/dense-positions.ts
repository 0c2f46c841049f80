import { queryRows } from '@platform/database';
import { type EntityManager } from 'typeorm';

/** A table whose rows are ordered 1..n within a parent (modules in a course, lessons in a module). */
export interface PositionedTable {
  table: 'course_modules' | 'lessons';
  parentColumn: 'course_id' | 'module_id';
}

export const MODULE_POSITIONS: PositionedTable = { table: 'course_modules', parentColumn: 'course_id' };
export const LESSON_POSITIONS: PositionedTable = { table: 'lessons', parentColumn: 'module_id' };

/** A requested position within 1..max; none means the end. */
export function clampPosition(requested: number | undefined, max: number): number {
  if (requested === undefined) return max;
  return Math.min(Math.max(requested, 1), max);
}

/**
 * Keeps positions dense (1..n, no gaps, no duplicates) as rows come, go and move. Every
 * method must run inside the transaction that holds the course's curriculum lock
 * (lockCourseCurriculum); the unique (parent, position) constraints are deferred to commit
 * so the shifting statements may pass through intermediate duplicates.
 */
export class DensePositions {
  constructor(private readonly spec: PositionedTable) {}

  async count(manager: EntityManager, parentId: string): Promise<number> {
    const [row] = await queryRows<{ n: number }>(
      manager,
      `SELECT count(*)::int AS n FROM ${this.spec.table} WHERE ${this.spec.parentColumn} = $1`,
      [parentId],
    );
    return row.n;
  }

  /** Shifts the rows at and after the requested position down one, and returns that position. */
  async openSlot(manager: EntityManager, parentId: string, requested?: number): Promise<number> {
    const position = clampPosition(requested, (await this.count(manager, parentId)) + 1);
    await queryRows(
      manager,
      `UPDATE ${this.spec.table} SET position = position + 1
       WHERE ${this.spec.parentColumn} = $1 AND position >= $2`,
      [parentId, position],
    );
    return position;
  }

  /** Closes the gap a removed row left at `position`. */
  async closeGap(manager: EntityManager, parentId: string, position: number): Promise<void> {
    await queryRows(
      manager,
      `UPDATE ${this.spec.table} SET position = position - 1
       WHERE ${this.spec.parentColumn} = $1 AND position > $2`,
      [parentId, position],
    );
  }

  /** Moves row `id` from `from` to the requested position, shifting the rows in between; returns where it landed. */
  async move(
    manager: EntityManager,
    parentId: string,
    id: string,
    from: number,
    requested: number,
  ): Promise<number> {
    const to = clampPosition(requested, await this.count(manager, parentId));
    if (to === from) return to;
    await queryRows(
      manager,
      `UPDATE ${this.spec.table}
       SET position = CASE WHEN id = $2 THEN $4 WHEN $4 < $3 THEN position + 1 ELSE position - 1 END
       WHERE ${this.spec.parentColumn} = $1 AND position BETWEEN least($3::int, $4::int) AND greatest($3::int, $4::int)`,
      [parentId, id, from, to],
    );
    return to;
  }
}
