import type { Clock } from '../clock';
import type { AttemptRecord, DeliveryRepo } from '../store/deliveries';
import { MAX_TIMER_MS } from './arming';
import { Backoff } from './rearm';

export interface LeaseWatchOptions {
  repo: Pick<DeliveryRepo, 'expiredClaims' | 'nextForeignLease'>;
  clock: Clock;
  /** This engine's claim id: its own claims are never closed here. */
  owner: string;
  /** Closes a claim whose lease ran out as 'interrupted' and arms its next ladder step. */
  close(orphan: AttemptRecord, now: number): void;
  /** A check that failed (the database read); it is tried again after a backoff (rearm.ts). */
  onError(error: unknown): void;
}

/**
 * Claims of other senders. A sender that dies mid-attempt leaves its attempt
 * in flight under a lease (timeout + grace); once the lease has run out, the
 * attempt is closed as 'interrupted' (its outcome is unknown, it is never sent
 * again) and the ladder goes on. A check closes the expired ones, then keeps
 * one timer for the earliest lease still running, and checks again then: a
 * `serve` restarted soon after a crash sees the dead run's claims unexpired
 * at start, and closes them when their lease ends, without another restart.
 * A live sender's claim found on the way is settled by its sender before its
 * lease ends; the check then finds it done and looks to the next lease.
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
      const next = repo.nextForeignLease(now, owner);
      this.backoff.reset(0);
      if (next === undefined) return;
      this.cancel = clock.setTimer(Math.min(next - now, MAX_TIMER_MS), () => {
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
