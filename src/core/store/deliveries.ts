import type { Database } from 'better-sqlite3';
import { HookscopeError } from '../../shared/errors';
import type { AttemptTrigger, DeliveryStatus } from '../../shared/delivery-types';
import type { SignedRequest } from '../delivery-request';
import {
  toAttempt,
  toDeliveryBase,
  toWebhook,
  type AttemptOutcome,
  type AttemptRecord,
  type AttemptState,
  type DeliveryFilter,
  type DeliveryListItem,
  type DeliveryRecord,
  type NewAttempt,
  type NewDelivery,
  type WebhookRecord,
} from './delivery-records';
import { recordedResponseParams } from './recorded-response';
import { prepareDeliveryStatements } from './delivery-statements';
import { bytes, json, type Row } from './sqlite-values';

export type {
  AttemptOutcome,
  AttemptRecord,
  AttemptState,
  DeliveryFilter,
  DeliveryListItem,
  DeliveryRecord,
  NewAttempt,
  NewDelivery,
  WebhookRecord,
} from './delivery-records';

/** All SQL of the sender: webhooks, deliveries, attempts (schema: migration 003; records: delivery-records.ts). */

export type DeliveryRepo = ReturnType<typeof createDeliveryRepo>;

export function createDeliveryRepo(db: Database) {
  const q = prepareDeliveryStatements(db);

  function webhook(id: number): WebhookRecord {
    const row = q.webhookById.get(id) as Row | undefined;
    if (!row) throw new HookscopeError('NOT_FOUND', `no webhook has id ${id}`, { webhookId: id });
    return toWebhook(row);
  }

  function delivery(id: number): DeliveryRecord {
    const row = q.delivery.get(id) as Row | undefined;
    if (!row) throw new HookscopeError('DELIVERY_NOT_FOUND', `no delivery has id ${id}`, { deliveryId: id });
    return { ...toDeliveryBase(row), policy: JSON.parse(row.policy), body: row.body };
  }

  function attempt(id: number): AttemptRecord | undefined {
    const row = q.attempt.get(id) as Row | undefined;
    return row ? toAttempt(row) : undefined;
  }

  function insertAttempt(a: NewAttempt): number {
    const hold = a.hold ?? null;
    return Number(
      q.insertAttempt.run(
        a.deliveryId,
        a.n,
        a.ladderIndex,
        a.trigger,
        a.scheduledAt,
        a.dueAt,
        hold?.by ?? null,
        hold?.until ?? null,
      ).lastInsertRowid,
    );
  }

  return {
    /**
     * Runs `fn` in one transaction (nested calls join the outer one). IMMEDIATE:
     * the write lock is taken first, waiting out a checkpoint or another writer
     * through the busy timeout, instead of failing at once with SQLITE_BUSY when
     * a transaction that began by reading later tries to write.
     */
    transaction<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },

    webhook,
    listWebhooks(): WebhookRecord[] {
      return (q.webhooks.all() as Row[]).map(toWebhook);
    },
    /** The webhook for (provider, url), if one was created. */
    findWebhook(provider: string, url: string): WebhookRecord | undefined {
      const row = q.webhookByKey.get(provider, url) as Row | undefined;
      return row ? toWebhook(row) : undefined;
    },
    /**
     * The webhook for (provider, url), created if new; a secret given replaces
     * the stored one, and so does a subscription id given (null keeps it).
     */
    upsertWebhook(
      provider: string,
      url: string,
      secret: string | undefined,
      now: number,
      subscriptionId: string | null = null,
    ): WebhookRecord {
      return db
        .transaction(() => {
          const row = q.webhookByKey.get(provider, url) as Row | undefined;
          const id = row
            ? Number(row.id)
            : Number(q.insertWebhook.run(provider, url, secret ?? '', now).lastInsertRowid);
          if (row && secret !== undefined && row.secret !== secret) q.setSecret.run(secret, id);
          if (subscriptionId !== null && row?.subscription_id !== subscriptionId)
            q.setSubscriptionId.run(subscriptionId, id);
          return webhook(id);
        })
        .immediate();
    },
    setStreak(webhookId: number, since: number | null, last: number | null): void {
      q.setStreak.run(since, last, webhookId);
    },
    disableWebhook(webhookId: number, now: number, reason: string): void {
      q.disable.run(now, reason, webhookId);
    },
    /** Enables a webhook and clears its failing streak. */
    enableWebhook(webhookId: number): void {
      q.enable.run(webhookId);
    },

    /** Inserts a delivery and its first (ladder) attempt; returns the delivery id. */
    createDelivery(
      d: NewDelivery,
      first: { scheduledAt: number; dueAt: number; hold?: NewAttempt['hold'] },
    ): { deliveryId: number; attemptId: number } {
      return db
        .transaction(() => {
          const deliveryId = Number(
            q.insertDelivery.run(
              d.webhookId,
              d.provider,
              d.eventType,
              d.eventId,
              d.url,
              json(d.policy),
              bytes(d.body),
              d.createdAt,
              d.signatureForm ?? null,
              d.timestamps ?? 'real',
            ).lastInsertRowid,
          );
          const attemptId = insertAttempt({ deliveryId, n: 1, ladderIndex: 1, trigger: 'ladder', ...first });
          return { deliveryId, attemptId };
        })
        .immediate();
    },
    delivery,
    listDeliveries(filter: DeliveryFilter = {}): DeliveryListItem[] {
      const where: string[] = [];
      const args: unknown[] = [];
      if (filter.status === 'paused') where.push(`d.status = 'pending' AND d.paused_at IS NOT NULL`);
      else if (filter.status === 'pending') where.push(`d.status = 'pending' AND d.paused_at IS NULL`);
      else if (filter.status) {
        where.push('d.status = ?');
        args.push(filter.status);
      }
      if (filter.webhookId !== undefined) {
        where.push('d.webhook_id = ?');
        args.push(filter.webhookId);
      }
      if (filter.provider) {
        where.push('d.provider = ?');
        args.push(filter.provider);
      }
      if (filter.beforeId !== undefined) {
        where.push('d.id < ?');
        args.push(filter.beforeId);
      }
      const limit = Math.max(1, Math.min(filter.limit ?? 100, 1000));
      const rows = db
        .prepare(
          `SELECT d.id, d.webhook_id, d.provider, d.event_type, d.event_id, d.url, d.status, d.failure_reason,
                  d.created_at, d.finished_at, d.signature_form, d.timestamps, d.paused_at, length(d.body) AS body_size,
                  (SELECT COUNT(*) FROM delivery_attempts a WHERE a.delivery_id = d.id AND a.state IN ('in_flight', 'done')) AS attempt_count,
                  last.response_status AS last_status, last.error_kind AS last_error_kind,
                  next.scheduled_at AS next_scheduled_at, next.due_at AS next_due_at
             FROM deliveries d
             LEFT JOIN delivery_attempts last ON last.id = (
               SELECT id FROM delivery_attempts WHERE delivery_id = d.id AND state = 'done' ORDER BY n DESC LIMIT 1)
             LEFT JOIN delivery_attempts next ON next.delivery_id = d.id AND next.state = 'scheduled'
            ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
            ORDER BY d.id DESC LIMIT ${limit}`,
        )
        .all(...args) as Row[];
      return rows.map((row) => ({
        ...toDeliveryBase(row),
        bodySize: row.body_size,
        attemptCount: row.attempt_count,
        lastStatus: row.last_status,
        lastErrorKind: row.last_error_kind,
        nextScheduledAt: row.next_scheduled_at,
        nextDueAt: row.next_due_at,
      }));
    },
    finishDelivery(deliveryId: number, status: 'delivered' | 'failed', reason: string | null, now: number): void {
      q.finishDelivery.run(status, reason, now, deliveryId);
    },
    /** Puts a finished delivery back to pending (a manual retry). */
    reopenDelivery(deliveryId: number): void {
      q.finishDelivery.run('pending', null, null, deliveryId);
    },
    /** Ids of failed deliveries created at or after `since` (real ms), optionally of one webhook. */
    failedSince(since: number, webhookId?: number): number[] {
      const id = webhookId ?? null;
      return (q.failedSince.all(since, id, id) as { id: number }[]).map((r) => r.id);
    },

    attempt,
    attempts(deliveryId: number): AttemptRecord[] {
      return (q.attempts.all(deliveryId) as Row[]).map(toAttempt);
    },
    insertAttempt,
    nextAttemptNumber(deliveryId: number): number {
      return (q.maxN.get(deliveryId) as { n: number }).n + 1;
    },
    /** What a claim checks, in one read: the attempt's state, its delivery's status, whether its webhook is enabled. */
    claimCheck(
      attemptId: number,
    ): { state: AttemptState; deliveryStatus: DeliveryStatus; webhookEnabled: boolean } | undefined {
      const row = q.claimCheck.get(attemptId) as Row | undefined;
      return row && { state: row.state, deliveryStatus: row.status, webhookEnabled: row.enabled === 1 };
    },
    waitingAttempt(deliveryId: number): AttemptRecord | undefined {
      const row = q.waitingOf.get(deliveryId) as Row | undefined;
      return row ? toAttempt(row) : undefined;
    },
    /** Waiting attempts after `after` in (due time, id) order, `limit` at most: ids and due times only. */
    scheduledAfter(
      after: { dueAt: number; id: number } | null,
      limit: number,
      owner: string | null = null,
    ): { id: number; dueAt: number }[] {
      // Attempts another process holds (migration 012) are left to it; its hold's end is watched (leases.ts).
      const rows = q.scheduledAfter
        .raw()
        .all(after?.dueAt ?? Number.MIN_SAFE_INTEGER, after?.id ?? 0, owner, limit) as [number, number][];
      return rows.map(([id, dueAt]) => ({ id, dueAt }));
    },
    /** Re-scales every waiting attempt's due time when the speed-up changes (see timing.ts rescaleDue). */
    rescaleScheduled(now: number, oldSpeed: number, newSpeed: number): void {
      q.rescale.run({ now, old: oldSpeed, new: newSpeed });
    },
    scheduledAttemptsOfWebhook(webhookId: number): AttemptRecord[] {
      return (q.scheduledOfWebhook.all(webhookId) as Row[]).map(toAttempt);
    },
    /** In-flight attempts whose lease ran out and that `owner` does not hold (their sender died mid-attempt), oldest lease first. */
    expiredClaims(now: number, owner: string): AttemptRecord[] {
      return (q.expired.all(now, owner) as Row[]).map(toAttempt);
    },
    /** The earliest end of a lease still running (after `now`) on a claim that `owner` does not hold. */
    nextForeignLease(now: number, owner: string): number | undefined {
      return (q.nextLease.get(now, owner) as { lease_until: number } | undefined)?.lease_until;
    },
    /**
     * Marks a scheduled attempt in flight and stores the request about to be
     * sent. False when it is no longer scheduled (another sender claimed or
     * cancelled it).
     */
    claim(attemptId: number, owner: string, sentAt: number, leaseUntil: number, request: SignedRequest): boolean {
      const r = q.claim.run(
        owner,
        leaseUntil,
        sentAt,
        request.method,
        json(request.headers),
        bytes(request.body),
        request.signedTimestamp ?? null,
        request.signature ?? null,
        attemptId,
      );
      return r.changes === 1;
    },
    /** Waiting attempts whose hold ended (released early, or expired with its holder gone) and that `owner` does not hold. */
    endedHolds(now: number, owner: string): AttemptRecord[] {
      return (q.endedHolds.all(now, owner) as Row[]).map(toAttempt);
    },
    /** When the earliest hold of another process still running ends. */
    nextHoldEnd(now: number, owner: string): number | undefined {
      return (q.nextHoldEnd.get(now, owner) as { held_until: number } | undefined)?.held_until;
    },
    /**
     * Makes `hold` the waiting attempt's hold (null: no one's, any sender arms
     * it), moves it to `dueAt` if given, and resumes its paused delivery.
     */
    takeOver(attempt: Pick<AttemptRecord, 'id' | 'deliveryId'>, hold: NewAttempt['hold'], dueAt?: number): boolean {
      return db
        .transaction(() => {
          if (q.takeOver.run(hold?.by ?? null, hold?.until ?? null, dueAt ?? null, attempt.id).changes !== 1)
            return false;
          q.unpause.run(attempt.deliveryId);
          return true;
        })
        .immediate();
    },
    /**
     * Lets go of the delivery's waiting attempt that `owner` holds: its hold
     * ends now, for a running sender to take over; `pause` also marks the
     * delivery paused (shown until someone does). Returns the attempts released.
     */
    release(deliveryId: number, owner: string, now: number, pause: boolean): number {
      return db
        .transaction(() => {
          const n = q.release.run(now, deliveryId, owner).changes;
          if (n > 0 && pause) q.pause.run(now, deliveryId);
          return n;
        })
        .immediate();
    },
    unpause(deliveryId: number): void {
      q.unpause.run(deliveryId);
    },
    /** Stores the outcome of an in-flight attempt; false if it was not in flight. */
    record(attemptId: number, o: AttemptOutcome): boolean {
      const request = o.requestHeaders ? json(o.requestHeaders) : null;
      const r = q.record.run(request, ...recordedResponseParams(o), attemptId);
      return r.changes === 1;
    },
    setDue(attemptId: number, dueAt: number, trigger: AttemptTrigger): boolean {
      return q.setDue.run(dueAt, trigger, attemptId).changes === 1;
    },
    cancelAttempt(attemptId: number): boolean {
      return q.cancel.run(attemptId).changes === 1;
    },
  };
}
