import { Injectable } from '@nestjs/common';
import { currentActor } from '@platform/auth';
import { ForbiddenError, NotFoundError } from '@platform/common';
import { type CompleteLessonRequest, type EnrollmentView } from '@platform/contracts';
import { Transactional } from '@platform/database';
import { AssessmentsRepository } from '../assessments/assessments.repository';
import { CertificatesService } from '../certificates/certificates.service';
import { invalidState } from '../common/domain-errors';
import { CoursesRepository } from '../courses/courses.repository';
import { LessonsRepository } from '../curriculum/lessons.repository';
import { EnrollmentViews } from '../enrollments/enrollment-views';
import { type Enrollment } from '../enrollments/enrollment.entity';
import { EnrollmentEvents } from '../enrollments/enrollment.events';
import { EnrollmentsRepository } from '../enrollments/enrollments.repository';
import { LessonCompletionsRepository } from './lesson-completions.repository';
import { ProgressReader } from './progress-reader';

/**
 * Lesson completions and what follows from them: the enrollment completes when the last
 * lesson that counts is done, and a certificate is issued, in the same transaction.
 * Every path takes the enrollment's row lock first: two lessons completed at once must not
 * both think the other one is still missing.
 */
@Injectable()
export class ProgressService {
  constructor(
    private readonly enrollments: EnrollmentsRepository,
    private readonly lessons: LessonsRepository,
    private readonly assessments: AssessmentsRepository,
    private readonly completions: LessonCompletionsRepository,
    private readonly reader: ProgressReader,
    private readonly courses: CoursesRepository,
    private readonly certificates: CertificatesService,
    private readonly events: EnrollmentEvents,
    private readonly views: EnrollmentViews,
  ) {}

  @Transactional()
  async completeLesson(request: CompleteLessonRequest): Promise<EnrollmentView> {
    const actor = currentActor();
    const enrollment = await this.enrollments.lockById(request.enrollmentId);
    if (!enrollment) throw NotFoundError.forEntity('Enrollment', request.enrollmentId);
    if (enrollment.userId !== actor.userId)
      throw new ForbiddenError('Only the enrolled learner completes lessons');
    if (enrollment.status !== 'active' && enrollment.status !== 'completed') {
      throw invalidState(`This enrollment is ${enrollment.status}`, { status: enrollment.status });
    }
    const lesson = await this.lessons.findById(request.lessonId);
    if (!lesson || lesson.courseId !== enrollment.courseId || !lesson.isPublished) {
      throw NotFoundError.forEntity('Lesson', request.lessonId);
    }
    const assessment = await this.assessments.findByLesson(lesson.id);
    if (assessment && !(await this.completions.isCompleted(enrollment.id, lesson.id))) {
      throw invalidState('This quiz lesson is completed by passing its assessment', {
        assessmentId: assessment.id,
      });
    }
    await this.record(enrollment, lesson.id);
    return this.views.one(await this.enrollments.getById(enrollment.id));
  }

  /**
   * Records that the enrollment completed the lesson (a repeat changes nothing) and completes
   * the enrollment if that was the last lesson that counts. The caller holds the row lock
   * of `enrollment` (lockById).
   */
  @Transactional()
  async record(enrollment: Enrollment, lessonId: string): Promise<void> {
    if (!(await this.completions.record(enrollment.id, lessonId))) return;
    const progress = await this.reader.one(enrollment);
    await this.events.lessonCompleted(enrollment, lessonId, progress.percent);
    if (enrollment.status === 'active' && progress.allDone) await this.complete(enrollment);
  }

  private async complete(enrollment: Enrollment): Promise<void> {
    if (!(await this.enrollments.transition(enrollment.id, ['active'], 'completed'))) return;
    const completed = await this.enrollments.getById(enrollment.id);
    await this.events.completed(completed, completed.completedAt ?? new Date());
    const titles = await this.courses.titlesOf([completed.courseId]);
    await this.certificates.issue(completed, titles.get(completed.courseId) ?? '');
  }
}
