import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock';
import { createCoalescer } from '../../src/core/coalesce';

describe('coalescer', () => {
  it('hands on the first ids at once, then what follows within the window together at its end, and nothing twice', () => {
    const clock = new ManualClock(1000);
    const got: number[][] = [];
    const c = createCoalescer(clock, 100, (ids) => got.push(ids));
    c.add([1]);
    expect(got).toEqual([[1]]);
    c.add([2, 3]);
    clock.advance(30);
    c.add([4]);
    expect(got).toEqual([[1]]);
    clock.advance(70);
    expect(got).toEqual([[1], [2, 3, 4]]);
    clock.advance(500);
    c.add([5]);
    expect(got).toEqual([[1], [2, 3, 4], [5]]);
    c.add([6]);
    c.flush();
    clock.advance(1000);
    expect(got).toEqual([[1], [2, 3, 4], [5], [6]]);
  });
});
