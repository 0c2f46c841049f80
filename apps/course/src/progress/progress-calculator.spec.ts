import { allCountedLessonsDone, progressPercent } from './progress-calculator';

const lesson = (id: string, isRequired = true) => ({ id, isRequired });

describe('progress', () => {
  it('counts only required lessons, rounding down', () => {
    const lessons = [lesson('a'), lesson('b'), lesson('c'), lesson('optional', false)];
    expect(progressPercent('active', new Set(['a', 'optional']), lessons)).toBe(33);
    expect(progressPercent('active', new Set(['a', 'b']), lessons)).toBe(66);
    expect(allCountedLessonsDone(new Set(['a', 'b']), lessons)).toBe(false);
    expect(allCountedLessonsDone(new Set(['a', 'b', 'c']), lessons)).toBe(true);
  });

  it('never passes 100 when completions include lessons that no longer count', () => {
    const now = [lesson('a'), lesson('b')];
    expect(progressPercent('active', new Set(['a', 'b', 'removed', 'unpublished']), now)).toBe(100);
    expect(progressPercent('active', new Set(['a', 'b']), [...now, lesson('added-later')])).toBe(66);
  });

  it('keeps a completed enrollment at 100 after lessons are added', () => {
    expect(progressPercent('completed', new Set(['a']), [lesson('a'), lesson('new')])).toBe(100);
  });

  it('falls back to all published lessons when none is required', () => {
    const lessons = [lesson('a', false), lesson('b', false)];
    expect(progressPercent('active', new Set(['a']), lessons)).toBe(50);
    expect(allCountedLessonsDone(new Set(['a', 'b']), lessons)).toBe(true);
    expect(allCountedLessonsDone(new Set(), [])).toBe(false);
    expect(progressPercent('active', new Set(), [])).toBe(0);
  });
});
