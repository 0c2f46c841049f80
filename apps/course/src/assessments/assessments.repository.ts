import { Injectable } from '@nestjs/common';
import { BaseRepository } from '@platform/database';
import { DataSource } from 'typeorm';
import { Assessment } from './assessment.entity';

@Injectable()
export class AssessmentsRepository extends BaseRepository<Assessment> {
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
}
