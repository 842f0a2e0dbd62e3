import { describe, expect, it } from 'vitest';
import { paceFor, startBackground } from '../../src/core/background';
import { createBatchSizer, FIRST_BATCH, fitCallCost } from '../../src/core/background-sizing';
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

  it('never gives a tick more than a few milliseconds, and tries one item of a task whose cost is unknown', () => {
    // A request arriving mid-tick waits for the tick: capture's p99 while a 10 MB body is indexed depends on it.
    for (const u of [0, 0.2, 0.45, 0.9]) expect(paceFor(u).budgetMs).toBeLessThanOrEqual(5);
    expect(FIRST_BATCH).toBe(1);
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

describe('background batch sizing', () => {
  it('starts small, then sizes each call to the time left from what its items cost', () => {
    const sizer = createBatchSizer();
    expect(sizer.size(0, 10, 256)).toBe(FIRST_BATCH);
    sizer.record(0, 8, 4); // 0.5 ms an item
    expect(sizer.size(0, 10, 256)).toBe(20);
    expect(sizer.size(0, 0.1, 256)).toBe(1); // always at least one, so work goes on
    expect(sizer.size(0, 1000, 256)).toBe(256); // never above the pace's ceiling
    sizer.record(1, 100, 0); // a task whose items cost nothing measurable
    expect(sizer.size(1, 5, 64)).toBe(64);
    sizer.record(0, 0, 50); // a call that did nothing teaches nothing
    expect(sizer.size(0, 10, 256)).toBe(20);
  });

  it('tells the fixed cost of a call from the cost of its items, so a costly call does not shrink batches to one', () => {
    // Indexing once a large body is in FTS5: 0.3 ms a transaction, 0.02 ms a row.
    const sizer = createBatchSizer();
    sizer.record(0, 1, 0.32);
    expect(sizer.size(0, 2, 256)).toBe(6); // one call alone: all of it put on the item
    sizer.record(0, 6, 0.42);
    expect(sizer.cost(0)).toBeCloseTo(0.02, 5);
    expect(sizer.size(0, 2, 256)).toBeGreaterThanOrEqual(84); // (2 - 0.3) / 0.02, less rounding
    expect(fitCallCost({ n: 4, ms: 2, nn: 16, nms: 8 })).toEqual({ fixedMs: 0, perItemMs: 0.5, separated: false });
  });

  it('keeps a tick within its budget when items are slow, and still finishes the backlog', async () => {
    // A fake clock: each item costs 1 ms of it. The idle pace gives 5 ms a tick.
    let t = 0;
    let backlog = 300;
    const calls: number[] = [];
    const bg = startBackground(
      [
        (max) => {
          const n = Math.min(max, backlog);
          backlog -= n;
          t += n;
          calls.push(n);
          return n;
        },
      ],
      systemClock,
      { idleMs: 1, now: () => t },
    );
    for (let i = 0; i < 500 && backlog > 0; i++) await new Promise((r) => setTimeout(r, 2));
    bg.stop();
    expect(backlog).toBe(0);
    expect(Math.max(...calls)).toBeLessThanOrEqual(paceFor(0).budgetMs);
    expect(calls[0]).toBe(FIRST_BATCH);
  });
});
