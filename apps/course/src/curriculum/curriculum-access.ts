import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@platform/common';
import { currentEntityManager } from '@platform/database';
import { DataSource } from 'typeorm';
import { invalidState } from '../common/domain-errors';
import { CourseAccess } from '../courses/course-access';
import { type Course } from '../courses/course.entity';
import { type CourseModuleEntity } from './course-module.entity';
import { CourseModulesRepository } from './course-modules.repository';
import { lockCourseCurriculum } from './curriculum-lock';
import { type Lesson } from './lesson.entity';
import { LessonsRepository } from './lessons.repository';

/**
 * The gate of every curriculum edit: the caller owns the course (or is an admin), the
 * course is not archived, and the course's curriculum lock is held. Rows are read again
 * after the lock is taken: their positions may have moved while we waited for it.
 */
@Injectable()
export class CurriculumAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: CourseAccess,
    private readonly modules: CourseModulesRepository,
    private readonly lessons: LessonsRepository,
  ) {}

  async editableCourse(courseId: string): Promise<Course> {
    const course = await this.ownedCourse(courseId, () => NotFoundError.forEntity('Course', courseId));
    await lockCourseCurriculum(currentEntityManager(this.dataSource), course.id);
    return course;
  }

  async editableModule(moduleId: string): Promise<{ module: CourseModuleEntity; course: Course }> {
    const notFound = () => NotFoundError.forEntity('Module', moduleId);
    const found = await this.modules.findById(moduleId);
    if (!found) throw notFound();
    const course = await this.editableCourseOf(found.courseId, notFound);
    const module = await this.modules.findById(moduleId);
    if (!module) throw notFound();
    return { module, course };
  }

  async editableLesson(lessonId: string): Promise<{ lesson: Lesson; course: Course }> {
    const notFound = () => NotFoundError.forEntity('Lesson', lessonId);
    const found = await this.lessons.findById(lessonId);
    if (!found) throw notFound();
    const course = await this.editableCourseOf(found.courseId, notFound);
    const lesson = await this.lessons.findById(lessonId);
    if (!lesson) throw notFound();
    return { lesson, course };
  }

  private async editableCourseOf(courseId: string, notFound: () => NotFoundError): Promise<Course> {
    const course = await this.ownedCourse(courseId, notFound);
    await lockCourseCurriculum(currentEntityManager(this.dataSource), course.id);
    return course;
  }

  /** A module of someone else's draft is as unknown as the draft itself. */
  private async ownedCourse(courseId: string, notFound: () => NotFoundError): Promise<Course> {
    let course: Course;
    try {
      course = await this.access.owned(courseId);
    } catch (error) {
      throw error instanceof NotFoundError ? notFound() : error;
    }
    if (course.status === 'archived') throw invalidState('The curriculum of an archived course is read-only');
    return course;
  }
}
