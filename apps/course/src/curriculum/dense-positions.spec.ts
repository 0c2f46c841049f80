import { clampPosition } from './dense-positions';

describe('clampPosition', () => {
  it('appends when no position is asked for', () => {
    expect(clampPosition(undefined, 4)).toBe(4);
  });

  it('keeps positions inside 1..max, so there is never a gap at the end', () => {
    expect(clampPosition(2, 4)).toBe(2);
    expect(clampPosition(99, 4)).toBe(4);
    expect(clampPosition(0, 4)).toBe(1);
    expect(clampPosition(1, 1)).toBe(1);
  });
});
