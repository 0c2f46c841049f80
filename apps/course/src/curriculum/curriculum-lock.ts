import { queryRows } from '@platform/database';
import { type EntityManager } from 'typeorm';

/**
 * Serialises curriculum edits of one course until the transaction ends: positions are
 * rewritten by several statements, and two editors interleaving them would leave gaps or
 * duplicates. An advisory lock (not the course row) so enrollments keep flowing meanwhile.
 */
export async function lockCourseCurriculum(manager: EntityManager, courseId: string): Promise<void> {
  await queryRows(manager, `SELECT pg_advisory_xact_lock(hashtext('course-curriculum'), hashtext($1))`, [
    courseId,
  ]);
}
