import { Injectable } from '@nestjs/common';
import { currentActor } from '@platform/auth';
import { ForbiddenError, NotFoundError } from '@platform/common';
import { type CreateLessonRequest, type LessonView, type UpdateLessonRequest } from '@platform/contracts';
import { Transactional, currentEntityManager } from '@platform/database';
import { DataSource } from 'typeorm';
import { AssessmentsRepository } from '../assessments/assessments.repository';
import { canSee, isOwnerOrAdmin } from '../courses/course-access';
import { CoursesRepository } from '../courses/courses.repository';
import { EnrollmentsRepository } from '../enrollments/enrollments.repository';
import { CourseModulesRepository } from './course-modules.repository';
import { CurriculumAccess } from './curriculum-access';
import { toLessonView } from './curriculum.views';
import { DensePositions, LESSON_POSITIONS } from './dense-positions';
import { type Lesson } from './lesson.entity';
import { LessonsRepository } from './lessons.repository';

/** Lessons: edited by the course owner with positions kept 1..n per module; read by enrollees. */
@Injectable()
export class LessonsService {
  private readonly positions = new DensePositions(LESSON_POSITIONS);

  constructor(
    private readonly dataSource: DataSource,
    private readonly lessons: LessonsRepository,
    private readonly modules: CourseModulesRepository,
    private readonly courses: CoursesRepository,
    private readonly enrollments: EnrollmentsRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly access: CurriculumAccess,
  ) {}

  private get manager() {
    return currentEntityManager(this.dataSource);
  }

  @Transactional()
  async create(request: CreateLessonRequest): Promise<LessonView> {
    const { module } = await this.access.editableModule(request.moduleId);
    const position = await this.positions.openSlot(this.manager, module.id, request.position);
    const lesson = await this.lessons.create({
      moduleId: module.id,
      courseId: module.courseId,
      title: request.title,
      type: request.type,
      content: request.content ?? null,
      videoUrl: request.videoUrl ?? null,
      durationMinutes: request.durationMinutes ?? null,
      isRequired: request.isRequired ?? true,
      isPublished: request.isPublished ?? false,
      position,
    });
    return toLessonView(lesson, null);
  }

  /** Edits fields, moves within the module, or (with `moduleId`) to another module of the same course. */
  @Transactional()
  async update(request: UpdateLessonRequest): Promise<LessonView> {
    const { lesson } = await this.access.editableLesson(request.lessonId);
    const { lessonId, moduleId, position, ...fields } = request;
    if (moduleId !== undefined && moduleId !== lesson.moduleId) {
      await this.moveToModule(lesson, moduleId, position);
    } else if (position !== undefined) {
      await this.positions.move(this.manager, lesson.moduleId, lesson.id, lesson.position, position);
    }
    if (Object.values(fields).some((value) => value !== undefined))
      await this.lessons.update(lessonId, fields);
    return this.view(await this.lessons.getById(lessonId));
  }

  @Transactional()
  async delete(lessonId: string): Promise<void> {
    const { lesson } = await this.access.editableLesson(lessonId);
    await this.lessons.hardDelete(lesson.id);
    await this.positions.closeGap(this.manager, lesson.moduleId, lesson.position);
  }

  /** The owner and admins see any lesson; others need a seat in the course and a published lesson. */
  async get(lessonId: string): Promise<LessonView> {
    const actor = currentActor();
    const notFound = NotFoundError.forEntity('Lesson', lessonId);
    const lesson = await this.lessons.findById(lessonId);
    const course = lesson ? await this.courses.findById(lesson.courseId) : null;
    if (!lesson || !course) throw notFound;
    if (isOwnerOrAdmin(course, actor)) return this.view(lesson);
    if (!lesson.isPublished) throw notFound;
    if (await this.enrollments.findSeated(course.id, actor.userId)) return this.view(lesson);
    if (!canSee(course, actor)) throw notFound;
    throw new ForbiddenError('Enroll in the course to open its lessons');
  }

  private async moveToModule(lesson: Lesson, moduleId: string, position: number | undefined): Promise<void> {
    const target = await this.modules.findById(moduleId);
    if (!target || target.courseId !== lesson.courseId) throw NotFoundError.forEntity('Module', moduleId);
    // The constraints are deferred: for a moment the lesson shares its old position.
    await this.positions.closeGap(this.manager, lesson.moduleId, lesson.position);
    const slot = await this.positions.openSlot(this.manager, target.id, position);
    await this.lessons.update(lesson.id, { moduleId: target.id, position: slot });
  }

  private async view(lesson: Lesson): Promise<LessonView> {
    const assessment = await this.assessments.findByLesson(lesson.id);
    return toLessonView(lesson, assessment?.id ?? null);
  }
}
