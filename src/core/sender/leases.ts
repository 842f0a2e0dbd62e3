import type { Clock } from '../clock';
import type { AttemptRecord, DeliveryRepo } from '../store/deliveries';
import { MAX_TIMER_MS } from './arming';
import { Backoff } from '../backoff';

export interface LeaseWatchOptions {
  repo: Pick<DeliveryRepo, 'expiredClaims' | 'nextForeignLease' | 'endedHolds' | 'nextHoldEnd'>;
  clock: Clock;
  /** This engine's claim id: its own claims are never closed here. */
  owner: string;
  /** Closes a claim whose lease ran out as 'interrupted' and arms its next ladder step. */
  close(orphan: AttemptRecord, now: number): void;
  /** Takes over a waiting attempt whose hold ended (released by its `send`, or its holder gone) and arms it. */
  adopt(waiting: AttemptRecord): void;
  /** A check that failed (the database read); it is tried again after a backoff (core/backoff.ts). */
  onError(error: unknown): void;
  /**
   * Look at least this often (ms) for holds released early: a `hookscope
   * send` interrupted by Ctrl-C, or run with --detach, hands its delivery
   * over this way, and a running `serve` should take it at once, not when the
   * hold would have run out. Absent: look only when a lease or hold ends.
   */
  pollMs?: number;
}

/**
 * Claims and holds of other senders.
 *
 * Claims: a sender that dies mid-attempt leaves its attempt in flight under a
 * lease (timeout + grace); once the lease has run out, the attempt is closed
 * as 'interrupted' (its outcome is unknown, it is never sent again) and the
 * ladder goes on. A check closes the expired ones, then keeps one timer for
 * the earliest lease still running, and checks again then: a `serve`
 * restarted soon after a crash sees the dead run's claims unexpired at start,
 * and closes them when their lease ends, without another restart. A live
 * sender's claim found on the way is settled by its sender before its lease
 * ends; the check then finds it done and looks to the next lease.
 *
 * Holds (migration 012): a `hookscope send` keeps its delivery's waiting
 * attempt to itself until a little after it is due. A hold that ended,
 * released early (Ctrl-C, --detach: its end is set to the moment of release)
 * or run out (its `send` died), is taken over here and the attempt armed, its
 * paused delivery resumed. With `pollMs`, the check also runs that often, so
 * a release is seen promptly.
 */
export class LeaseWatch {
  private cancel: (() => void) | null = null;
  private readonly backoff: Backoff;

  constructor(private readonly o: LeaseWatchOptions) {
    this.backoff = new Backoff(o.clock);
  }

  check(): void {
    this.cancel?.();
    this.cancel = null;
    const { repo, clock, owner } = this.o;
    try {
      const now = clock.now();
      for (const orphan of repo.expiredClaims(now, owner)) this.o.close(orphan, now);
      for (const waiting of repo.endedHolds(now, owner)) this.o.adopt(waiting);
      const ends = [repo.nextForeignLease(now, owner), repo.nextHoldEnd(now, owner)].filter(
        (t): t is number => t !== undefined,
      );
      this.backoff.reset(0);
      const waits = ends.map((t) => t - now);
      if (this.o.pollMs !== undefined) waits.push(this.o.pollMs);
      if (!waits.length) return;
      this.cancel = clock.setTimer(Math.min(...waits, MAX_TIMER_MS), () => {
        this.cancel = null;
        this.check();
      });
    } catch (error) {
      this.o.onError(error);
      this.backoff.later(0, () => this.check()); // stop() cancels it
    }
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
    this.backoff.cancelAll();
  }
}
