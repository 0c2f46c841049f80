import { queryRows } from '@platform/database';
import { Injectable } from '@nestjs/common';
import { currentEntityManager } from '@platform/database';
import { DataSource } from 'typeorm';

@Injectable()
export class LessonCompletionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get manager() {
    return currentEntityManager(this.dataSource);
  }

  /** True when this is the first completion of the lesson by the enrollment. */
  async record(enrollmentId: string, lessonId: string): Promise<boolean> {
    const rows = await queryRows(
      this.manager,
      `INSERT INTO lesson_completions (enrollment_id, lesson_id) VALUES ($1, $2)
       ON CONFLICT DO NOTHING RETURNING lesson_id`,
      [enrollmentId, lessonId],
    );
    return rows.length === 1;
  }

  async isCompleted(enrollmentId: string, lessonId: string): Promise<boolean> {
    const rows = await queryRows(
      this.manager,
      `SELECT 1 FROM lesson_completions WHERE enrollment_id = $1 AND lesson_id = $2`,
      [enrollmentId, lessonId],
    );
    return rows.length === 1;
  }

  /** enrollment id → the lessons it completed, oldest completion first. */
  async completedBy(enrollmentIds: readonly string[]): Promise<Map<string, string[]>> {
    const completed = new Map<string, string[]>(enrollmentIds.map((id) => [id, []]));
    if (enrollmentIds.length === 0) return completed;
    const rows = await queryRows<{ enrollment_id: string; lesson_id: string }>(
      this.manager,
      `SELECT enrollment_id, lesson_id FROM lesson_completions
       WHERE enrollment_id = ANY($1) ORDER BY completed_at, lesson_id`,
      [[...new Set(enrollmentIds)]],
    );
    for (const row of rows) completed.get(row.enrollment_id)?.push(row.lesson_id);
    return completed;
  }
}
