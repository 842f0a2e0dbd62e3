import { describe, expect, it } from 'vitest';
import { paceFor, startBackground } from '../../src/core/background';
import { systemClock } from '../../src/core/clock';

describe('background work', () => {
  it('gives way to a busy event loop and works hard on an idle one', () => {
    const busy = paceFor(0.9);
    const idle = paceFor(0.05);
    expect(busy.budgetMs).toBeLessThan(idle.budgetMs);
    expect(busy.batch).toBeLessThan(idle.batch);
    expect(busy.intervalMs).toBeGreaterThan(idle.intervalMs);
    // Under load the background takes at most about a tenth of the thread.
    expect(busy.budgetMs / (busy.budgetMs + busy.intervalMs)).toBeLessThan(0.1);
  });

  it('works through a backlog, survives a failing task, and stops', async () => {
    let backlog = 5000;
    const errors: unknown[] = [];
    const bg = startBackground(
      [
        (max) => {
          const n = Math.min(max, backlog);
          backlog -= n;
          return n;
        },
        () => {
          throw new Error('this task always fails');
        },
      ],
      systemClock,
      { idleMs: 5, onError: (e) => errors.push(e) },
    );
    for (let i = 0; i < 200 && backlog > 0; i++) await new Promise((r) => setTimeout(r, 10));
    bg.stop();
    expect(backlog).toBe(0);
    expect(errors.length).toBeGreaterThan(0);
  });
});
