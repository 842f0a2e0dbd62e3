import type { AttemptOutcome, AttemptRecord, DeliveryRepo, NewAttempt, WebhookRecord } from '../store/deliveries';
import { nextAttempt, shouldDisable, streakAfterFailure } from './timing';

/** What follows a recorded attempt; the engine turns it into timers and events. */
export interface Settlement {
  /** False when the attempt was no longer in flight (another sender already closed it). */
  recorded: boolean;
  /** The next ladder attempt, now scheduled. */
  next: AttemptRecord | null;
  /** Deliveries that reached their end here (this one, and others cut off by a disabled webhook). */
  finished: number[];
  /** Waiting attempts cancelled because their webhook was disabled. */
  cancelled: number[];
  disabled: { webhook: WebhookRecord; failingForMs: number } | null;
}

export interface SettleContext {
  /** Real time at which the failure counts as having happened (the ladder wait starts here). */
  failedAtReal: number;
  now: number;
  speed: number;
  /** The hold to put on the next ladder attempt (a `hookscope send` run keeps its delivery's attempts to itself). */
  hold?: (dueAt: number) => NewAttempt['hold'];
}

/**
 * Records an attempt's outcome and decides, in one transaction, what comes
 * next: delivered; the next ladder attempt; failed (ladder exhausted, or a
 * manual retry failed); or, for a provider that disables failing webhooks,
 * the webhook disabled and every delivery waiting on it failed.
 */
export function settleAttempt(
  repo: DeliveryRepo,
  attempt: AttemptRecord,
  outcome: AttemptOutcome,
  ctx: SettleContext,
): Settlement {
  return repo.transaction(() => {
    const result: Settlement = { recorded: false, next: null, finished: [], cancelled: [], disabled: null };
    if (!repo.record(attempt.id, outcome)) return result;
    result.recorded = true;
    const delivery = repo.delivery(attempt.deliveryId);
    const webhook = repo.webhook(delivery.webhookId);

    if (outcome.ok) {
      repo.finishDelivery(delivery.id, 'delivered', null, ctx.now);
      if (webhook.failingSince !== null || webhook.failingLast !== null) repo.setStreak(webhook.id, null, null);
      result.finished.push(delivery.id);
      return result;
    }

    // Provider time of the failure; an attempt whose end is unknown is taken to have run its full timeout.
    const durationMs = outcome.durationMs ?? delivery.policy.timeoutMs;
    const failedAt = attempt.scheduledAt + durationMs;
    const streak = streakAfterFailure({ since: webhook.failingSince, last: webhook.failingLast }, failedAt);
    repo.setStreak(webhook.id, streak.since, streak.last);

    if (webhook.enabled && shouldDisable(streak, delivery.policy.disableAfterFailingMs)) {
      const failingForMs = streak.last - streak.since;
      const cut = disableWebhook(repo, webhook.id, `failing for ${failingForMs} ms of provider time`, ctx.now);
      repo.finishDelivery(delivery.id, 'failed', 'webhook-disabled', ctx.now);
      result.cancelled = cut.cancelled;
      result.finished = [...cut.finished, delivery.id];
      result.disabled = { webhook: repo.webhook(webhook.id), failingForMs };
      return result;
    }

    const plan =
      attempt.ladderIndex === null
        ? null
        : nextAttempt(
            delivery.policy,
            { ladderIndex: attempt.ladderIndex, scheduledAt: attempt.scheduledAt, durationMs },
            ctx.failedAtReal,
            ctx.speed,
          );
    if (!plan) {
      repo.finishDelivery(delivery.id, 'failed', 'exhausted', ctx.now);
      result.finished.push(delivery.id);
      return result;
    }
    const id = repo.insertAttempt({
      deliveryId: delivery.id,
      n: repo.nextAttemptNumber(delivery.id),
      ladderIndex: plan.ladderIndex,
      trigger: 'ladder',
      scheduledAt: plan.scheduledAt,
      dueAt: Math.round(plan.dueAt),
      hold: ctx.hold?.(Math.round(plan.dueAt)) ?? null,
    });
    result.next = repo.attempt(id) ?? null;
    return result;
  });
}

/** Disables a webhook; its waiting attempts are cancelled and their deliveries failed ('webhook-disabled'). */
export function disableWebhook(
  repo: DeliveryRepo,
  webhookId: number,
  reason: string,
  now: number,
): { cancelled: number[]; finished: number[] } {
  return repo.transaction(() => {
    const cut = { cancelled: [] as number[], finished: [] as number[] };
    repo.disableWebhook(webhookId, now, reason);
    for (const waiting of repo.scheduledAttemptsOfWebhook(webhookId)) {
      if (!repo.cancelAttempt(waiting.id)) continue;
      cut.cancelled.push(waiting.id);
      repo.finishDelivery(waiting.deliveryId, 'failed', 'webhook-disabled', now);
      cut.finished.push(waiting.deliveryId);
    }
    return cut;
  });
}

/** The outcome of an attempt that got no answer. */
export function failure(
  errorKind: AttemptOutcome['errorKind'],
  errorMessage: string,
  durationMs: number | null,
): AttemptOutcome {
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
