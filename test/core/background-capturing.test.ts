import { describe, expect, it } from 'vitest';
import { KEEP_UP_SHARE, paceFor, shareToKeepUp, startBackground } from '../../src/core/background';
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

  it('lets every task go first in turn, so a long backlog in one does not starve the next', async () => {
    const clock = new ManualClock(0);
    let t = 0;
    let analysed = 0;
    let deleted = 0;
    const bg = startBackground(
      [
        // A backlog that never ends, 1 ms an item: alone it would spend every busy tick's budget.
        (max) => {
          t += max;
          analysed += max;
          return max;
        },
        (max) => {
          const n = Math.min(max, 1000 - deleted);
          t += n;
          deleted += n;
          return n;
        },
      ],
      clock,
      { idleMs: 10, now: () => t, quiet: () => false },
    );
    await idleFor(20);
    clock.advance(10);
    for (let tick = 0; tick < 9; tick++) clock.advance(paceFor(1).intervalMs);
    expect(analysed).toBeGreaterThan(0);
    // Ten busy ticks: the second task led five of them and used their budget.
    expect(deleted).toBeGreaterThanOrEqual(5);
    bg.stop();
  });

  it('runs the leaders first in every tick, before the others take their turns', async () => {
    const clock = new ManualClock(0);
    let t = 0;
    const order: string[] = [];
    const task =
      (name: string, backlog = Infinity) =>
      (max: number) => {
        const n = Math.min(max, backlog);
        backlog -= n;
        order.push(name);
        t += n;
        return n;
      };
    const bg = startBackground([task('delete', 3), task('analyse'), task('index')], clock, {
      idleMs: 10,
      now: () => t,
      quiet: () => false,
      leaders: 1,
    });
    await idleFor(20);
    const ticks: string[][] = [];
    for (const ms of [10, paceFor(1).intervalMs, paceFor(1).intervalMs]) {
      order.length = 0;
      clock.advance(ms);
      ticks.push([...order]);
    }
    bg.stop();
    // A busy tick has 2 ms, an item costs 1 ms, and a task's first call is one item. The deletion (3 items)
    // takes the whole first tick in two calls, its last item and the index's turn the second, and is asked
    // and found done in the third, where the analysis's turn comes round.
    expect(ticks).toEqual([
      ['delete', 'delete'],
      ['delete', 'delete', 'index'],
      ['delete', 'analyse', 'index'],
    ]);
  });

  it('gives a task added while it runs its turns too', async () => {
    const clock = new ManualClock(0);
    let t = 0;
    const ran: string[] = [];
    const task = (name: string) => (max: number) => {
      ran.push(name);
      t += Math.min(max, 1);
      return Math.min(max, 1);
    };
    const nothingToDelete = () => 0;
    const tasks = [nothingToDelete, task('analyse')];
    const bg = startBackground(tasks, clock, { idleMs: 10, now: () => t, quiet: () => false, leaders: 1 });
    tasks.push(task('plugin'));
    await idleFor(20);
    clock.advance(10);
    for (let i = 0; i < 4; i++) clock.advance(paceFor(1).intervalMs);
    bg.stop();
    expect(ran).toContain('plugin');
    expect(ran).toContain('analyse');
  });

  /**
   * Captures arriving `perMs` per millisecond of the clock, each costing `costMs` of the background's time to
   * work (one per-capture task), for `ms` of the clock, with capture keeping the event loop `load` busy; what is
   * left of the backlog at the end.
   */
  async function steadyArrivals(opts: { ms: number; perMs: number; costMs: number; counted: boolean; load: number }) {
    const clock = new ManualClock(0);
    let t = 0;
    let backlog = 0;
    let arrived = 0;
    let worked = 0;
    const bg = startBackground(
      [
        (max) => {
          const n = Math.min(max, backlog);
          backlog -= n;
          worked += n;
          t += n * opts.costMs;
          return n;
        },
      ],
      clock,
      {
        idleMs: 10,
        now: () => t,
        quiet: () => false,
        arrivals: opts.counted ? { count: () => arrived, perCapture: [0] } : undefined,
        othersLoad: () => opts.load,
      },
    );
    await idleFor(20);
    for (let ms = 0; ms < opts.ms; ms++) {
      backlog += opts.perMs;
      arrived += opts.perMs;
      clock.advance(1);
    }
    bg.stop();
    return { left: backlog, worked, workMs: t };
  }

  it('keeps up with a steady rate it can afford, where the busy pace alone falls behind without end', async () => {
    // 1,000 captures a second at 0.1 ms each: a tenth of the thread, more than the busy pace's 2 ms in 100.
    // The loop looks busy here (0.7), so the cost model alone decides.
    const kept = await steadyArrivals({ ms: 4000, perMs: 1, costMs: 0.1, counted: true, load: 0.7 });
    const busyOnly = await steadyArrivals({ ms: 4000, perMs: 1, costMs: 0.1, counted: false, load: 0.7 });
    expect(busyOnly.left).toBeGreaterThan(500);
    // What is left is what arrived since the last tick or two, not a growing backlog.
    expect(kept.left).toBeLessThan(30);
    expect(kept.worked).toBeGreaterThan(3970);
  });

  it('keeps to the busy pace when keeping up would take more than its share (a burst at full speed)', async () => {
    // 10 captures a millisecond at 0.1 ms each would take the whole thread.
    const busy = paceFor(1);
    const burst = await steadyArrivals({ ms: 2000, perMs: 10, costMs: 0.1, counted: true, load: 0.7 });
    // A tick every interval, plus the one as the arrivals begin and the one as they end.
    const ticks = Math.ceil(2000 / busy.intervalMs) + 2;
    expect(burst.workMs).toBeLessThanOrEqual(ticks * (busy.budgetMs + 0.1));
    expect(burst.left).toBeGreaterThan(15_000);
  });

  it('does not keep up, even at a rate it could afford, while capture fills the loop (a proxy at full speed)', async () => {
    const full = await steadyArrivals({ ms: 2000, perMs: 1, costMs: 0.1, counted: true, load: 0.95 });
    const room = await steadyArrivals({ ms: 2000, perMs: 1, costMs: 0.1, counted: true, load: 0.7 });
    expect(full.left).toBeGreaterThan(400);
    expect(room.left).toBeLessThan(30);
  });

  it('keeps up while capture leaves the loop mostly idle, even when its cost model says it cannot', async () => {
    // A cost model that overestimates (after a costly call, say): 1 ms a capture at 1 a millisecond is the whole
    // thread by the model, but capture keeps only a tenth of the loop busy.
    const idleLoop = await steadyArrivals({ ms: 2000, perMs: 1, costMs: 1, counted: true, load: 0.1 });
    const busyLoop = await steadyArrivals({ ms: 2000, perMs: 1, costMs: 1, counted: true, load: 0.7 });
    expect(idleLoop.workMs).toBeGreaterThan(3 * busyLoop.workMs);
  });
});

describe('shareToKeepUp', () => {
  it('is the arrivals times their cost over the time they took', () => {
    expect(shareToKeepUp(100, 1000, 0.5)).toBe(0.05);
    expect(shareToKeepUp(0, 1000, 0.5)).toBe(0);
    expect(shareToKeepUp(0, 0, 0.5)).toBe(0);
    expect(shareToKeepUp(5, 0, 0.5)).toBe(Infinity);
    expect(shareToKeepUp(2000, 100, 0.1)).toBeGreaterThan(KEEP_UP_SHARE);
  });
});
