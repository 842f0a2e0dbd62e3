import type { Clock } from '../clock';
import { MAX_TIMER_MS } from './arming';

/**
 * One timer per armed attempt, on the injected clock. A due attempt fires on
 * the next microtask; a wait longer than a timer can hold fires early at
 * MAX_TIMER_MS and the engine re-reads the attempt then (claim.ts 'not-due').
 */
export class AttemptTimers {
  private readonly cancels = new Map<number, () => void>();

  constructor(private readonly clock: Clock) {}

  has(attemptId: number): boolean {
    return this.cancels.has(attemptId);
  }

  ids(): number[] {
    return [...this.cancels.keys()];
  }

  /** Arms `fire` for `dueAt` (or the next microtask when due); the caller checks it is not armed already. */
  arm(attemptId: number, dueAt: number, fire: () => void): void {
    let cancelled = false;
    const run = (): void => {
      if (cancelled) return;
      this.cancels.delete(attemptId);
      fire();
    };
    const wait = dueAt - this.clock.now();
    if (wait <= 0) {
      queueMicrotask(run);
      this.cancels.set(attemptId, () => (cancelled = true));
      return;
    }
    const stopTimer = this.clock.setTimer(Math.min(wait, MAX_TIMER_MS), run);
    this.cancels.set(attemptId, () => {
      cancelled = true;
      stopTimer();
    });
  }

  cancel(attemptId: number): void {
    this.cancels.get(attemptId)?.();
    this.cancels.delete(attemptId);
  }

  cancelAll(): void {
    for (const cancel of this.cancels.values()) cancel();
    this.cancels.clear();
  }
}
