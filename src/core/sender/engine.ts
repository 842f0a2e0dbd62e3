import type { Clock } from '../clock';
import { HookscopeError, toErrorPayload } from '../../shared/errors';
import type { AttemptOutcome, AttemptRecord, DeliveryRepo } from '../store/deliveries';
import type { DeliveryAdapter } from './adapter';
import { describeError } from './classify';
import { disableWebhook, settleAttempt, type Settlement } from './settle';
import { toAttemptSummary, toDeliveryResult } from './summary';
import { assertSpeed, rescaleDue } from './timing';
import type { AttemptFn, AttemptResult, DeliveryResult, PreparedRequest, SenderEvent, SenderListener } from './types';

/** setTimeout's ceiling (about 24.8 days); longer waits are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A timer that fires this close to its due time counts as due. */
const DUE_SLACK_MS = 5;

export interface EngineOptions {
  repo: DeliveryRepo;
  clock: Clock;
  speed: number;
  adapter: DeliveryAdapter;
  attempt: AttemptFn;
  /** This engine's claim id (unique per process run). */
  owner: string;
  /** Added to the timeout to form an in-flight lease; past it, another engine closes the attempt as interrupted. */
  leaseGraceMs?: number;
}

interface Waiter {
  resolve(result: DeliveryResult): void;
  reject(error: unknown): void;
}

/**
 * Runs attempts: one timer per waiting attempt on the injected clock, a claim
 * in a transaction before each send, the outcome settled in another. Claims
 * make two engines over one database safe: an attempt is sent at most once.
 */
export class DeliveryEngine {
  private readonly timers = new Map<number, () => void>();
  private readonly inFlight = new Map<number, AbortController>();
  private readonly running = new Set<Promise<void>>();
  private readonly listeners = new Set<SenderListener>();
  private readonly waiters = new Map<number, Waiter[]>();
  private speed: number;
  private stopped = false;

  constructor(private readonly o: EngineOptions) {
    this.speed = assertSpeed(o.speed);
  }

  get currentSpeed(): number {
    return this.speed;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  on(listener: SenderListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Closes attempts abandoned by a dead sender, then arms a timer for every waiting attempt. */
  resume(): void {
    this.assertRunning();
    const now = this.o.clock.now();
    for (const orphan of this.o.repo.expiredClaims(now, this.o.owner)) {
      const timeoutMs = this.o.repo.delivery(orphan.deliveryId).policy.timeoutMs;
      const outcome = failure(
        'interrupted',
        `the sender ${orphan.claimedBy} stopped during this attempt; whether the handler received it is unknown, and it is not sent again`,
        null,
      );
      this.afterSettle(orphan, settleAttempt(this.o.repo, orphan, outcome, {
        failedAtReal: (orphan.sentAt ?? now) + timeoutMs,
        now,
        speed: this.speed,
      }));
    }
    for (const waiting of this.o.repo.scheduledAttempts()) this.track(waiting.id, waiting.dueAt);
  }

  /** Arms the timer of a waiting attempt (or runs it now when due). */
  track(attemptId: number, dueAt: number): void {
    if (this.stopped || this.timers.has(attemptId) || this.inFlight.has(attemptId)) return;
    const wait = dueAt - this.o.clock.now();
    let cancelled = false;
    const fire = (): void => {
      if (cancelled) return;
      this.timers.delete(attemptId);
      this.launch(attemptId);
    };
    if (wait <= 0) {
      queueMicrotask(fire);
      this.timers.set(attemptId, () => (cancelled = true));
      return;
    }
    const stopTimer = this.o.clock.setTimer(Math.min(wait, MAX_TIMER_MS), fire);
    this.timers.set(attemptId, () => {
      cancelled = true;
      stopTimer();
    });
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
    if (!this.o.repo.setDue(waiting.id, now, 'now')) {
      throw new HookscopeError('CONFLICT', `the attempt of delivery ${deliveryId} is already being sent`, { deliveryId });
    }
    this.track(waiting.id, now);
    return waiting.n;
  }

  /** Disables a webhook now: its waiting attempts are cancelled and their deliveries failed. */
  disableWebhook(webhookId: number, reason: string): void {
    const cut = disableWebhook(this.o.repo, webhookId, reason, this.o.clock.now());
    for (const id of cut.cancelled) this.untrack(id);
    for (const deliveryId of cut.finished) this.finishDelivery(deliveryId);
  }

  /** Changes the speed-up; waits already running are re-scaled from now on. */
  setSpeed(speed: number): void {
    const old = this.speed;
    this.speed = assertSpeed(speed);
    const now = this.o.clock.now();
    for (const attemptId of [...this.timers.keys()]) {
      const a = this.o.repo.attempt(attemptId);
      if (!a || a.state !== 'scheduled') continue;
      const dueAt = Math.round(rescaleDue(a.dueAt, now, old, this.speed));
      this.untrack(attemptId);
      this.o.repo.setDue(attemptId, dueAt, a.trigger);
      this.track(attemptId, dueAt);
    }
  }

  /** Resolves when the delivery is delivered or failed. */
  waitFor(deliveryId: number): Promise<DeliveryResult> {
    const d = this.o.repo.delivery(deliveryId);
    if (d.status !== 'pending') return Promise.resolve(this.result(deliveryId));
    if (this.stopped) return Promise.reject(stoppedError(deliveryId));
    return new Promise((resolve, reject) => {
      const list = this.waiters.get(deliveryId) ?? [];
      list.push({ resolve, reject });
      this.waiters.set(deliveryId, list);
    });
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
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    for (const controller of this.inFlight.values()) controller.abort();
    while (this.running.size) await Promise.allSettled([...this.running]);
    for (const [deliveryId, list] of this.waiters) for (const w of list) w.reject(stoppedError(deliveryId));
    this.waiters.clear();
  }

  private assertRunning(): void {
    if (this.stopped) throw new HookscopeError('SENDER_STOPPED', 'the sender has been stopped');
  }

  private untrack(attemptId: number): void {
    this.timers.get(attemptId)?.();
    this.timers.delete(attemptId);
  }

  private launch(attemptId: number): void {
    const run = this.run(attemptId).catch((error) => this.emit({ type: 'engine-error', error: toErrorPayload(error) }));
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  private async run(attemptId: number): Promise<void> {
    if (this.stopped) return;
    const { repo, clock } = this.o;
    const attempt = repo.attempt(attemptId);
    if (!attempt || attempt.state !== 'scheduled') return;
    const now = clock.now();
    if (attempt.dueAt - now > DUE_SLACK_MS) return this.track(attemptId, attempt.dueAt); // re-armed or moved
    const delivery = repo.delivery(attempt.deliveryId);
    const webhook = repo.webhook(delivery.webhookId);

    let request: PreparedRequest;
    try {
      request = this.o.adapter.prepare({
        providerId: delivery.provider,
        eventType: delivery.eventType,
        body: delivery.body,
        secret: webhook.secret,
        eventId: delivery.eventId,
        attempt: attempt.n,
        providerNowMs: attempt.scheduledAt,
        realNowMs: now,
      });
    } catch (error) {
      const reason = `the request could not be prepared: ${describeError(error)}`;
      if (this.abandon(attempt, reason, now)) this.finishDelivery(delivery.id);
      return;
    }

    const claim = repo.transaction(() => {
      const current = repo.attempt(attemptId);
      if (!current || current.state !== 'scheduled') return 'gone';
      if (repo.delivery(attempt.deliveryId).status !== 'pending') return repo.cancelAttempt(attemptId), 'gone';
      if (!repo.webhook(delivery.webhookId).enabled) return this.abandon(attempt, 'webhook-disabled', now) ? 'ended' : 'gone';
      const lease = now + delivery.policy.timeoutMs + (this.o.leaseGraceMs ?? 60_000);
      return repo.claim(attemptId, this.o.owner, now, lease, request) ? 'claimed' : 'gone';
    });
    if (claim === 'ended') this.finishDelivery(delivery.id);
    if (claim !== 'claimed') return;

    const iso = (ms: number) => new Date(ms).toISOString();
    this.emit({ type: 'attempt-started', deliveryId: delivery.id, n: attempt.n, scheduledAt: iso(attempt.scheduledAt), sentAt: iso(now) });
    const controller = new AbortController();
    this.inFlight.set(attemptId, controller);
    let result: AttemptResult | null = null;
    let thrown: unknown = null;
    try {
      result = await this.o.attempt(delivery.url, request, {
        timeoutMs: delivery.policy.timeoutMs,
        success: delivery.policy.success,
        signal: controller.signal,
      });
    } catch (error) {
      thrown = error;
    } finally {
      this.inFlight.delete(attemptId);
    }
    const outcome: AttemptOutcome = result
      ? { ...result, requestHeaders: result.request.headers }
      : failure('network', `the attempt failed: ${describeError(thrown)}`, null);
    const end = clock.now();
    this.afterSettle(attempt, settleAttempt(repo, attempt, outcome, { failedAtReal: end, now: end, speed: this.speed }));
  }

  /** Cancels a waiting attempt and fails its delivery with `reason`; false if it was not waiting. */
  private abandon(attempt: AttemptRecord, reason: string, now: number): boolean {
    return this.o.repo.transaction(() => {
      if (!this.o.repo.cancelAttempt(attempt.id)) return false;
      this.o.repo.finishDelivery(attempt.deliveryId, 'failed', reason, now);
      return true;
    });
  }

  private afterSettle(attempt: AttemptRecord, s: Settlement): void {
    if (!s.recorded) return;
    for (const id of s.cancelled) this.untrack(id);
    const done = this.o.repo.attempt(attempt.id);
    if (done) {
      const next = s.next
        ? { n: s.next.n, scheduledAt: new Date(s.next.scheduledAt).toISOString(), dueAt: new Date(s.next.dueAt).toISOString() }
        : null;
      this.emit({ type: 'attempt-finished', deliveryId: attempt.deliveryId, attempt: toAttemptSummary(done), next });
    }
    if (s.disabled) {
      const { webhook, failingForMs } = s.disabled;
      this.emit({ type: 'webhook-disabled', webhookId: webhook.id, url: webhook.url, failingForMs });
    }
    for (const deliveryId of s.finished) this.finishDelivery(deliveryId);
    if (s.next) this.track(s.next.id, s.next.dueAt);
  }

  private finishDelivery(deliveryId: number): void {
    const result = this.result(deliveryId);
    this.emit({ type: 'delivery-finished', result });
    const list = this.waiters.get(deliveryId) ?? [];
    this.waiters.delete(deliveryId);
    for (const w of list) w.resolve(result);
  }

  private emit(event: SenderEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A listener's failure is its own; the engine keeps going.
      }
    }
  }
}

function failure(errorKind: AttemptOutcome['errorKind'], errorMessage: string, durationMs: number | null): AttemptOutcome {
  return {
    requestHeaders: null,
    status: null,
    responseHeaders: [],
    responseBody: new Uint8Array(),
    responseSize: 0,
    durationMs,
    ok: false,
    errorKind,
    errorMessage,
  };
}

function stoppedError(deliveryId: number): HookscopeError {
  return new HookscopeError('SENDER_STOPPED', `the sender stopped before delivery ${deliveryId} finished`, { deliveryId });
}
