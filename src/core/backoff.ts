import type { Clock } from './clock';
import { steppedBackoff, type BackoffSchedule } from '../shared/backoff';

/**
 * The sender's waits before trying again after an engine error (a claim or a
 * settle that failed, e.g. SQLITE_BUSY past the busy timeout): 250 ms, 1 s,
 * 5 s, 15 s, then every 30 s. The last step stays well inside an in-flight
 * lease (timeout + 60 s by default), so a kept outcome is normally recorded
 * before another sender could take the claim for a dead one's.
 */
export const REARM_DELAYS_MS: readonly number[] = [250, 1000, 5000, 15_000, 30_000];

/**
 * Counts consecutive failures per key (an attempt id) and runs retries on the
 * injected clock after the schedule's wait (src/shared/backoff.ts). A success
 * resets the count.
 */
export class Backoff {
  private readonly failures = new Map<number, number>();
  private readonly timers = new Map<number, () => void>();

  constructor(
    private readonly clock: Clock,
    private readonly schedule: BackoffSchedule = steppedBackoff(REARM_DELAYS_MS),
  ) {}

  /** Counts one more failure of `key`; returns the wait before the next try. */
  fail(key: number): number {
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    return this.schedule(n);
  }

  /** Forgets the failures of `key` (it went through). */
  reset(key: number): void {
    this.failures.delete(key);
  }

  /** Counts a failure of `key` and runs `fn` after the wait; one retry per key at a time. */
  later(key: number, fn: () => void): void {
    const ms = this.fail(key);
    this.timers.get(key)?.();
    const cancel = this.clock.setTimer(ms, () => {
      this.timers.delete(key);
      fn();
    });
    this.timers.set(key, cancel);
  }

  /** Cancels every retry not yet run. */
  cancelAll(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    this.failures.clear();
  }
}
