import { Injectable } from '@nestjs/common';
import { DuplicateKeyError, NotFoundError, ValidationError } from '@platform/common';
import {
  type AssessmentView,
  type CreateAssessmentRequest,
  type UpdateAssessmentRequest,
} from '@platform/contracts';
import { Transactional } from '@platform/database';
import { invalidState } from '../common/domain-errors';
import { CourseAccess } from '../courses/course-access';
import { type Course } from '../courses/course.entity';
import { LessonsRepository } from '../curriculum/lessons.repository';
import { AssessmentAttemptsRepository } from './assessment-attempts.repository';
import { type AssessmentReader, AssessmentAudienceResolver } from './assessment-audience';
import { AssessmentQuestionsRepository } from './assessment-questions.repository';
import { type Assessment } from './assessment.entity';
import { toAssessmentView } from './assessment.views';
import { AssessmentsRepository } from './assessments.repository';
import { normaliseQuestions } from './grading';

/** Assessments as the course owner manages them and learners read them. Attempts: AttemptsService. */
@Injectable()
export class AssessmentsService {
  constructor(
    private readonly assessments: AssessmentsRepository,
    private readonly questions: AssessmentQuestionsRepository,
    private readonly attempts: AssessmentAttemptsRepository,
    private readonly lessons: LessonsRepository,
    private readonly access: CourseAccess,
    private readonly audience: AssessmentAudienceResolver,
  ) {}

  @Transactional()
  async create(request: CreateAssessmentRequest): Promise<AssessmentView> {
    const course = await this.editableCourse(request.courseId);
    const questions = normaliseQuestions(request.questions);
    if (request.lessonId) await this.requireQuizLesson(course, request.lessonId);
    let assessment: Assessment;
    try {
      assessment = await this.assessments.create({
        courseId: course.id,
        lessonId: request.lessonId ?? null,
        title: request.title,
        passingScorePercent: request.passingScorePercent,
        maxAttempts: request.maxAttempts,
        timeLimitSeconds: request.timeLimitSeconds ?? null,
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) {
        throw new DuplicateKeyError('That lesson already has an assessment', {
          details: { lessonId: request.lessonId },
        });
      }
      throw error;
    }
    const saved = await this.questions.replaceFor(assessment.id, questions);
    return toAssessmentView(await this.assessments.getById(assessment.id), saved, staffAudience);
  }

  async get(assessmentId: string): Promise<AssessmentView> {
    const assessment = await this.assessments.getById(assessmentId);
    const reader = await this.audience.resolve(assessment.courseId);
    return (await this.views([assessment], reader))[0];
  }

  async list(courseId: string): Promise<AssessmentView[]> {
    const reader = await this.audience.resolve(courseId);
    return this.views(await this.assessments.listByCourse(courseId), reader);
  }

  /** Settings change any time; the questions only until someone has attempted it. */
  @Transactional()
  async update(request: UpdateAssessmentRequest): Promise<AssessmentView> {
    const assessment = await this.ownedAssessment(request.assessmentId);
    const { assessmentId, version, questions, ...settings } = request;
    const normalised = questions ? normaliseQuestions(questions) : undefined;
    // The version-guarded UPDATE comes first: its row lock makes attempts starting now wait
    // (they take FOR SHARE), so the check below sees every attempt that got in before.
    if (Object.values(settings).some((value) => value !== undefined)) {
      await this.assessments.update(assessmentId, settings, { expectedVersion: version });
    } else if (normalised) {
      await this.assessments.bumpVersion(assessmentId, version);
    } else {
      throw new ValidationError('Nothing to update');
    }
    if (normalised) {
      if (await this.attempts.hasAny(assessmentId)) {
        throw invalidState('Learners have attempted this assessment: its questions can no longer change');
      }
      await this.questions.replaceFor(assessmentId, normalised);
    }
    const updated = await this.assessments.getById(assessment.id);
    return toAssessmentView(updated, await this.questions.listFor([assessmentId]), staffAudience);
  }

  @Transactional()
  async delete(assessmentId: string): Promise<void> {
    await this.ownedAssessment(assessmentId);
    // Attempts start under FOR SHARE on the assessment: holding FOR UPDATE here means none
    // can slip in between the check and the delete (the foreign key would still refuse it,
    // but as an unexplained FOREIGN_KEY_VIOLATION instead of this message).
    await this.assessments.lockById(assessmentId);
    if (await this.attempts.hasAny(assessmentId)) {
      throw invalidState('Learners have attempted this assessment: it can no longer be deleted');
    }
    await this.assessments.hardDelete(assessmentId);
  }

  private async views(assessments: Assessment[], reader: AssessmentReader): Promise<AssessmentView[]> {
    const ids = assessments.map((assessment) => assessment.id);
    const questions = await this.questions.listFor(ids);
    const used = reader.kind === 'learner' ? await this.attempts.countsFor(ids, reader.enrollment.id) : null;
    return assessments.map((assessment) =>
      toAssessmentView(
        assessment,
        questions.filter((question) => question.assessmentId === assessment.id),
        reader.kind === 'staff'
          ? staffAudience
          : {
              withAnswers: false,
              hideQuestions: assessment.timeLimitSeconds !== null,
              attemptsUsed: used?.get(assessment.id) ?? 0,
            },
      ),
    );
  }

  private async ownedAssessment(assessmentId: string): Promise<Assessment> {
    const assessment = await this.assessments.findById(assessmentId);
    if (!assessment) throw NotFoundError.forEntity('Assessment', assessmentId);
    try {
      await this.editableCourse(assessment.courseId);
    } catch (error) {
      throw error instanceof NotFoundError ? NotFoundError.forEntity('Assessment', assessmentId) : error;
    }
    return assessment;
  }

  private async editableCourse(courseId: string): Promise<Course> {
    const course = await this.access.owned(courseId);
    if (course.status === 'archived')
      throw invalidState('The assessments of an archived course are read-only');
    return course;
  }

  private async requireQuizLesson(course: Course, lessonId: string): Promise<void> {
    const lesson = await this.lessons.findById(lessonId);
    if (!lesson || lesson.courseId !== course.id) throw NotFoundError.forEntity('Lesson', lessonId);
    if (lesson.type !== 'quiz') {
      throw new ValidationError('Only a quiz lesson can have an assessment', {
        details: [{ field: 'lessonId', message: `is a ${lesson.type} lesson, not a quiz` }],
      });
    }
  }
}

const staffAudience = { withAnswers: true, hideQuestions: false, attemptsUsed: null };
