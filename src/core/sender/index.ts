import { randomBytes } from 'node:crypto';
import { systemClock } from '../clock';
import { HookscopeError, isHookscopeError } from '../../shared/errors';
import type { DeliveryFilter, DeliveryListItem } from '../store/deliveries';
import { parseTargetUrl, performAttempt } from './attempt';
import { runHandlerCheck, type CheckInput, type CheckReport } from './check';
import { DeliveryEngine } from './engine';
import { createRegistryAdapter } from './provider-glue';
import { toDeliveryResult, toWebhookInfo, toWebhookView, type WebhookInfo } from './summary';
import { assertPolicy, providerNowAfter } from './timing';
import { providerTimestampsNote } from './signing-warnings';
import type { DeliveryResult, SenderListener } from './types';
import type { AttemptResponseView } from '../../shared/delivery-types';
import type { DeliveryDetail, RetryFailedReport, SendInput, SenderOptions, SendStarted } from './sender-options';

export * from './sender-options';

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
  const repo = options.deliveries;
  const engine = new DeliveryEngine({
    repo,
    clock,
    speed: options.speed ?? 1,
    adapter,
    attempt,
    owner: options.owner ?? `sender_${randomBytes(6).toString('hex')}`,
    leaseGraceMs: options.leaseGraceMs,
    arming: options.arming,
    holdGraceMs: options.holdGraceMs,
    handoffPollMs: options.handoffPollMs,
  });
  if (options.resumePending !== false) engine.resume();

  function assertRunning(): void {
    if (engine.isStopped) throw new HookscopeError('SENDER_STOPPED', 'the sender has been stopped');
  }

  function assertEnabled(webhookId: number): void {
    const w = repo.webhook(webhookId);
    if (!w.enabled) {
      throw new HookscopeError(
        'WEBHOOK_DISABLED',
        `the webhook ${w.url} (${w.provider}) is disabled: ${w.disabledReason ?? 'disabled'}`,
        {
          webhookId,
        },
      );
    }
  }

  /** Resumes a paused delivery here: its waiting attempt becomes this engine's and is armed. */
  function resumePaused(deliveryId: number): void {
    const waiting = repo.waitingAttempt(deliveryId);
    if (waiting && engine.adopt(waiting)) return;
    throw new HookscopeError('CONFLICT', `delivery ${deliveryId} was resumed meanwhile by another sender`, {
      deliveryId,
    });
  }

  /** One manual attempt of a failed delivery, sent now. */
  function retryOne(deliveryId: number): number {
    const delivery = repo.delivery(deliveryId);
    if (delivery.status === 'paused') {
      resumePaused(deliveryId);
      return deliveryId;
    }
    if (delivery.status !== 'failed') {
      throw new HookscopeError(
        'CONFLICT',
        `delivery ${deliveryId} is ${delivery.status}; only a failed delivery is retried`,
        { deliveryId },
      );
    }
    assertEnabled(delivery.webhookId);
    const now = clock.now();
    const last = repo
      .attempts(deliveryId)
      .filter((a) => a.sentAt !== null)
      .at(-1);
    const attemptId = repo.transaction(() => {
      repo.reopenDelivery(deliveryId);
      return repo.insertAttempt({
        deliveryId,
        n: repo.nextAttemptNumber(deliveryId),
        ladderIndex: null,
        trigger: 'manual',
        // Never before the provider clock: at a speed-up, the real wait since the last attempt was provider hours.
        scheduledAt: Math.max(
          engine.providerNow(),
          last?.sentAt != null ? providerNowAfter({ scheduledAt: last.scheduledAt, sentAt: last.sentAt }, now) : now,
        ),
        dueAt: now,
        hold: engine.holdFor(now),
      });
    });
    engine.track(attemptId, now);
    return attemptId;
  }

  /** Stores the delivery and starts its first attempt on the next tick (subscribe with on() right after). */
  function send(input: SendInput): SendStarted {
    assertRunning();
    if (!input.provider || !input.eventType)
      throw new HookscopeError('BAD_INPUT', 'provider and eventType are required');
    const target = parseTargetUrl(input.url);
    // A handshake is answered once, within its own timeout: the provider does not retry it.
    const handshake = adapter.handshakes?.(input.provider).handshakes.find((h) => h.eventType === input.eventType);
    const policy = assertPolicy({
      ...adapter.policy(input.provider),
      ...(handshake
        ? {
            retryDelaysMs: [],
            afterFailure: handshake.afterFailure,
            ...(handshake.timeoutMs ? { timeoutMs: handshake.timeoutMs } : {}),
          }
        : {}),
      ...input.policy,
    });
    const now = clock.now();
    if (input.timestamps !== undefined && input.timestamps !== 'real' && input.timestamps !== 'provider') {
      throw new HookscopeError(
        'BAD_INPUT',
        `timestamps must be 'real' or 'provider', not "${String(input.timestamps)}"`,
      );
    }
    if (input.form !== undefined) adapter.assertForm?.(input.provider, input.form);
    // A caller's payload does not depend on the webhook, so its bytes are made outside the write lock.
    const given =
      input.payload === undefined ? undefined : adapter.createBody(input.provider, input.eventType, input.payload, now);
    const limits = adapter.limits(input.provider);
    const warnings: string[] = [];
    if ((input.timestamps ?? adapter.timestamps) === 'provider')
      warnings.push(providerTimestampsNote(adapter.toleranceSeconds?.(input.provider, input.form)));
    if (limits.httpsRequired && target.protocol !== 'https:')
      warnings.push(`${input.provider} sends only to https URLs; sent to ${target.protocol} anyway`);
    // One subscription id per (provider, url): the one given, else the stored one, else a new one, stored with the
    // delivery. One transaction, so that two processes sending to a new webhook at once agree on its id, and a
    // sample that cannot be made leaves no webhook behind.
    const { webhook, subscriptionId, eventId, deliveryId, attemptId } = repo.transaction(() => {
      const known = repo.findWebhook(input.provider, input.url)?.subscriptionId ?? null;
      const subscriptionId =
        input.webhookId !== undefined
          ? (adapter.subscriptionId?.(input.provider, input.webhookId) ?? null)
          : (known ?? adapter.subscriptionId?.(input.provider) ?? null);
      const { body, eventId } =
        given ??
        adapter.createBody(input.provider, input.eventType, undefined, now, { subscriptionId, seed: input.sampleSeed });
      if (limits.maxPayloadBytes !== undefined && body.byteLength > limits.maxPayloadBytes) {
        warnings.push(
          `the body is ${body.byteLength} bytes, above ${input.provider}'s limit of ${limits.maxPayloadBytes}`,
        );
      }
      const webhook = repo.upsertWebhook(input.provider, input.url, input.secret, now, subscriptionId);
      assertEnabled(webhook.id);
      const ids = repo.createDelivery(
        {
          webhookId: webhook.id,
          provider: input.provider,
          eventType: input.eventType,
          eventId,
          // A handshake's query (Dropbox's ?challenge=) is part of the delivery's URL, the same on every attempt.
          url: handshake
            ? (adapter.handshakeUrl?.(input.provider, input.eventType, input.url, body) ?? input.url)
            : input.url,
          policy,
          body,
          createdAt: now,
          signatureForm: input.form ?? null,
          timestamps: input.timestamps ?? adapter.timestamps ?? 'real',
        },
        {
          scheduledAt: engine.providerNow(),
          dueAt: now,
          hold: engine.holdFor(now) ?? (input.detach ? { by: engine.owner, until: now } : null),
        },
      );
      return { webhook, subscriptionId, eventId, ...ids };
    });
    if (input.detach) engine.release(deliveryId, true);
    else engine.track(attemptId, now);
    return { deliveryId, webhookId: webhook.id, eventId, subscriptionId, policy, warnings };
  }

  return {
    send,

    /** Emits attempt-started / attempt-finished / delivery-finished / webhook-disabled; returns an unsubscribe. */
    on(listener: SenderListener): () => void {
      return engine.on(listener);
    },

    /** send(), then wait for delivered or failed; `listener` sees this delivery's events as they happen. */
    async sendAndWait(
      input: SendInput,
      listener?: SenderListener,
    ): Promise<DeliveryResult & { subscriptionId: string | null; warnings: string[] }> {
      const started = send(input);
      const off = listener
        ? engine.on((e) => {
            const id =
              e.type === 'delivery-finished' ? e.result.deliveryId : 'deliveryId' in e ? e.deliveryId : undefined;
            if (id === started.deliveryId || (e.type === 'webhook-disabled' && e.webhookId === started.webhookId))
              listener(e);
          })
        : () => undefined;
      try {
        const result = await engine.waitFor(started.deliveryId);
        return {
          ...result,
          subscriptionId: started.subscriptionId,
          warnings: [...started.warnings, ...result.warnings],
        };
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

    /** This engine's claim id (what its holds and claims are stored under). */
    get owner(): string {
      return engine.owner;
    },

    /**
     * Hands a delivery this sender holds to whoever runs next: its waiting
     * attempt's hold ends now and the delivery is paused; a running `serve`
     * takes it over at its next look (and resumes it), else it waits for
     * `serve` or `retry`. Call after stop() on an interrupted run. False when
     * nothing was waiting (it was delivered or failed meanwhile).
     */
    handOff(deliveryId: number): boolean {
      return engine.release(deliveryId, true);
    },

    /** What the handler answered attempt `n` of a delivery: status, headers, kept body and full size. */
    attemptResponse(deliveryId: number, n: number): AttemptResponseView {
      repo.delivery(deliveryId); // DELIVERY_NOT_FOUND
      const a = repo.attempts(deliveryId).find((x) => x.n === n);
      if (!a) throw new HookscopeError('NOT_FOUND', `delivery ${deliveryId} has no attempt ${n}`, { deliveryId, n });
      const body = a.responseBody ?? Buffer.alloc(0);
      return {
        deliveryId,
        n,
        status: a.status,
        headers: a.responseHeaders,
        bodyBase64: Buffer.from(body).toString('base64'),
        keptSize: body.byteLength,
        size: a.responseSize ?? 0,
        errorKind: a.errorKind,
        errorMessage: a.errorMessage,
      };
    },

    getDelivery(deliveryId: number): DeliveryDetail {
      const delivery = repo.delivery(deliveryId);
      const attempts = repo.attempts(deliveryId);
      return {
        result: toDeliveryResult(delivery, attempts),
        delivery,
        webhook: toWebhookInfo(repo.webhook(delivery.webhookId)),
        attempts,
      };
    },

    /** Skips the wait before a delivery's next attempt; returns that attempt's number. */
    sendNextNow(deliveryId: number): number {
      return engine.sendNow(deliveryId);
    },

    /** Sends one more attempt of a failed delivery now (manual retry), or resumes a paused one here; wait with waitFor(). */
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
