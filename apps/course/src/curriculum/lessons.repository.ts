import { Injectable } from '@nestjs/common';
import { BaseRepository } from '@platform/database';
import { DataSource } from 'typeorm';
import { Lesson } from './lesson.entity';

/** The lessons that count towards a course's completion (see ProgressCalculator). */
export interface CountedLesson {
  id: string;
  courseId: string;
  isRequired: boolean;
}

@Injectable()
export class LessonsRepository extends BaseRepository<Lesson> {
  constructor(dataSource: DataSource) {
    super(dataSource, Lesson, {
      filterable: ['moduleId', 'courseId', 'isPublished'],
      sortable: ['position'],
      defaultSort: { position: 'ASC' },
    });
  }

  /** Lessons of a course in curriculum order (by module position, then lesson position). */
  async listByCourse(courseId: string, options: { publishedOnly: boolean }): Promise<Lesson[]> {
    const qb = this.select()
      .innerJoin('entity.module', 'module')
      .andWhere('entity.courseId = :courseId', { courseId })
      .orderBy('module.position', 'ASC')
      .addOrderBy('entity.position', 'ASC');
    if (options.publishedOnly) qb.andWhere('entity.isPublished = true');
    return this.guard(() => qb.getMany());
  }

  async hasPublishedLesson(courseId: string): Promise<boolean> {
    return this.exists({ courseId: { eq: courseId }, isPublished: { eq: true } });
  }

  /** The published lessons of the given courses: the base of progress. */
  async publishedOf(courseIds: readonly string[]): Promise<CountedLesson[]> {
    if (courseIds.length === 0) return [];
    return this.guard(() =>
      this.select()
        .select(['entity.id', 'entity.courseId', 'entity.isRequired'])
        .andWhere('entity.courseId IN (:...courseIds)', { courseIds: [...new Set(courseIds)] })
        .andWhere('entity.isPublished = true')
        .getMany(),
    );
  }
}
