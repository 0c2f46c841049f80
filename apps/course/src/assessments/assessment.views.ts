import { type AssessmentView, type AttemptView, type QuestionView } from '@platform/contracts';
import { type AssessmentAttempt } from './assessment-attempt.entity';
import { type AssessmentQuestion } from './assessment-question.entity';
import { type Assessment } from './assessment.entity';
import { totalPoints } from './grading';

/** `withAnswers` only for the course owner and admins: the key never reaches a learner. */
export function toQuestionView(question: AssessmentQuestion, withAnswers: boolean): QuestionView {
  const view: QuestionView = {
    id: question.id,
    position: question.position,
    prompt: question.prompt,
    type: question.type,
    options: question.options,
    points: question.points,
  };
  return withAnswers ? { ...view, correct: question.correctOptions } : view;
}

export interface AssessmentAudience {
  /** Owner or admin: sees the answer key. */
  withAnswers: boolean;
  /** A learner before starting a timed attempt: no questions yet. */
  hideQuestions: boolean;
  attemptsUsed: number | null;
}

export function toAssessmentView(
  assessment: Assessment,
  questions: AssessmentQuestion[],
  audience: AssessmentAudience,
): AssessmentView {
  return {
    id: assessment.id,
    courseId: assessment.courseId,
    lessonId: assessment.lessonId,
    title: assessment.title,
    passingScorePercent: assessment.passingScorePercent,
    maxAttempts: assessment.maxAttempts,
    timeLimitSeconds: assessment.timeLimitSeconds,
    questionCount: questions.length,
    totalPoints: totalPoints(questions),
    questions: audience.hideQuestions ? [] : questions.map((q) => toQuestionView(q, audience.withAnswers)),
    attemptsUsed: audience.attemptsUsed,
    version: assessment.version,
    createdAt: assessment.createdAt.toISOString(),
    updatedAt: assessment.updatedAt.toISOString(),
  };
}

/** An open attempt past its deadline reads as expired even before anything closed it. */
export function toAttemptView(attempt: AssessmentAttempt, now = new Date()): AttemptView {
  const overdue = attempt.status === 'in_progress' && attempt.deadlineAt !== null && attempt.deadlineAt < now;
  return {
    id: attempt.id,
    assessmentId: attempt.assessmentId,
    attempt: attempt.attemptNumber,
    status: overdue ? 'expired' : attempt.status,
    startedAt: attempt.startedAt.toISOString(),
    deadlineAt: attempt.deadlineAt?.toISOString() ?? null,
    submittedAt: attempt.submittedAt?.toISOString() ?? null,
    scorePercent: attempt.scorePercent,
    passed: attempt.passed,
  };
}
