import { Injectable } from '@nestjs/common';
import { ConflictError, ForbiddenError, NotFoundError } from '@platform/common';
import {
  type AttemptView,
  type StartedAttemptView,
  type SubmissionResultView,
  type SubmitAssessmentRequest,
} from '@platform/contracts';
import { Transactional } from '@platform/database';
import { invalidState } from '../common/domain-errors';
import { type Enrollment } from '../enrollments/enrollment.entity';
import { EnrollmentsRepository } from '../enrollments/enrollments.repository';
import { ProgressService } from '../progress/progress.service';
import { type AssessmentAttempt } from './assessment-attempt.entity';
import { AssessmentAttemptsRepository } from './assessment-attempts.repository';
import { AssessmentAudienceResolver } from './assessment-audience';
import { AssessmentQuestionsRepository } from './assessment-questions.repository';
import { type Assessment } from './assessment.entity';
import { toAttemptView, toQuestionView } from './assessment.views';
import { AssessmentsRepository } from './assessments.repository';
import { grade, isPassing, scorePercent, totalPoints } from './grading';

/** Latency between a learner's click and our clock that a deadline forgives. */
export const SUBMISSION_GRACE_MS = 2_000;

interface Taker {
  assessment: Assessment;
  enrollment: Enrollment;
}

type Submission = { kind: 'graded'; result: SubmissionResultView } | { kind: 'late'; deadlineAt: Date };

/**
 * Attempts at an assessment: started (the server fixes the deadline), then submitted and
 * graded. A learner's attempts run one at a time under their enrollment's row lock, so the
 * attempt count cannot be raced past the maximum.
 */
@Injectable()
export class AttemptsService {
  constructor(
    private readonly assessments: AssessmentsRepository,
    private readonly questions: AssessmentQuestionsRepository,
    private readonly attempts: AssessmentAttemptsRepository,
    private readonly enrollments: EnrollmentsRepository,
    private readonly audience: AssessmentAudienceResolver,
    private readonly progress: ProgressService,
  ) {}

  /** Starts an attempt (or returns the one still open) with the questions to answer. */
  @Transactional()
  async start(assessmentId: string): Promise<StartedAttemptView> {
    const { assessment, enrollment } = await this.taker(assessmentId);
    const now = new Date();
    let attempt = await this.attempts.findOpen(assessment.id, enrollment.id);
    if (attempt && isOverdue(attempt, now)) {
      await this.attempts.expire(attempt.id);
      attempt = null;
    }
    attempt ??= await this.newAttempt(assessment, enrollment, now);
    const questions = await this.questions.listFor([assessment.id]);
    return { ...toAttemptView(attempt, now), questions: questions.map((q) => toQuestionView(q, false)) };
  }

  /** Grades the answers; a late one closes the attempt (committed) and is refused. */
  async submit(request: SubmitAssessmentRequest): Promise<SubmissionResultView> {
    const submission = await this.gradeSubmission(request);
    if (submission.kind === 'late') {
      throw new ConflictError('The time limit of this attempt has passed', {
        code: 'TIME_LIMIT_EXCEEDED',
        details: { deadlineAt: submission.deadlineAt.toISOString() },
      });
    }
    return submission.result;
  }

  async listMine(assessmentId: string): Promise<AttemptView[]> {
    const { assessment, enrollment } = await this.taker(assessmentId, { lock: false });
    const now = new Date();
    return (await this.attempts.listFor(assessment.id, enrollment.id)).map((a) => toAttemptView(a, now));
  }

  @Transactional()
  private async gradeSubmission(request: SubmitAssessmentRequest): Promise<Submission> {
    const { assessment, enrollment } = await this.taker(request.assessmentId);
    const now = new Date();
    const questions = await this.questions.listFor([assessment.id]);
    const graded = grade(questions, request.answers);
    const attempt = await this.attemptToSubmit(assessment, enrollment, request.attemptId, now);
    if (isOverdue(attempt, new Date(now.getTime() - SUBMISSION_GRACE_MS))) {
      await this.attempts.expire(attempt.id);
      return { kind: 'late', deadlineAt: attempt.deadlineAt as Date };
    }
    const passed = isPassing(graded.pointsEarned, graded.pointsPossible, assessment.passingScorePercent);
    const score = scorePercent(graded.pointsEarned, graded.pointsPossible);
    await this.attempts.submit(attempt.id, { ...graded, scorePercent: score, passed, submittedAt: now });
    if (passed && assessment.lessonId) await this.progress.record(enrollment, assessment.lessonId);
    const used = (await this.attempts.countsFor([assessment.id], enrollment.id)).get(assessment.id) ?? 0;
    return {
      kind: 'graded',
      result: {
        attemptId: attempt.id,
        attempt: attempt.attemptNumber,
        scorePercent: score,
        passed,
        pointsEarned: graded.pointsEarned,
        pointsPossible: graded.pointsPossible,
        attemptsRemaining: Math.max(assessment.maxAttempts - used, 0),
      },
    };
  }

  /** The named attempt, else the open one, else (untimed only) a new one started and submitted at once. */
  private async attemptToSubmit(
    assessment: Assessment,
    enrollment: Enrollment,
    attemptId: string | undefined,
    now: Date,
  ): Promise<AssessmentAttempt> {
    const attempt = attemptId
      ? await this.attempts.findById(attemptId)
      : await this.attempts.findOpen(assessment.id, enrollment.id);
    if (attemptId && (attempt?.assessmentId !== assessment.id || attempt.enrollmentId !== enrollment.id)) {
      throw NotFoundError.forEntity('Attempt', attemptId);
    }
    if (attempt && attempt.status !== 'in_progress') {
      throw invalidState(`This attempt is already ${attempt.status}`, { status: attempt.status });
    }
    if (attempt) return attempt;
    if (assessment.timeLimitSeconds !== null) {
      throw invalidState('This assessment is timed: start an attempt first', { assessmentId: assessment.id });
    }
    return this.newAttempt(assessment, enrollment, now);
  }

  private async newAttempt(
    assessment: Assessment,
    enrollment: Enrollment,
    now: Date,
  ): Promise<AssessmentAttempt> {
    const used = (await this.attempts.countsFor([assessment.id], enrollment.id)).get(assessment.id) ?? 0;
    if (used >= assessment.maxAttempts) {
      throw new ConflictError(`All ${assessment.maxAttempts} attempts at this assessment are used`, {
        code: 'ATTEMPTS_EXHAUSTED',
        details: { maxAttempts: assessment.maxAttempts, attemptsUsed: used },
      });
    }
    const limit = assessment.timeLimitSeconds;
    return this.attempts.create({
      assessmentId: assessment.id,
      enrollmentId: enrollment.id,
      userId: enrollment.userId,
      attemptNumber: used + 1,
      status: 'in_progress',
      startedAt: now,
      deadlineAt: limit === null ? null : new Date(now.getTime() + limit * 1000),
      pointsPossible: totalPoints(await this.questions.listFor([assessment.id])),
    });
  }

  /** The caller must hold a seat in the course (owners and admins do not take quizzes). */
  private async taker(assessmentId: string, options: { lock: boolean } = { lock: true }): Promise<Taker> {
    const found = await this.assessments.findById(assessmentId);
    if (!found) throw NotFoundError.forEntity('Assessment', assessmentId);
    const reader = await this.audience.resolve(found.courseId);
    if (reader.kind !== 'learner') {
      throw new ForbiddenError('Only learners enrolled in the course take its assessments');
    }
    if (!options.lock) return { assessment: found, enrollment: reader.enrollment };
    const enrollment = await this.enrollments.lockById(reader.enrollment.id);
    const assessment = await this.assessments.lockById(assessmentId, 'share');
    if (!enrollment || !assessment) throw NotFoundError.forEntity('Assessment', assessmentId);
    if (enrollment.status !== 'active' && enrollment.status !== 'completed') {
      throw new ForbiddenError('Only learners enrolled in the course take its assessments');
    }
    return { assessment, enrollment };
  }
}

function isOverdue(attempt: AssessmentAttempt, now: Date): boolean {
  return attempt.deadlineAt !== null && attempt.deadlineAt < now;
}
