import { ValidationError } from '@platform/common';
import { type QuestionKey, grade, isPassing, normaliseQuestions, scorePercent } from './grading';

const questions: QuestionKey[] = [
  { id: 'q1', type: 'single', options: ['a', 'b', 'c'], correctOptions: [1], points: 2 },
  { id: 'q2', type: 'multiple', options: ['a', 'b', 'c'], correctOptions: [0, 2], points: 3 },
  { id: 'q3', type: 'true_false', options: ['True', 'False'], correctOptions: [0], points: 1 },
];

const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return ((error as ValidationError).details as { field: string; message: string }[]).map(
      (p) => `${p.field}: ${p.message}`,
    );
  }
  throw new Error('expected a ValidationError');
};

describe('grading', () => {
  it('gives full points for exactly the correct options, in any order', () => {
    const result = grade(questions, [
      { questionId: 'q1', selected: [1] },
      { questionId: 'q2', selected: [2, 0] },
      { questionId: 'q3', selected: [0] },
    ]);
    expect(result).toMatchObject({ pointsEarned: 6, pointsPossible: 6 });
  });

  it('is all or nothing per question, and unanswered questions earn nothing', () => {
    const result = grade(questions, [
      { questionId: 'q1', selected: [1] },
      { questionId: 'q2', selected: [0] },
    ]);
    expect(result).toMatchObject({ pointsEarned: 2, pointsPossible: 6, answers: { q1: [1], q2: [0] } });
    expect(grade(questions, [{ questionId: 'q2', selected: [0, 1, 2] }]).pointsEarned).toBe(0);
  });

  it('refuses answers to unknown questions, out-of-range options and several choices for single', () => {
    expect(
      problemsOf(() =>
        grade(questions, [
          { questionId: 'nope', selected: [0] },
          { questionId: 'q1', selected: [0, 1] },
          { questionId: 'q3', selected: [2] },
        ]),
      ),
    ).toEqual([
      'answers[0].questionId: is not a question of this assessment',
      'answers[1].selected: choose one option',
      'answers[2].selected: indexes must be below 2',
    ]);
    expect(
      problemsOf(() =>
        grade(questions, [
          { questionId: 'q1', selected: [1] },
          { questionId: 'q1', selected: [1] },
        ]),
      ),
    ).toEqual(['answers[1].questionId: is answered twice']);
  });

  it('decides passing on exact fractions', () => {
    expect(isPassing(2, 3, 67)).toBe(false);
    expect(isPassing(2, 3, 66)).toBe(true);
    expect(isPassing(3, 4, 75)).toBe(true);
    expect(scorePercent(2, 3)).toBe(66.67);
    expect(scorePercent(0, 0)).toBe(0);
  });
});

describe('question input', () => {
  it('fills true/false options and sorts the answer key', () => {
    const [tf, multiple] = normaliseQuestions([
      { prompt: 'Sky is blue', type: 'true_false', correct: [0], points: 1 },
      { prompt: 'Primes', type: 'multiple', options: ['2', '4', '5'], correct: [2, 0], points: 2 },
    ]);
    expect(tf.options).toEqual(['True', 'False']);
    expect(multiple.correctOptions).toEqual([0, 2]);
  });

  it('reports every malformed question by path', () => {
    expect(
      problemsOf(() =>
        normaliseQuestions([
          { prompt: 'p', type: 'single', options: ['a', 'b'], correct: [0, 1], points: 1 },
          { prompt: 'p', type: 'multiple', options: ['a', 'A '], correct: [5], points: 1 },
          { prompt: 'p', type: 'single', correct: [0], points: 1 },
        ]),
      ),
    ).toEqual([
      'questions[0].correct: a single question has exactly one correct option',
      'questions[1].options: must be distinct',
      'questions[1].correct: indexes must be below 2',
      'questions[2].options: needs at least two options',
    ]);
  });
});
