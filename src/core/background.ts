import { performance } from 'node:perf_hooks';
import { createBatchSizer } from './background-sizing';
import type { Clock } from './clock';

/** A unit of background work: does up to `max` items, returns how many it did. */
export type BackgroundTask = (max: number) => number;

export interface Background {
  stop(): void;
}

/** How hard the background may work, given how busy the rest of the event loop is. */
export interface Pace {
  /** Most items per task call (fewer when the task's items are slow: background-sizing.ts). */
  batch: number;
  /** Milliseconds of work per tick. */
  budgetMs: number;
  /** Milliseconds until the next tick while there is a backlog. */
  intervalMs: number;
}

/**
 * Capture traffic owns the thread when it is busy; the background takes what
 * is left, never more than a few milliseconds at a time (a request arriving
 * mid-tick waits for the tick): short ticks close together when the loop is
 * idle, rarer ones when it is busy.
 */
export function paceFor(othersUtilization: number): Pace {
  if (othersUtilization > 0.6) return { batch: 16, budgetMs: 2, intervalMs: 100 };
  if (othersUtilization > 0.3) return { batch: 64, budgetMs: 4, intervalMs: 7 };
  return { batch: 256, budgetMs: 5, intervalMs: 1 };
}

/**
 * Runs deferred work (signature analysis, search indexing) off the
 * acknowledgement path, on the same thread but only in the time capture
 * leaves: each tick measures how busy the event loop was apart from this work
 * and sizes its budget from that, and each call is sized to fit what is left
 * of the budget. Work a person asked for (`leaders`) goes first; the other
 * tasks take turns going first, so under the busy pace one task's long
 * backlog (analysis after a burst) does not starve the others. A task's
 * failure is reported, never thrown.
 */
/**
 * While captures arrive at a rate the background can afford: it keeps up with
 * them, up to a third of the thread (4 ms in every 12), so that verdicts and
 * the index stay current under a steady load instead of falling behind without
 * end. Each tick takes only what is waiting, so the share it uses is what the
 * arrivals cost.
 */
export const KEEP_UP_PACE: Pace = { batch: 256, budgetMs: 4, intervalMs: 8 };
/**
 * Past this share of the thread, keeping up with arrivals would slow capture
 * itself (a burst at full speed): the background keeps to the busy pace and
 * catches up once the captures stop.
 */
export const KEEP_UP_SHARE = 0.3;
/**
 * Below this much of the event loop busy with other work (capture), the background keeps up whatever its cost
 * model says: 800 captures a second take about 4% of it, a burst at full speed 60 to 80%.
 */
export const KEEP_UP_OTHERS = 0.25;
/** Capture's load and the keeping up together stay below this share of the loop, or the background waits. */
export const KEEP_UP_ROOM = 0.9;

/**
 * The share of the thread that analysing and indexing what arrived would take:
 * `arrived` captures in `elapsedMs`, each costing `msPerCapture` (the per-capture
 * tasks' running costs added up). Pure.
 */
export function shareToKeepUp(arrived: number, elapsedMs: number, msPerCapture: number): number {
  if (arrived <= 0) return 0;
  if (elapsedMs <= 0) return Infinity;
  return (arrived * msPerCapture) / elapsedMs;
}

/**
 * Nothing else to do (no capture arriving, no interactive call): ticks back to
 * back, so a backlog left by a burst drains at full speed; each still ends
 * within 10 ms, and a request that arrives is read between two.
 */
export const QUIET_PACE: Pace = { batch: 1024, budgetMs: 10, intervalMs: 0 };

/** While an interactive call is being answered (or just was), a tick waits this long and looks again. */
export const STAND_ASIDE_MS = 5;
/** The longest the background stands aside in one go: a UI that never stops calling does not starve it. */
export const MAX_STAND_ASIDE_MS = 500;

export function startBackground(
  tasks: BackgroundTask[],
  clock: Clock,
  options: {
    idleMs?: number;
    onError?: (error: unknown) => void;
    now?: () => number;
    /** True while interactive work (the UI's calls) should go first: interactive.ts. */
    yieldTo?: () => boolean;
    /**
     * True when nothing but the background has run lately (no capture committed): it then works at QUIET_PACE.
     * False (captures arriving): at the busy pace, however idle the loop looks; on a machine whose cores the
     * senders share, an idle loop does not mean idle cores, and what the background leaves now it does at full
     * speed once captures stop.
     */
    quiet?: () => boolean;
    /**
     * Captures arriving: how many have been committed so far (a running count), and which tasks work once
     * per capture (analysis, indexing). While capture leaves the loop mostly idle (KEEP_UP_OTHERS), or keeping
     * up costs at most KEEP_UP_SHARE of the thread and capture leaves room for it (KEEP_UP_ROOM), the
     * background keeps up (KEEP_UP_PACE) instead of keeping to the busy pace; without it, the busy pace.
     */
    arrivals?: { count: () => number; perCapture: number[] };
    /** How busy the event loop was apart from the background since its last tick (0 to 1); default: measured. */
    othersLoad?: () => number;
    /**
     * The first `leaders` tasks go first in every tick, in order (work a person asked for, such as a deletion),
     * each called again while it has work and the tick's budget lasts; the others take turns going first in
     * what is left. Default 0: all take turns.
     */
    leaders?: number;
    /** Runs `fn` after what is waiting on the event loop now (setImmediate in the app); a zero-interval tick. Default: the clock's 0 ms timer. */
    soon?: (fn: () => void) => () => void;
  } = {},
): Background {
  const idleMs = options.idleMs ?? 200;
  const now = options.now ?? (() => performance.now());
  const sizer = createBatchSizer();
  const soon = options.soon ?? ((fn: () => void) => clock.setTimer(0, fn));
  let cancel: (() => void) | undefined;
  let stopped = false;
  let mark = performance.eventLoopUtilization();
  let ownMs = 0;
  let standingAsideSince: number | undefined;
  /** The arrivals counted, and the clock's time, at the last tick that worked while captures arrived. */
  let lastArrived = options.arrivals?.count() ?? 0;
  let lastTickAt = clock.now();
  const leaders = Math.min(options.leaders ?? 0, tasks.length);
  /** How many tasks take turns: read each time, as a task may be added while the background runs. */
  const rest = () => tasks.length - leaders;
  /** Of the tasks after the leaders, the one that goes first this tick: each in turn. */
  let lead = 0;
  /** The task that goes `k`th after the leaders this tick (k counted from `leaders`). */
  const taskAt = (k: number): number => leaders + ((lead + k - leaders) % rest());

  /** How busy the event loop was apart from this work since the last tick, 0 to 1. */
  function measuredOthers(): number {
    const delta = performance.eventLoopUtilization(mark);
    mark = performance.eventLoopUtilization();
    const windowMs = delta.active + delta.idle - ownMs;
    return windowMs > 0 ? Math.max(0, delta.active - ownMs) / windowMs : 0;
  }

  /**
   * Captures arriving (not quiet): the keep-up pace when the background can afford it (below), else the busy
   * pace whatever the loop's own load says; what the background leaves, it works when they stop.
   */
  function arrivingPace(others: number): Pace {
    const arrivals = options.arrivals;
    if (!arrivals) return paceFor(1);
    const count = arrivals.count();
    const at = clock.now();
    const perCapture = arrivals.perCapture.reduce((sum, i) => sum + (sizer.cost(i) ?? 0), 0);
    const share = shareToKeepUp(count - lastArrived, at - lastTickAt, perCapture);
    lastArrived = count;
    lastTickAt = at;
    // A loop that capture leaves mostly idle can afford it, whatever the cost model says (it can overestimate for
    // a while after a costly call). Otherwise the model must say so, and capture must leave room for it: a loop
    // that capture already fills (a proxy at full speed) would lose requests for every millisecond taken.
    if (others < KEEP_UP_OTHERS) return KEEP_UP_PACE;
    return share <= KEEP_UP_SHARE && others + share <= KEEP_UP_ROOM ? KEEP_UP_PACE : paceFor(1);
  }

  function tick(): void {
    if (stopped) return;
    if (options.yieldTo?.()) {
      standingAsideSince ??= now();
      if (now() - standingAsideSince < MAX_STAND_ASIDE_MS) {
        cancel = clock.setTimer(STAND_ASIDE_MS, tick);
        return;
      }
    }
    standingAsideSince = undefined;
    const others = options.othersLoad?.() ?? measuredOthers();
    const pace = !options.quiet ? paceFor(others) : options.quiet() ? QUIET_PACE : arrivingPace(others);
    const started = now();
    /** One call of task `i` sized to what is left of the budget; items done (0 also when out of time or failed). */
    const call = (i: number): number => {
      const before = now();
      const left = pace.budgetMs - (before - started);
      if (left <= 0) return 0;
      try {
        const n = tasks[i](sizer.size(i, left, pace.batch));
        sizer.record(i, n, now() - before);
        return n;
      } catch (error) {
        options.onError?.(error);
        return 0;
      }
    };
    let done = 0;
    // The leaders first, each again and again while it has work and the budget lasts.
    for (let i = 0; i < leaders; i++) for (let n = call(i); n > 0; n = call(i)) done += n;
    let progressed = true;
    while (progressed && now() - started < pace.budgetMs) {
      progressed = false;
      for (let k = leaders; k < tasks.length; k++) {
        const n = call(taskAt(k));
        done += n;
        if (n > 0) progressed = true;
      }
    }
    ownMs = now() - started;
    lead = rest() > 0 ? (lead + 1) % rest() : 0;
    if (done > 0 && pace.intervalMs === 0) cancel = soon(tick);
    else cancel = clock.setTimer(done > 0 ? pace.intervalMs : idleMs, tick);
  }

  cancel = clock.setTimer(idleMs, tick);

  return {
    stop() {
      stopped = true;
      cancel?.();
    },
  };
}
