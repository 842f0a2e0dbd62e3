import { describe, expect, it } from 'vitest';
import { paceFor, startBackground } from '../../src/core/background';
import { ManualClock } from '../../src/core/clock';

/** A backlog whose items each cost 1 ms of the test's own time, worked by the background with `quiet` given. */
function backlogOf(items: number, quiet: () => boolean) {
  const clock = new ManualClock(0);
  let t = 0;
  let backlog = items;
  const bg = startBackground(
    [
      (max) => {
        const n = Math.min(max, backlog);
        backlog -= n;
        t += n;
        return n;
      },
    ],
    clock,
    { idleMs: 10, now: () => t, quiet },
  );
  return { clock, left: () => backlog, stop: () => bg.stop() };
}

/** Real time with nothing to do: the event loop the background measures looks idle. */
const idleFor = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('background work while captures arrive', () => {
  it('takes no more than the busy pace, however idle the event loop looks', async () => {
    const busy = paceFor(1);
    const b = backlogOf(100, () => false);
    await idleFor(50);
    b.clock.advance(10);
    const first = 100 - b.left();
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(busy.budgetMs);
    // The next tick comes a busy interval later, not at once.
    await idleFor(50);
    b.clock.advance(busy.intervalMs - 1);
    expect(100 - b.left()).toBe(first);
    b.clock.advance(1);
    expect(100 - b.left()).toBeGreaterThan(first);
    b.stop();
  });

  it('works at full speed once they stop', async () => {
    let quiet = false;
    const b = backlogOf(1000, () => quiet);
    await idleFor(50);
    b.clock.advance(10);
    const whileArriving = 1000 - b.left();
    quiet = true;
    b.clock.advance(paceFor(1).intervalMs);
    expect(1000 - b.left() - whileArriving).toBeGreaterThan(paceFor(1).budgetMs);
    b.stop();
  });
});
