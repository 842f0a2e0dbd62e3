import type { Clock } from '../clock';
import type { DeliveryRepo } from '../store/deliveries';
import { Backoff } from '../backoff';

/** setTimeout's ceiling (about 24.8 days); longer waits are re-armed. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Runs `fn` once the event loop has had its turn (setImmediate); returns a function that cancels it. */
export type Defer = (fn: () => void) => () => void;

export const deferToLoop: Defer = (fn) => {
  const handle = setImmediate(fn);
  return () => clearImmediate(handle);
};

export interface ArmingOptions {
  repo: Pick<DeliveryRepo, 'scheduledAfter'>;
  clock: Clock;
  /** The engine's claim id: attempts another process holds are skipped (leases.ts takes them over when the hold ends). */
  owner?: string;
  /** Arms one waiting attempt (the engine's track(), which skips one it already tracks). */
  track(attemptId: number, dueAt: number): void;
  /** Waiting attempts read and armed per slice, between two turns of the event loop. Default 2,000. */
  chunk?: number;
  /** Waiting attempts armed per pass; the rest wait for the next pass. Default 10,000. */
  ahead?: number;
  /** The next pass starts this long before the first attempt it arms is due. Default 1 s. */
  leadMs?: number;
  /** How to yield between slices (default setImmediate); tests pass one they step by hand. */
  defer?: Defer;
  /** A slice that failed (the database read); it is tried again after a backoff (core/backoff.ts). */
  onError(error: unknown): void;
}

/**
 * Arms the waiting attempts stored in the database, a bounded number at a
 * time, so that 100,000 of them neither block the event loop (the capture
 * server shares it) nor sit in 100,000 timers. A pass reads them in
 * (due time, id) order from where the last one stopped, `chunk` per slice with
 * a turn of the event loop between slices, until it has armed `ahead` of them
 * or read them all. When some are left, one timer starts the next pass
 * `leadMs` before the first of them is due. Attempts this engine creates or
 * moves (sends, ladder steps, send-now) are armed by the engine directly and
 * skipped here.
 */
export class ArmingWindow {
  private readonly chunk: number;
  private readonly ahead: number;
  private readonly leadMs: number;
  private readonly defer: Defer;
  /** The last attempt read, in (due time, id) order; null: start from the earliest. */
  private cursor: { dueAt: number; id: number } | null = null;
  private cancelNext: (() => void) | null = null;
  private readonly backoff: Backoff;

  constructor(private readonly o: ArmingOptions) {
    this.backoff = new Backoff(o.clock);
    this.chunk = o.chunk ?? 2000;
    this.ahead = Math.max(o.ahead ?? 10_000, this.chunk);
    this.leadMs = o.leadMs ?? 1000;
    this.defer = o.defer ?? deferToLoop;
  }

  /** Reads from the earliest waiting attempt again (resume); arms the first slice before returning. */
  restart(): void {
    this.stop();
    this.cursor = null;
    this.backoff.reset(0);
    this.pass(0);
  }

  /** Cancels the next slice or pass. */
  stop(): void {
    this.cancelNext?.();
    this.cancelNext = null;
    this.backoff.cancelAll();
  }

  private pass(armedSoFar: number): void {
    this.cancelNext = null;
    try {
      this.slice(armedSoFar);
      this.backoff.reset(0);
    } catch (error) {
      this.o.onError(error);
      this.backoff.later(0, () => this.pass(armedSoFar)); // stop() cancels it
    }
  }

  /** Arms one slice; then yields and goes on, or arms the timer of the next pass, or stops (all read). */
  private slice(armedSoFar: number): void {
    const rows = this.o.repo.scheduledAfter(this.cursor, this.chunk, this.o.owner ?? null);
    for (const row of rows) this.o.track(row.id, row.dueAt);
    if (rows.length) this.cursor = rows[rows.length - 1];
    if (rows.length < this.chunk) return; // every waiting attempt is armed
    const armed = armedSoFar + rows.length;
    if (armed < this.ahead) {
      this.cancelNext = this.defer(() => this.pass(armed));
      return;
    }
    const [next] = this.o.repo.scheduledAfter(this.cursor, 1, this.o.owner ?? null);
    if (!next) return;
    const wait = Math.min(Math.max(0, next.dueAt - this.leadMs - this.o.clock.now()), MAX_TIMER_MS);
    this.cancelNext = this.o.clock.setTimer(wait, () => this.pass(0));
  }
}
