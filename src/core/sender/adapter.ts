import type { DeliveryPolicy, ProviderLimits, SignedRequest, TimestampMode } from './types';
import type { ErrorKind } from '../../shared/delivery-types';

/** A provider's handshake as the sender plays it: not retried, answered within its own timeout. */
export interface HandshakeInfo {
  eventType: string;
  timeoutMs?: number;
  afterFailure: string;
}

/** What one attempt's request is built from. */
export interface PrepareInput {
  providerId: string;
  eventType: string;
  /** The delivery's body, fixed at send time: every attempt carries these bytes. */
  body: Uint8Array;
  secret: string;
  eventId: string | null;
  /** 1-based attempt number. */
  attempt: number;
  /** How the attempt before this one failed (its error kind; null for a non-2xx answer); absent on a first attempt. */
  previousError?: ErrorKind | null;
  /** Provider time of this attempt (its ladder schedule). */
  providerNowMs: number;
  /** The injected clock's time at sending. */
  realNowMs: number;
  /** The delivery's signature form (null or absent: the provider's default). */
  form?: string | null;
  /** Which of the two times goes into the signature (absent: the adapter's own default, 'real'). */
  timestamps?: TimestampMode;
  /** The URL the request goes to, for the signature forms that sign it. */
  url?: string;
}

/**
 * Everything the engine needs from a provider, injected so the engine and its
 * tests stand apart from the provider registry (provider-glue.ts adapts it).
 */
export interface DeliveryAdapter {
  /** The provider's default delivery policy; throws PROVIDER_UNKNOWN. */
  policy(providerId: string): DeliveryPolicy;
  /** HTTPS requirement and payload ceiling (Prynt: 256 KB), for warnings and the oversized scenario. */
  limits(providerId: string): ProviderLimits;
  /**
   * The body of a new event, made at `nowMs` (a sample's time fields are that
   * instant, and name `sample.subscriptionId` where the provider's payloads
   * carry one; `sample.seed` picks its content); its bytes (and so its event
   * id) then stay fixed for every attempt.
   */
  createBody(
    providerId: string,
    eventType: string,
    payload: unknown,
    nowMs: number,
    sample?: { subscriptionId?: string | null; seed?: number },
  ): { body: Uint8Array; eventId: string | null };
  /**
   * The webhook subscription id for a new webhook of this provider, in its
   * format (`wh_...`), or null when its payloads name none; with `requested`,
   * that id checked against the format (BAD_INPUT). Absent: no provider has one.
   */
  subscriptionId?(providerId: string, requested?: string): string | null;
  /** One attempt's request: the fixed body, signed afresh (Prynt signs a new timestamp per retry), with what it signed. */
  prepare(input: PrepareInput): SignedRequest;
  /** Which time a delivery signs when its sender is not told (default 'real'). */
  timestamps?: TimestampMode;
  /** Throws SIGNATURE_SCHEME_UNKNOWN when the provider has no such form (checked at send, before anything is stored). */
  assertForm?(providerId: string, form: string): void;
  /** The tolerance window (seconds) a handler of this form checks, if the provider documents one. */
  toleranceSeconds?(providerId: string, form?: string): number | undefined;
  /** The provider's signature forms, the default first (absent: one form). */
  forms?(providerId: string): string[];
  /** Body paths of the ids that tell one event from another (event, visitor, device ids); absent: the envelope's common id fields. */
  idFields?(providerId: string): string[];
  /** Body paths where the event names its type (Coinbase `event.type`, LINE `events[0].type`); absent: the common top-level fields. */
  typeFields?(providerId: string): string[];
  /** Event types written in two body fields, `<path>.<actionPath>` (GoCardless `events[0].resource_type` + `action`); absent: none. */
  typePairs?(providerId: string): { path: string; actionPath: string }[];
  /**
   * The provider's handshakes (events the handler must answer in a set way)
   * and its first event that is not one; absent: no provider has handshakes.
   */
  handshakes?(providerId: string): { handshakes: HandshakeInfo[]; firstRegularEvent: string };
  /** The URL a handshake of this delivery body goes to: the handler's, plus its query (Dropbox's ?challenge=). */
  handshakeUrl?(providerId: string, eventType: string, url: string, body: Uint8Array): string;
  /** What in a JSON event breaks the provider's own rules (id patterns, time rules); absent: nothing is checked. */
  problems?(providerId: string, eventType: string, event: unknown): string[];
}

const ID_FIELDS = ['eventId', 'event_id', 'id', 'webhookEventId'];

/** The event id of a JSON envelope (Prynt `eventId`, LMIF `id`...), or null when it has none. */
export function eventIdOf(body: Uint8Array): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'));
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const record = parsed as Record<string, unknown>;
  for (const field of ID_FIELDS) {
    const value = record[field];
    if (typeof value === 'string' && value) return value;
  }
  return null;
}
