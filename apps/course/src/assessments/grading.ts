import { type FieldProblem, ValidationError } from '@platform/common';
import { type AnswerInput, type QuestionInput, type QuestionType } from '@platform/contracts';

export const TRUE_FALSE_OPTIONS = ['True', 'False'];

/** A question as stored: what grading needs. */
export interface QuestionKey {
  id: string;
  type: QuestionType;
  options: string[];
  correctOptions: number[];
  points: number;
}

export type NormalisedQuestion = Omit<QuestionKey, 'id'> & { prompt: string };

/**
 * Checks what class-validator cannot see field by field: indexes inside the options, one
 * right answer for single and true/false questions, distinct options. Every problem is
 * reported at once, by path (`questions[2].correct`).
 */
export function normaliseQuestions(inputs: readonly QuestionInput[]): NormalisedQuestion[] {
  const problems: FieldProblem[] = [];
  const normalised = inputs.map((input, index) => {
    const at = (field: string) => `questions[${index}].${field}`;
    const options = input.options ?? (input.type === 'true_false' ? TRUE_FALSE_OPTIONS : []);
    if (input.type === 'true_false' && options.length !== 2) {
      problems.push({ field: at('options'), message: 'a true_false question has exactly two options' });
    }
    if (options.length < 2) problems.push({ field: at('options'), message: 'needs at least two options' });
    const distinct = new Set(options.map((option) => option.trim().toLowerCase()));
    if (distinct.size !== options.length)
      problems.push({ field: at('options'), message: 'must be distinct' });
    if (options.length >= 2 && input.correct.some((choice) => choice >= options.length)) {
      problems.push({ field: at('correct'), message: `indexes must be below ${options.length}` });
    }
    if (input.type !== 'multiple' && input.correct.length !== 1) {
      problems.push({
        field: at('correct'),
        message: `a ${input.type} question has exactly one correct option`,
      });
    }
    return {
      prompt: input.prompt,
      type: input.type,
      options,
      correctOptions: [...input.correct].sort((a, b) => a - b),
      points: input.points,
    };
  });
  if (problems.length > 0)
    throw new ValidationError('Some questions are not well formed', { details: problems });
  return normalised;
}

export interface Grade {
  pointsEarned: number;
  pointsPossible: number;
  /** The answers as stored with the attempt: question id → chosen indexes. */
  answers: Record<string, number[]>;
}

/**
 * Scores a submission: a question earns its points only when exactly its correct options
 * were chosen (all or nothing, also for multiple choice); an unanswered question earns
 * nothing. Answers naming unknown questions or options are refused, not ignored.
 */
export function grade(questions: readonly QuestionKey[], answers: readonly AnswerInput[]): Grade {
  const byId = new Map(questions.map((question) => [question.id, question]));
  const problems: FieldProblem[] = [];
  const given: Record<string, number[]> = {};
  answers.forEach((answer, index) => {
    const question = byId.get(answer.questionId);
    const field = `answers[${index}]`;
    if (!question)
      return problems.push({ field: `${field}.questionId`, message: 'is not a question of this assessment' });
    if (given[answer.questionId])
      return problems.push({ field: `${field}.questionId`, message: 'is answered twice' });
    if (answer.selected.some((choice) => choice >= question.options.length)) {
      problems.push({
        field: `${field}.selected`,
        message: `indexes must be below ${question.options.length}`,
      });
    }
    if (question.type !== 'multiple' && answer.selected.length > 1) {
      problems.push({ field: `${field}.selected`, message: 'choose one option' });
    }
    given[answer.questionId] = [...answer.selected].sort((a, b) => a - b);
  });
  if (problems.length > 0) throw new ValidationError('Some answers are not valid', { details: problems });
  let pointsEarned = 0;
  for (const question of questions) {
    const chosen = given[question.id];
    const right =
      chosen !== undefined &&
      chosen.length === question.correctOptions.length &&
      chosen.every((choice, i) => choice === question.correctOptions[i]);
    if (right) pointsEarned += question.points;
  }
  return { pointsEarned, pointsPossible: totalPoints(questions), answers: given };
}

export function totalPoints(questions: readonly { points: number }[]): number {
  return questions.reduce((sum, question) => sum + question.points, 0);
}

/** Percent with two decimals, for display; passing is decided on exact integers (isPassing). */
export function scorePercent(pointsEarned: number, pointsPossible: number): number {
  return pointsPossible === 0 ? 0 : Math.round((10_000 * pointsEarned) / pointsPossible) / 100;
}

/** earned / possible ≥ passing %, compared without rounding: 2 of 3 does not pass at 67 %. */
export function isPassing(
  pointsEarned: number,
  pointsPossible: number,
  passingScorePercent: number,
): boolean {
  return pointsEarned * 100 >= passingScorePercent * pointsPossible;
}
