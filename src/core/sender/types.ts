/**
 * The delivery engine's vocabulary. Plain data with no platform imports, so
 * the API contract in src/shared can re-export or copy these shapes. The
 * policy itself is the provider model's (src/shared/providers.ts).
 */

import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { HeaderPair } from '../../shared/capture-types';
import type { DeliveryPolicy, ProviderLimits } from '../../shared/providers';
import type {
  AttemptSummary,
  AttemptTrigger,
  DeliveryResult,
  DeliveryStatus,
  ErrorKind,
  SenderEvent,
  TimestampMode,
} from '../../shared/delivery-types';

export type { HeaderPair, DeliveryPolicy, ProviderLimits };

export type { AttemptSummary, AttemptTrigger, DeliveryResult, DeliveryStatus, ErrorKind, SenderEvent, TimestampMode };

/** What a provider counts as a delivered webhook (FingerprintIQ: only 200). */
export type SuccessRule = DeliveryPolicy['success'];

import type { PreparedRequest } from '../delivery-request';

export type { PreparedRequest, SignedRequest } from '../delivery-request';

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
  /**
   * Connections kept open between attempts (forwarding in front of a handler).
   * Absent: each attempt opens a fresh connection and closes it, as a
   * provider's delivery does (the sender and replays).
   */
  keepAlive?: KeepAliveAgents;
}

/** node:http and node:https agents with keepAlive: the connections an attempt may reuse. */
export interface KeepAliveAgents {
  http: HttpAgent;
  https: HttpsAgent;
}

/** The injected HTTP attempt (real: performAttempt in attempt.ts). Never rejects for network faults. */
export type AttemptFn = (url: string, request: PreparedRequest, options: AttemptOptions) => Promise<AttemptResult>;

export type SenderListener = (event: SenderEvent) => void;
