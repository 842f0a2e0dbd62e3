import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { systemClock, type Clock } from '../clock';
import { HookscopeError, isHookscopeError } from '../../shared/errors';
import { createDeliveryRepo, type AttemptRecord, type DeliveryFilter, type DeliveryListItem, type DeliveryRecord } from '../store/deliveries';
import type { DeliveryAdapter } from './adapter';
import { parseTargetUrl, performAttempt } from './attempt';
import { runHandlerCheck, type CheckInput, type CheckReport } from './check';
import { DeliveryEngine, type EngineOptions } from './engine';
import { createRegistryAdapter } from './provider-glue';
import { toDeliveryResult, toWebhookInfo, toWebhookView, type WebhookInfo } from './summary';
import { assertPolicy, providerNowAfter } from './timing';
import type { AttemptFn, DeliveryPolicy, DeliveryResult, SenderListener } from './types';

export interface SenderOptions {
  db: Database;
  /** The real clock (a ManualClock in tests). Default: the system clock. */
  clock?: Clock;
  /** Provider time per real time for waits between attempts (3600: an hour a second). Default 1. */
  speed?: number;
  /** The HTTP attempt. Default: performAttempt (node:http/https). */
  attempt?: AttemptFn;
  /** Provider policies and request building. Default: createRegistryAdapter() (the built-in providers). */
  providers?: DeliveryAdapter;
  /** Pick up attempts left waiting in the database by an earlier run (default true; a one-shot CLI send may pass false). */
  resumePending?: boolean;
  /** This engine's claim id; random by default. */
  owner?: string;
  leaseGraceMs?: number;
  /** How waiting attempts stored in the database are armed (see arming.ts); the defaults suit a server. */
  arming?: EngineOptions['arming'];
}

export interface SendInput {
  provider: string;
  eventType: string;
  /** The event (JSON value) or its exact bytes; the provider's sample when omitted, if the provider makes one. */
  payload?: unknown;
  /** The handler's URL. The (provider, url) pair is the webhook; it is created on first use. */
  url: string;
  /** Signing secret; when omitted, the webhook keeps the one it has. */
  secret?: string;
  /** Overrides of the provider's delivery policy for this delivery (timeout, success rule, ladder). */
  policy?: Partial<DeliveryPolicy>;
}

export interface SendStarted {
  deliveryId: number;
  webhookId: number;
  eventId: string | null;
  policy: DeliveryPolicy;
  /** Things the provider would not accept (plain http where it requires https, a body above its limit); sent anyway. */
  warnings: string[];
}

export interface DeliveryDetail {
  result: DeliveryResult;
  delivery: DeliveryRecord;
  webhook: WebhookInfo;
  /** Every attempt, with request and response, including one still waiting. */
  attempts: AttemptRecord[];
}

export interface RetryFailedReport {
  retried: number[];
  skipped: { deliveryId: number; reason: string }[];
}

export type Sender = ReturnType<typeof createSender>;

/**
 * The delivery engine with its commands, over one database. Works as a
 * long-running service (server, app) and as a one-shot CLI run:
 * `const { deliveryId } = sender.send(...); await sender.waitFor(deliveryId); await sender.stop()`.
 */
export function createSender(options: SenderOptions) {
  const clock = options.clock ?? systemClock;
  const adapter = options.providers ?? createRegistryAdapter();
  const attempt = options.attempt ?? performAttempt;
  const repo = createDeliveryRepo(options.db);
  const engine = new DeliveryEngine({
    repo,
    clock,
    speed: options.speed ?? 1,
    adapter,
    attempt,
    owner: options.owner ?? `sender_${randomBytes(6).toString('hex')}`,
    leaseGraceMs: options.leaseGraceMs,
    arming: options.arming,
  });
  if (options.resumePending !== false) engine.resume();

  function assertRunning(): void {
    if (engine.isStopped) throw new HookscopeError('SENDER_STOPPED', 'the sender has been stopped');
  }

  function assertEnabled(webhookId: number): void {
    const w = repo.webhook(webhookId);
    if (!w.enabled) {
      throw new HookscopeError('WEBHOOK_DISABLED', `the webhook ${w.url} (${w.provider}) is disabled: ${w.disabledReason ?? 'disabled'}`, {
        webhookId,
      });
    }
  }

  /** One manual attempt of a failed delivery, sent now. */
  function retryOne(deliveryId: number): number {
    const delivery = repo.delivery(deliveryId);
    if (delivery.status !== 'failed') {
      throw new HookscopeError('CONFLICT', `delivery ${deliveryId} is ${delivery.status}; only a failed delivery is retried`, { deliveryId });
    }
    assertEnabled(delivery.webhookId);
    const now = clock.now();
    const last = repo.attempts(deliveryId).filter((a) => a.sentAt !== null).at(-1);
    const attemptId = repo.transaction(() => {
      repo.reopenDelivery(deliveryId);
      return repo.insertAttempt({
        deliveryId,
        n: repo.nextAttemptNumber(deliveryId),
        ladderIndex: null,
        trigger: 'manual',
        // Never before the provider clock: at a speed-up, the real wait since the last attempt was provider hours.
        scheduledAt: Math.max(engine.providerNow(), last?.sentAt != null ? providerNowAfter({ scheduledAt: last.scheduledAt, sentAt: last.sentAt }, now) : now),
        dueAt: now,
      });
    });
    engine.track(attemptId, now);
    return attemptId;
  }

  /** Stores the delivery and starts its first attempt on the next tick (subscribe with on() right after). */
  function send(input: SendInput): SendStarted {
    assertRunning();
    if (!input.provider || !input.eventType) throw new HookscopeError('BAD_INPUT', 'provider and eventType are required');
    const target = parseTargetUrl(input.url);
    const policy = assertPolicy({ ...adapter.policy(input.provider), ...input.policy });
    const now = clock.now();
    const { body, eventId } = adapter.createBody(input.provider, input.eventType, input.payload, now);
    const limits = adapter.limits(input.provider);
    const warnings: string[] = [];
    if (limits.httpsRequired && target.protocol !== 'https:') warnings.push(`${input.provider} sends only to https URLs; sent to ${target.protocol} anyway`);
    if (limits.maxPayloadBytes !== undefined && body.byteLength > limits.maxPayloadBytes) {
      warnings.push(`the body is ${body.byteLength} bytes, above ${input.provider}'s limit of ${limits.maxPayloadBytes}`);
    }
    const webhook = repo.upsertWebhook(input.provider, input.url, input.secret, now);
    assertEnabled(webhook.id);
    const { deliveryId, attemptId } = repo.createDelivery(
      { webhookId: webhook.id, provider: input.provider, eventType: input.eventType, eventId, url: input.url, policy, body, createdAt: now },
      { scheduledAt: engine.providerNow(), dueAt: now },
    );
    engine.track(attemptId, now);
    return { deliveryId, webhookId: webhook.id, eventId, policy, warnings };
  }

  return {
    send,

    /** Emits attempt-started / attempt-finished / delivery-finished / webhook-disabled; returns an unsubscribe. */
    on(listener: SenderListener): () => void {
      return engine.on(listener);
    },

    /** send(), then wait for delivered or failed; `listener` sees this delivery's events as they happen. */
    async sendAndWait(input: SendInput, listener?: SenderListener): Promise<DeliveryResult & { warnings: string[] }> {
      const started = send(input);
      const off = listener
        ? engine.on((e) => {
            const id = e.type === 'delivery-finished' ? e.result.deliveryId : 'deliveryId' in e ? e.deliveryId : undefined;
            if (id === started.deliveryId || (e.type === 'webhook-disabled' && e.webhookId === started.webhookId)) listener(e);
          })
        : () => undefined;
      try {
        return { ...(await engine.waitFor(started.deliveryId)), warnings: started.warnings };
      } finally {
        off();
      }
    },

    /**
     * Rescans the database: closes attempts abandoned by a dead sender (lease
     * expired) as 'interrupted', watches the leases still running, and arms
     * the waiting attempts, including those another process stored, the
     * earliest first and a slice at a time (it returns after the first).
     * Called once at creation unless resumePending is false; a long-running
     * server may call it periodically.
     */
    resume(): void {
      engine.resume();
    },

    /** Resolves with the final result once the delivery is delivered or failed (at once if it already is). */
    waitFor(deliveryId: number): Promise<DeliveryResult> {
      return engine.waitFor(deliveryId);
    },

    listDeliveries(filter?: DeliveryFilter): DeliveryListItem[] {
      return repo.listDeliveries(filter);
    },

    getDelivery(deliveryId: number): DeliveryDetail {
      const delivery = repo.delivery(deliveryId);
      const attempts = repo.attempts(deliveryId);
      return { result: toDeliveryResult(delivery, attempts), delivery, webhook: toWebhookInfo(repo.webhook(delivery.webhookId)), attempts };
    },

    /** Skips the wait before a delivery's next attempt; returns that attempt's number. */
    sendNextNow(deliveryId: number): number {
      return engine.sendNow(deliveryId);
    },

    /** Sends one more attempt of a failed delivery now (manual retry); wait with waitFor(). */
    retry(deliveryId: number): { deliveryId: number } {
      assertRunning();
      retryOne(deliveryId);
      return { deliveryId };
    },

    /** Retries every failed delivery created at or after `sinceMs` (real epoch ms), optionally of one webhook. */
    retryFailedSince(sinceMs: number, filter: { webhookId?: number } = {}): RetryFailedReport {
      assertRunning();
      if (filter.webhookId !== undefined) assertEnabled(filter.webhookId);
      const report: RetryFailedReport = { retried: [], skipped: [] };
      for (const deliveryId of repo.failedSince(sinceMs, filter.webhookId)) {
        try {
          retryOne(deliveryId);
          report.retried.push(deliveryId);
        } catch (error) {
          if (!isHookscopeError(error)) throw error;
          report.skipped.push({ deliveryId, reason: error.message });
        }
      }
      return report;
    },

    listWebhooks(): WebhookInfo[] {
      return repo.listWebhooks().map(toWebhookInfo);
    },

    /** Enables (clearing the failing streak) or disables a webhook; disabling fails the deliveries waiting on it. */
    setWebhookEnabled(webhookId: number, enabled: boolean): WebhookInfo {
      const webhook = repo.webhook(webhookId);
      if (enabled) repo.enableWebhook(webhookId);
      else if (webhook.enabled) engine.disableWebhook(webhookId, 'disabled by the user');
      return toWebhookInfo(repo.webhook(webhookId));
    },

    get speed(): number {
      return engine.currentSpeed;
    },
    setSpeed(speed: number): void {
      engine.setSpeed(speed);
    },

    /** Runs the handler check (scenarios.ts) against a URL; nothing is stored. */
    check(input: CheckInput): Promise<CheckReport> {
      return runHandlerCheck(input, { adapter, attempt, clock });
    },

    /** Stops timers and cuts attempts in flight short (recorded as 'interrupted'); the database stays open. */
    stop(): Promise<void> {
      return engine.stop();
    },
  };
}

export { performAttempt, parseTargetUrl, RESPONSE_BODY_LIMIT } from './attempt';
export { createRegistryAdapter, type GlueOptions } from './provider-glue';
export type { DeliveryAdapter, PrepareInput } from './adapter';
export type { CheckInput, CheckReport } from './check';
export type { CheckRow, ScenarioId } from './scenarios';
export type { WebhookInfo } from './summary';
export { toWebhookView };
export type * from './types';
