import { Injectable } from '@nestjs/common';
import { type CourseDetailView } from '@platform/contracts';
import { Transactional, currentEntityManager } from '@platform/database';
import { DataSource } from 'typeorm';
import { invalidState } from '../common/domain-errors';
import { lockCourseCurriculum } from '../curriculum/curriculum-lock';
import { LessonsRepository } from '../curriculum/lessons.repository';
import { CourseAccess } from './course-access';
import { CourseDetails } from './course-details';
import { CourseEvents } from './course.events';
import { CoursesRepository } from './courses.repository';

/**
 * draft → published ⇄ draft; draft | published → archived (final). Each transition locks
 * the course row, so two of them never interleave; asking for the state a course is already
 * in changes nothing and answers the course.
 */
@Injectable()
export class CourseLifecycleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly courses: CoursesRepository,
    private readonly lessons: LessonsRepository,
    private readonly access: CourseAccess,
    private readonly details: CourseDetails,
    private readonly events: CourseEvents,
  ) {}

  @Transactional()
  async publish(courseId: string): Promise<CourseDetailView> {
    const course = await this.access.owned(courseId, { lock: true });
    if (course.status === 'published') return this.details.detail(course);
    if (course.status === 'archived') throw invalidState('An archived course cannot be published again');
    // Under the curriculum lock, so no one unpublishes the last lesson between check and publish.
    await lockCourseCurriculum(currentEntityManager(this.dataSource), courseId);
    if (!(await this.lessons.hasPublishedLesson(courseId))) {
      throw invalidState('Publish at least one lesson before publishing the course');
    }
    const published = await this.courses.update(courseId, { status: 'published', publishedAt: new Date() });
    await this.events.published(published);
    await this.events.updated(published);
    return this.details.detail(published);
  }

  /** Back to draft: out of the catalog; enrolled learners keep their enrollments. */
  @Transactional()
  async unpublish(courseId: string): Promise<CourseDetailView> {
    const course = await this.access.owned(courseId, { lock: true });
    if (course.status === 'draft') return this.details.detail(course);
    if (course.status === 'archived') throw invalidState('An archived course cannot be unpublished');
    const draft = await this.courses.update(courseId, { status: 'draft' });
    await this.events.updated(draft);
    return this.details.detail(draft);
  }

  /** Out of the catalog for good: no new enrollments or sales; existing learners keep access. */
  @Transactional()
  async archive(courseId: string): Promise<CourseDetailView> {
    const course = await this.access.owned(courseId, { lock: true });
    if (course.status === 'archived') return this.details.detail(course);
    const archived = await this.courses.update(courseId, { status: 'archived', archivedAt: new Date() });
    await this.events.archived(archived);
    await this.events.updated(archived);
    return this.details.detail(archived);
  }
}
