import { queryRows } from '@platform/database';
import { Injectable } from '@nestjs/common';
import { OptimisticLockError } from '@platform/common';
import { DataSource } from 'typeorm';
import { LockingRepository } from '../common/locking.repository';
import { Assessment } from './assessment.entity';

@Injectable()
export class AssessmentsRepository extends LockingRepository<Assessment> {
  constructor(dataSource: DataSource) {
    super(dataSource, Assessment, {
      filterable: ['courseId', 'lessonId'],
      sortable: ['createdAt'],
      defaultSort: { createdAt: 'ASC' },
    });
  }

  async listByCourse(courseId: string): Promise<Assessment[]> {
    return this.guard(() =>
      this.select()
        .andWhere('entity.courseId = :courseId', { courseId })
        .orderBy('entity.createdAt', 'ASC')
        .addOrderBy('entity.id', 'ASC')
        .getMany(),
    );
  }

  async findByLesson(lessonId: string): Promise<Assessment | null> {
    return this.findOne({ lessonId: { eq: lessonId } });
  }

  /** lesson id → the assessment attached to it. */
  async idsByLesson(lessonIds: readonly string[]): Promise<Map<string, string>> {
    if (lessonIds.length === 0) return new Map();
    const rows = await this.guard(() =>
      this.select()
        .select(['entity.id', 'entity.lessonId'])
        .andWhere('entity.lessonId IN (:...lessonIds)', { lessonIds: [...new Set(lessonIds)] })
        .getMany(),
    );
    return new Map(rows.map((row) => [row.lessonId as string, row.id]));
  }

  /** A change outside the row (its questions) still moves the version, guarded like any update. */
  async bumpVersion(assessmentId: string, expectedVersion: number): Promise<void> {
    const rows = await queryRows(
      this.manager,
      `UPDATE assessments SET version = version + 1, updated_at = now()
       WHERE id = $1 AND version = $2 RETURNING id`,
      [assessmentId, expectedVersion],
    );
    if (rows.length === 0) {
      throw new OptimisticLockError(`Assessment ${assessmentId} was changed by someone else`, {
        details: { entity: 'Assessment', id: assessmentId, expectedVersion },
      });
    }
  }
}
