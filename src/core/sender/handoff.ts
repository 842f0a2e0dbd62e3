import type { Clock } from '../clock';
import type { AttemptRecord, DeliveryRepo, NewAttempt } from '../store/deliveries';
import { dueAtSpeed } from './timing';

export interface HandoffOptions {
  repo: Pick<DeliveryRepo, 'takeOver' | 'release' | 'attempts' | 'delivery'>;
  clock: Clock;
  owner: string;
  /** Set for a one-shot sender: it holds the waiting attempts it schedules until this long after they are due. */
  holdGraceMs?: number;
  /** The engine's current speed-up. */
  speed(): number;
}

/**
 * Who runs a delivery's waiting attempt (migration 012): the holds a
 * one-shot sender (`hookscope send`, `retry`) puts on its attempts, taking an
 * attempt over from another sender, and letting one go. The engine arms and
 * disarms the timers; this decides what is stored.
 */
export class Handoff {
  constructor(private readonly o: HandoffOptions) {}

  /** The hold to put on a waiting attempt due at `dueAt`; null when this sender holds nothing. */
  holdFor(dueAt: number): NewAttempt['hold'] {
    return this.o.holdGraceMs === undefined ? null : { by: this.o.owner, until: dueAt + this.o.holdGraceMs };
  }

  /**
   * Makes a waiting attempt this sender's (held, if it holds) at its due time
   * here, and resumes its paused delivery. Returns that due time, or null when
   * the attempt is no longer waiting.
   */
  takeOver(waiting: AttemptRecord): number | null {
    const dueAt = this.dueHere(waiting);
    return this.o.repo.takeOver(waiting, this.holdFor(dueAt), dueAt) ? dueAt : null;
  }

  /** Ends this sender's hold on the delivery's waiting attempt now (paused with `pause`); the number of attempts let go. */
  release(deliveryId: number, pause: boolean): number {
    return this.o.repo.release(deliveryId, this.o.owner, this.o.clock.now(), pause);
  }

  /** A taken-over ladder attempt's due time at this sender's speed (the sender before may have run at another). */
  private dueHere(waiting: AttemptRecord): number {
    if (waiting.trigger !== 'ladder' || waiting.n < 2) return waiting.dueAt;
    const previous = this.o.repo.attempts(waiting.deliveryId).find((a) => a.n === waiting.n - 1);
    if (!previous || previous.sentAt === null) return waiting.dueAt;
    const delivery = this.o.repo.delivery(waiting.deliveryId);
    const durationMs = previous.durationMs ?? delivery.policy.timeoutMs;
    const due = dueAtSpeed(
      { scheduledAt: previous.scheduledAt, sentAt: previous.sentAt, durationMs },
      waiting,
      this.o.speed(),
    );
    // A paused delivery resumes now at the latest: the time it spent paused is not the ladder's lateness.
    return delivery.status === 'paused' ? Math.max(due, this.o.clock.now()) : due;
  }
}
