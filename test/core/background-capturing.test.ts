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
});
