import { describe, expect, it } from 'vitest';
import { doublingBackoff, steppedBackoff } from '../../src/shared/backoff';

describe('backoff schedules', () => {
  it('doubles from the first wait and stays at the cap', () => {
    const schedule = doublingBackoff(250, 5000);
    expect([1, 2, 3, 4, 5, 6, 7].map(schedule)).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
  });

  it('stays finite after any number of failures (no Infinity, no NaN)', () => {
    const schedule = doublingBackoff(1000, 30_000);
    expect(schedule(10_000)).toBe(30_000);
    expect(schedule(Number.MAX_SAFE_INTEGER)).toBe(30_000);
  });

  it('treats a count below one as the first failure', () => {
    expect(doublingBackoff(100, 1000)(0)).toBe(100);
    expect(steppedBackoff([7, 8])(0)).toBe(7);
  });

  it('walks the given steps, then repeats the last one', () => {
    const schedule = steppedBackoff([250, 1000, 5000]);
    expect([1, 2, 3, 4, 50].map(schedule)).toEqual([250, 1000, 5000, 5000, 5000]);
  });

  it('refuses an empty list of steps', () => {
    expect(() => steppedBackoff([])).toThrow(RangeError);
  });
});
