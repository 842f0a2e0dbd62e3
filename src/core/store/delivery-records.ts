import type { HeaderPair } from '../../shared/capture-types';
import type { AttemptTrigger, DeliveryStatus, ErrorKind, TimestampMode } from '../../shared/delivery-types';
import type { DeliveryPolicy } from '../../shared/providers';
import type { PreparedRequest } from '../delivery-request';
import type { MaybeRecordedResponse, RecordedResponse } from './recorded-response';
import type { Row } from './sqlite-values';

/** The sender's records (webhooks, deliveries, attempts; schema: migration 003) and their row mappers. */

export interface WebhookRecord {
  id: number;
  provider: string;
  url: string;
  secret: string;
  enabled: boolean;
  /** Provider time of the first and latest failure of the current failing streak. */
  failingSince: number | null;
  failingLast: number | null;
  disabledAt: number | null;
  disabledReason: string | null;
  createdAt: number;
  /** The provider-format subscription id its payloads carry (`wh_...`); null when the provider's payloads name none (migration 011). */
  subscriptionId: string | null;
}

export interface DeliveryRecord {
  id: number;
  webhookId: number;
  provider: string;
  eventType: string;
  eventId: string | null;
  url: string;
  policy: DeliveryPolicy;
  body: Buffer;
  /** 'paused' when paused_at is set on a pending delivery (migration 012). */
  status: DeliveryStatus;
  failureReason: string | null;
  createdAt: number;
  finishedAt: number | null;
  /** The signature form every attempt signs in; null: the provider's default. */
  signatureForm: string | null;
  timestamps: TimestampMode;
  pausedAt: number | null;
}

export type AttemptState = 'scheduled' | 'in_flight' | 'done' | 'cancelled';

export interface AttemptRecord extends MaybeRecordedResponse<ErrorKind> {
  id: number;
  deliveryId: number;
  n: number;
  /** Position in the retry ladder; null for a manual retry. */
  ladderIndex: number | null;
  trigger: AttemptTrigger;
  state: AttemptState;
  /** Provider time. */
  scheduledAt: number;
  /** Real time at which it is (or was) due. */
  dueAt: number;
  claimedBy: string | null;
  leaseUntil: number | null;
  sentAt: number | null;
  request: PreparedRequest | null;
  /** The timestamp it signed (unix seconds) and its signature header's value, stored at the claim. */
  signedTimestamp: number | null;
  signature: string | null;
  /** A waiting attempt one process sends itself until heldUntil (real ms); see migration 012. */
  heldBy: string | null;
  heldUntil: number | null;
}

export interface DeliveryListItem extends Omit<DeliveryRecord, 'body' | 'policy'> {
  bodySize: number;
  attemptCount: number;
  lastStatus: number | null;
  lastErrorKind: ErrorKind | null;
  /** The waiting attempt, if any: provider-time schedule and real due time. */
  nextScheduledAt: number | null;
  nextDueAt: number | null;
}

export interface DeliveryFilter {
  status?: DeliveryStatus;
  webhookId?: number;
  provider?: string;
  /** Only ids below this (paging, newest first). */
  beforeId?: number;
  limit?: number;
}

export interface NewDelivery {
  webhookId: number;
  provider: string;
  eventType: string;
  eventId: string | null;
  url: string;
  policy: DeliveryPolicy;
  body: Uint8Array;
  createdAt: number;
  signatureForm?: string | null;
  timestamps?: TimestampMode;
}

/** A hold on a new waiting attempt: only `by` arms it until `until` (real ms). */
export interface AttemptHold {
  by: string;
  until: number;
}

export interface NewAttempt {
  deliveryId: number;
  n: number;
  ladderIndex: number | null;
  trigger: AttemptTrigger;
  scheduledAt: number;
  dueAt: number;
  hold?: AttemptHold | null;
}

export interface AttemptOutcome extends RecordedResponse<ErrorKind> {
  /** The headers as finally sent (the claim stored the prepared ones); null keeps those. */
  requestHeaders: HeaderPair[] | null;
}

export function toWebhook(row: Row): WebhookRecord {
  return {
    id: row.id,
    provider: row.provider,
    url: row.url,
    secret: row.secret,
    enabled: row.enabled === 1,
    failingSince: row.failing_since,
    failingLast: row.failing_last,
    disabledAt: row.disabled_at,
    disabledReason: row.disabled_reason,
    createdAt: row.created_at,
    subscriptionId: row.subscription_id ?? null,
  };
}

export function toDeliveryBase(row: Row): Omit<DeliveryRecord, 'body' | 'policy'> {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    provider: row.provider,
    eventType: row.event_type,
    eventId: row.event_id,
    url: row.url,
    status: row.status === 'pending' && row.paused_at != null ? 'paused' : row.status,
    failureReason: row.failure_reason,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    signatureForm: row.signature_form ?? null,
    timestamps: row.timestamps === 'provider' ? 'provider' : 'real',
    pausedAt: row.paused_at ?? null,
  };
}

export function toAttempt(row: Row): AttemptRecord {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    n: row.n,
    ladderIndex: row.ladder_index,
    trigger: row.trigger,
    state: row.state,
    scheduledAt: row.scheduled_at,
    dueAt: row.due_at,
    claimedBy: row.claimed_by,
    leaseUntil: row.lease_until,
    sentAt: row.sent_at,
    request:
      row.request_method === null
        ? null
        : { method: row.request_method, headers: JSON.parse(row.request_headers), body: row.request_body },
    signedTimestamp: row.signed_timestamp ?? null,
    signature: row.signature ?? null,
    heldBy: row.held_by ?? null,
    heldUntil: row.held_until ?? null,
    status: row.response_status,
    responseHeaders: row.response_headers === null ? [] : JSON.parse(row.response_headers),
    responseBody: row.response_body,
    responseSize: row.response_size,
    durationMs: row.duration_ms,
    ok: row.ok === null ? null : row.ok === 1,
    errorKind: row.error_kind,
    errorMessage: row.error_message,
  };
}
