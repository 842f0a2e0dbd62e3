import { HookscopeError } from '../../shared/errors';
import type { RetentionLimits, RetentionRepo, RetentionRule } from '../store/retention';
import { expiredBelow } from './age';
import { createCountWindow, type CountWindow } from './count-window';

export type { RetentionLimits } from '../store/retention';
export { expiredBelow, DAY_MS } from './age';
export { createCountWindow } from './count-window';

/** How often the rules are re-read when no commit from another connection was seen (ms). */
const RECHECK_MS = 1000;
/** Counting reads only an index; it may take this many rows for each one deleting would. */
const WALK_FACTOR = 8;

export type Retention = ReturnType<typeof createRetention>;

export function assertLimits(limits: RetentionLimits): RetentionLimits {
  const { keepCount, keepDays } = limits;
  if (keepCount !== null && (!Number.isInteger(keepCount) || keepCount < 1)) {
    throw new HookscopeError('BAD_INPUT', `retention.keepCount must be a whole number of at least 1, got ${keepCount}`);
  }
  if (keepDays !== null && (!Number.isFinite(keepDays) || keepDays <= 0)) {
    throw new HookscopeError('BAD_INPUT', `retention.keepDays must be a number of days above 0, got ${keepDays}`);
  }
  return { keepCount, keepDays };
}

/**
 * Per-endpoint retention, applied by the background in small batches:
 * `run(max)` deletes (and counts) at most about `max` captures and returns how
 * many rows it touched, 0 when every endpoint is within its limits. Rules are
 * re-read when another connection commits (the CLI setting a limit while
 * `serve` runs) or this process changes them.
 */
export function createRetention(options: { repo: RetentionRepo; now: () => number }) {
  const { repo, now } = options;
  let rules: RetentionRule[] = [];
  let version = Number.NaN;
  let checkedAt = -Infinity;
  let dirty = true;
  let turn = 0;
  const windows = new Map<number, { keep: number; window: CountWindow }>();

  function refresh(): void {
    const t = now();
    if (!dirty && t - checkedAt < RECHECK_MS) return;
    checkedAt = t;
    const v = repo.dataVersion();
    if (!dirty && v === version) return;
    version = v;
    dirty = false;
    rules = repo.rules();
    for (const [endpointId, entry] of windows) {
      const rule = rules.find((r) => r.endpointId === endpointId);
      if (rule?.keepCount !== entry.keep) windows.delete(endpointId);
    }
  }

  function byAge(rule: RetentionRule, budget: number): number {
    if (rule.keepDays === null) return 0;
    const first = expiredBelow(repo.oldest(rule.endpointId, 1), rule.keepDays, now());
    if (first.count === 0) return 0;
    const { below } = expiredBelow(repo.oldest(rule.endpointId, budget), rule.keepDays, now());
    return below > 0 ? repo.deleteBelow(rule.endpointId, below, budget) : 0;
  }

  function byCount(rule: RetentionRule, budget: number): number {
    if (rule.keepCount === null || budget <= 0) return 0;
    let entry = windows.get(rule.endpointId);
    if (!entry) {
      entry = { keep: rule.keepCount, window: createCountWindow(repo, rule.endpointId, rule.keepCount) };
      windows.set(rule.endpointId, entry);
    }
    const { window } = entry;
    if (window.walking) return Math.ceil(window.step(budget * WALK_FACTOR) / WALK_FACTOR);
    const read = window.step(budget);
    const deleted = window.low > 0 ? repo.deleteBelow(rule.endpointId, window.low, budget) : 0;
    return deleted + (read > 0 ? 1 : 0);
  }

  return {
    /** One background step over every endpoint with a limit; returns rows touched. */
    run(max: number): number {
      refresh();
      if (rules.length === 0) return 0;
      let work = 0;
      for (let i = 0; i < rules.length && work < max; i++) {
        const rule = rules[(turn + i) % rules.length];
        work += byAge(rule, max - work);
        work += byCount(rule, max - work);
      }
      turn = (turn + 1) % rules.length;
      return work;
    },
    limits(endpointId: number): RetentionLimits {
      return repo.limits(endpointId);
    },
    /** Sets an endpoint's limits (null: none); the background applies them from its next step. */
    setLimits(endpointId: number, limits: RetentionLimits): RetentionLimits {
      repo.setLimits(endpointId, assertLimits(limits));
      dirty = true;
      return repo.limits(endpointId);
    },
  };
}
