/**
 * The delivery engine's vocabulary. Plain data with no platform imports, so
 * the API contract in src/shared can re-export or copy these shapes. The
 * policy itself is the provider model's (src/shared/providers.ts).
 */

import type { HeaderPair } from '../../shared/capture-types';
import type { DeliveryPolicy, ProviderLimits } from '../../shared/providers';

export type { HeaderPair, DeliveryPolicy, ProviderLimits };

/** What a provider counts as a delivered webhook (FingerprintIQ: only 200). */
export type SuccessRule = DeliveryPolicy['success'];

/** One request, exactly as it goes on the wire. */
export interface PreparedRequest {
  method: string;
  headers: HeaderPair[];
  body: Uint8Array;
}

/**
 * How a failed attempt failed. The first six are PROVIDERS.md's failure kinds;
 * 'network' is any other socket error (host unreachable...), 'interrupted' an
 * attempt cut short by stop() or a crash, whose outcome is unknown.
 */
export type ErrorKind =
  | 'status'
  | 'timeout'
  | 'connection-refused'
  | 'connection-reset'
  | 'dns'
  | 'tls'
  | 'network'
  | 'interrupted';

/** The outcome of one HTTP exchange. */
export interface AttemptResult {
  ok: boolean;
  /** The request as sent, with the Host, Content-Length and Connection headers added by the sender. */
  request: PreparedRequest;
  status: number | null;
  responseHeaders: HeaderPair[];
  /** The first 64 KiB of the response body. */
  responseBody: Uint8Array;
  /** Bytes of response body received (may exceed responseBody.length). */
  responseSize: number;
  /** Real milliseconds from the start of the request to the full response or the failure. */
  durationMs: number;
  errorKind: ErrorKind | null;
  /** The low-level reason (an errno code and message), null on a plain answer. */
  errorMessage: string | null;
}

export interface AttemptOptions {
  timeoutMs: number;
  success: SuccessRule;
  /** Aborting it ends the attempt as 'interrupted'. */
  signal?: AbortSignal;
}

/** The injected HTTP attempt (real: performAttempt in attempt.ts). Never rejects for network faults. */
export type AttemptFn = (url: string, request: PreparedRequest, options: AttemptOptions) => Promise<AttemptResult>;

/** How a scheduled attempt came to be sent. */
export type AttemptTrigger = 'ladder' | 'now' | 'manual';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** An attempt as the CLI prints it (ISO strings; scheduledAt is provider time). */
export interface AttemptSummary {
  n: number;
  trigger: AttemptTrigger;
  scheduledAt: string;
  sentAt: string | null;
  durationMs: number | null;
  status: number | null;
  errorKind: ErrorKind | null;
}

/** What `hookscope send` prints at the end. */
export interface DeliveryResult {
  deliveryId: number;
  webhookId: number;
  provider: string;
  eventType: string;
  eventId: string | null;
  target: string;
  status: DeliveryStatus;
  /** Why a failed delivery stopped: 'exhausted', 'webhook-disabled', or a preparation error. */
  failureReason: string | null;
  attempts: AttemptSummary[];
}

export type SenderEvent =
  | { type: 'attempt-started'; deliveryId: number; n: number; scheduledAt: string; sentAt: string }
  | {
      type: 'attempt-finished';
      deliveryId: number;
      attempt: AttemptSummary;
      /** The next ladder attempt, if one was scheduled: provider time and real due time. */
      next: { n: number; scheduledAt: string; dueAt: string } | null;
    }
  | { type: 'delivery-finished'; result: DeliveryResult }
  | { type: 'webhook-disabled'; webhookId: number; url: string; failingForMs: number }
  /** A fault inside the engine itself (the database went away...), never a handler's failure. */
  | { type: 'engine-error'; error: { code: string; message: string } };

export type SenderListener = (event: SenderEvent) => void;
