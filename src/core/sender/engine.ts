import { HookscopeError } from '../../shared/errors';
import type { AttemptOutcome, AttemptRecord, NewAttempt } from '../store/deliveries';
import { ArmingWindow } from './arming';
import { AttemptTimers } from './attempt-timers';
import { DeliveryWaiters } from './delivery-waiters';
import { EngineEvents } from './engine-events';
import { claimDue, type Claim, type ClaimOptions } from './claim';
import { LeaseWatch } from './leases';
import { Backoff } from '../backoff';
import { disableWebhook, failure, settleAttempt, type Settlement } from './settle';
import { toAttemptSummary, toDeliveryResult } from './summary';
import { Handoff } from './handoff';
import { sendClaimed } from './send-claimed';
import { assertSpeed, providerNowOf } from './timing';
import type { DeliveryResult, SenderEvent, SenderListener } from './types';
import type { EngineOptions } from './engine-options';

export type { EngineOptions } from './engine-options';

/** An attempt sent whose outcome could not be recorded yet. */
interface Unsettled {
  attempt: AttemptRecord;
  outcome: AttemptOutcome;
  failedAtReal: number;
}

/**
 * Runs attempts: one timer per armed attempt on the injected clock, a claim
 * in a transaction before each send, the outcome settled in another. Claims
 * make two engines over one database safe: an attempt is sent at most once.
 *
 * After an engine error (a claim or a settle that failed: SQLITE_BUSY past
 * the busy timeout, a full disk) nothing is dropped. An attempt whose claim
 * failed is still waiting: it is tracked again after a backoff (core/backoff.ts) and
 * claimed afresh. An attempt sent whose settle failed stays in flight under
 * this engine's claim, its outcome kept in memory and recorded after a
 * backoff; it is never sent again, as only the claim of a waiting attempt
 * sends. Should this process end first, the claim's lease runs out and a
 * sender closes the attempt as 'interrupted' (leases.ts).
 */
export class DeliveryEngine {
  private readonly timers: AttemptTimers;
  private readonly inFlight = new Map<number, AbortController>();
  private readonly running = new Set<Promise<void>>();
  private readonly events = new EngineEvents();
  private readonly waiters = new DeliveryWaiters();
  /** Attempts sent whose outcome is not yet recorded, by attempt id. */
  private readonly unsettled = new Map<number, Unsettled>();
  /** Retries of claims and settles, by attempt id. */
  private readonly retries: Backoff;
  /** Retries of a delivery-finished notice whose read failed, by delivery id. */
  private readonly notices: Backoff;
  private readonly window: ArmingWindow;
  private readonly leases: LeaseWatch;
  private readonly handoff: Handoff;
  private readonly claims: ClaimOptions;
  private speed: number;
  /** Where provider time and real time last met (at creation, and at each change of speed). */
  private providerAnchor: { real: number; provider: number };
  private stopped = false;

  constructor(private readonly o: EngineOptions) {
    this.speed = assertSpeed(o.speed);
    const start = o.clock.now();
    this.providerAnchor = { real: start, provider: start };
    this.claims = {
      repo: o.repo,
      clock: o.clock,
      adapter: o.adapter,
      owner: o.owner,
      leaseGraceMs: o.leaseGraceMs ?? 60_000,
    };
    this.timers = new AttemptTimers(o.clock);
    this.retries = new Backoff(o.clock);
    this.notices = new Backoff(o.clock);
    const onError = (error: unknown) => this.emitError(error);
    this.window = new ArmingWindow({
      ...o.arming,
      repo: o.repo,
      clock: o.clock,
      owner: o.owner,
      track: (id, dueAt) => this.track(id, dueAt),
      onError,
    });
    this.handoff = new Handoff({
      repo: o.repo,
      clock: o.clock,
      owner: o.owner,
      holdGraceMs: o.holdGraceMs,
      speed: () => this.speed,
    });
    this.leases = new LeaseWatch({
      repo: o.repo,
      clock: o.clock,
      owner: o.owner,
      close: (orphan, now) => this.closeOrphan(orphan, now),
      adopt: (waiting) => this.adopt(waiting),
      onError,
      pollMs: o.handoffPollMs,
    });
  }

  get currentSpeed(): number {
    return this.speed;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  get owner(): string {
    return this.o.owner;
  }

  /** The hold this engine puts on a waiting attempt due at `dueAt`; null when it holds nothing (handoff.ts). */
  holdFor(dueAt: number): NewAttempt['hold'] {
    return this.handoff.holdFor(dueAt);
  }

  /**
   * Takes over a waiting attempt (its hold ended, or a paused delivery is
   * resumed here): it becomes this engine's (held, if this engine holds), its
   * delivery is no longer paused, and it is armed. False if it is no longer waiting.
   */
  adopt(waiting: AttemptRecord): boolean {
    if (this.stopped) return false;
    const dueAt = this.handoff.takeOver(waiting);
    if (dueAt === null) return false;
    this.track(waiting.id, dueAt);
    return true;
  }

  /**
   * Lets go of a delivery this engine holds (after stop(), or instead of
   * running it): its waiting attempt's hold ends now, for a running sender's
   * watch to take over, and with `pause` it shows as paused until one does.
   * Returns whether there was a waiting attempt to hand over.
   */
  release(deliveryId: number, pause: boolean): boolean {
    const waiting = this.o.repo.waitingAttempt(deliveryId);
    if (waiting) this.untrack(waiting.id);
    return this.handoff.release(deliveryId, pause) > 0;
  }

  on(listener: SenderListener): () => void {
    return this.events.on(listener);
  }

  /**
   * Closes attempts abandoned by a dead sender (and watches the leases of the
   * claims still running: leases.ts), then arms the waiting attempts stored
   * in the database, the earliest first, a slice at a time (arming.ts).
   * Returns once the first slice is armed.
   */
  resume(): void {
    this.assertRunning();
    this.leases.check();
    this.window.restart();
  }

  /** Arms the timer of a waiting attempt (or runs it now when due). */
  track(attemptId: number, dueAt: number): void {
    if (this.stopped || this.timers.has(attemptId) || this.inFlight.has(attemptId) || this.unsettled.has(attemptId))
      return;
    this.timers.arm(attemptId, dueAt, () => this.launch(attemptId));
  }

  /** Skips the wait of a delivery's waiting attempt; returns its attempt number. */
  sendNow(deliveryId: number): number {
    this.assertRunning();
    const waiting = this.o.repo.waitingAttempt(deliveryId);
    if (!waiting) {
      this.o.repo.delivery(deliveryId); // DELIVERY_NOT_FOUND when there is no such delivery
      throw new HookscopeError('CONFLICT', `delivery ${deliveryId} has no attempt waiting`, { deliveryId });
    }
    const now = this.o.clock.now();
    this.untrack(waiting.id);
    // Past due already, it is the ladder's attempt sent late (overdue, its due time kept), not one sent early.
    const moved =
      waiting.dueAt <= now ? this.o.repo.takeOver(waiting, null) : this.o.repo.setDue(waiting.id, now, 'now');
    if (!moved) {
      throw new HookscopeError('CONFLICT', `the attempt of delivery ${deliveryId} is already being sent`, {
        deliveryId,
      });
    }
    this.o.repo.unpause(deliveryId);
    this.track(waiting.id, now);
    return waiting.n;
  }

  /** Disables a webhook now: its waiting attempts are cancelled and their deliveries failed. */
  disableWebhook(webhookId: number, reason: string): void {
    const cut = disableWebhook(this.o.repo, webhookId, reason, this.o.clock.now());
    for (const id of cut.cancelled) this.untrack(id);
    for (const deliveryId of cut.finished) this.finishDelivery(deliveryId);
  }

  /**
   * Changes the speed-up; waits already running are re-scaled from now on
   * (every waiting attempt's due time, in one statement: timing.ts rescaleDue),
   * and the waiting attempts are armed again in their new order.
   */
  setSpeed(speed: number): void {
    const old = this.speed;
    const now = this.o.clock.now();
    const provider = this.providerNow();
    this.speed = assertSpeed(speed);
    this.providerAnchor = { real: now, provider };
    if (this.stopped || old === this.speed) return;
    for (const attemptId of this.timers.ids()) this.untrack(attemptId);
    this.o.repo.rescaleScheduled(this.o.clock.now(), old, this.speed);
    this.window.restart();
  }

  /**
   * The provider's clock: real time sped up since the engine started (timing.ts
   * providerNowOf). A new delivery starts here, so a sped-up series of
   * deliveries spans provider hours, and Prynt's 24-hour failing streak is
   * reached in the simulation as it would be in provider time.
   */
  providerNow(): number {
    return providerNowOf(this.providerAnchor, this.o.clock.now(), this.speed);
  }

  /** Resolves when the delivery is delivered or failed. */
  waitFor(deliveryId: number): Promise<DeliveryResult> {
    const d = this.o.repo.delivery(deliveryId);
    if (d.status !== 'pending') return Promise.resolve(this.result(deliveryId));
    if (this.stopped) return Promise.reject(stoppedError(deliveryId));
    return this.waiters.wait(deliveryId);
  }

  result(deliveryId: number): DeliveryResult {
    return toDeliveryResult(this.o.repo.delivery(deliveryId), this.o.repo.attempts(deliveryId));
  }

  /**
   * Stops: no new attempt starts; attempts in flight are cut short and
   * recorded as 'interrupted' (their next ladder step is stored, for the next
   * engine to send); pending waitFor() calls reject with SENDER_STOPPED.
   */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.window.stop();
    this.leases.stop();
    this.retries.cancelAll();
    this.notices.cancelAll();
    this.timers.cancelAll();
    for (const controller of this.inFlight.values()) controller.abort();
    while (this.running.size) await Promise.allSettled([...this.running]);
    // One last try for outcomes not yet recorded; if it fails, the lease runs out and another sender closes them.
    for (const attemptId of [...this.unsettled.keys()]) this.settleKept(attemptId);
    this.waiters.rejectAll(stoppedError);
  }

  private assertRunning(): void {
    if (this.stopped) throw new HookscopeError('SENDER_STOPPED', 'the sender has been stopped');
  }

  private untrack(attemptId: number): void {
    this.timers.cancel(attemptId);
  }

  private launch(attemptId: number): void {
    const run = this.run(attemptId).catch((error) => {
      this.emitError(error);
      this.retryLater(attemptId);
    });
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  /**
   * After an engine error outside settle (a read or the claim failed), the
   * attempt is still waiting: it is tracked again after a backoff, and run()
   * reads it afresh then, leaving it alone if it was claimed, moved or
   * cancelled meanwhile.
   */
  private retryLater(attemptId: number): void {
    if (this.stopped || this.unsettled.has(attemptId)) return;
    this.track(attemptId, this.o.clock.now() + this.retries.fail(attemptId));
  }

  private async run(attemptId: number): Promise<void> {
    if (this.stopped) return;
    const claimed = this.claim(attemptId);
    if (!claimed) return;
    const outcome = await sendClaimed(
      { attempt: this.o.attempt, inFlight: this.inFlight, emit: (e) => this.emit(e) },
      claimed,
    );
    this.settle(claimed.attempt, outcome, this.o.clock.now());
  }

  /** Claims a due attempt (claim.ts); null when there is nothing to send. Throws when the database does. */
  private claim(attemptId: number): Extract<Claim, { kind: 'claimed' }> | null {
    const claim = claimDue(this.claims, attemptId);
    if (claim.kind === 'not-due') return (this.track(attemptId, claim.dueAt), null); // re-armed or moved
    this.retries.reset(attemptId);
    if (claim.kind === 'ended') this.finishDelivery(claim.deliveryId);
    return claim.kind === 'claimed' ? claim : null;
  }

  /**
   * Records an attempt's outcome and arms what follows. When that fails, the
   * outcome is kept (the attempt stays in flight under this engine's claim)
   * and recorded again after a backoff; never lost, never sent again.
   */
  private settle(attempt: AttemptRecord, outcome: AttemptOutcome, failedAtReal: number): void {
    let s: Settlement;
    try {
      s = settleAttempt(this.o.repo, attempt, outcome, {
        failedAtReal,
        now: this.o.clock.now(),
        speed: this.speed,
        // An orphan closed here is not this engine's delivery: its next step is left to any sender.
        hold:
          attempt.claimedBy === this.o.owner || attempt.claimedBy === null ? (dueAt) => this.holdFor(dueAt) : undefined,
      });
    } catch (error) {
      this.unsettled.set(attempt.id, { attempt, outcome, failedAtReal });
      this.emitError(error);
      if (!this.stopped) this.retries.later(attempt.id, () => this.settleKept(attempt.id));
      return;
    }
    this.unsettled.delete(attempt.id);
    this.retries.reset(attempt.id);
    this.afterSettle(attempt, s);
  }

  private settleKept(attemptId: number): void {
    const kept = this.unsettled.get(attemptId);
    if (kept) this.settle(kept.attempt, kept.outcome, kept.failedAtReal);
  }

  /** Closes a dead sender's claim whose lease ran out (leases.ts): interrupted, and the ladder goes on. */
  private closeOrphan(orphan: AttemptRecord, now: number): void {
    if (this.unsettled.has(orphan.id)) return; // being recorded already
    const timeoutMs = this.o.repo.delivery(orphan.deliveryId).policy.timeoutMs;
    const outcome = failure(
      'interrupted',
      `the sender ${orphan.claimedBy} stopped during this attempt; whether the handler received it is unknown, and it is not sent again`,
      null,
    );
    this.settle(orphan, outcome, (orphan.sentAt ?? now) + timeoutMs);
  }

  private afterSettle(attempt: AttemptRecord, s: Settlement): void {
    if (!s.recorded) return;
    for (const id of s.cancelled) this.untrack(id);
    if (s.next) this.track(s.next.id, s.next.dueAt); // first: the ladder goes on even if a read below fails
    const done = this.o.repo.attempt(attempt.id);
    if (done) {
      const next = s.next
        ? {
            n: s.next.n,
            scheduledAt: new Date(s.next.scheduledAt).toISOString(),
            dueAt: new Date(s.next.dueAt).toISOString(),
          }
        : null;
      this.emit({ type: 'attempt-finished', deliveryId: attempt.deliveryId, attempt: toAttemptSummary(done), next });
    }
    if (s.disabled) {
      const { webhook, failingForMs } = s.disabled;
      this.emit({ type: 'webhook-disabled', webhookId: webhook.id, url: webhook.url, failingForMs });
    }
    for (const deliveryId of s.finished) this.finishDelivery(deliveryId);
  }

  private finishDelivery(deliveryId: number): void {
    let result: DeliveryResult;
    try {
      result = this.result(deliveryId);
    } catch (error) {
      // The end is stored; only reading it back for the event failed: tell later.
      this.emitError(error);
      if (!this.stopped) this.notices.later(deliveryId, () => this.finishDelivery(deliveryId));
      return;
    }
    this.notices.reset(deliveryId);
    this.emit({ type: 'delivery-finished', result });
    this.waiters.resolve(deliveryId, result);
  }

  private emitError(error: unknown): void {
    this.events.error(error);
  }

  private emit(event: SenderEvent): void {
    this.events.emit(event);
  }
}

function stoppedError(deliveryId: number): HookscopeError {
  return new HookscopeError('SENDER_STOPPED', `the sender stopped before delivery ${deliveryId} finished`, {
    deliveryId,
  });
}
