import { eventIdOf, type DeliveryAdapter } from './adapter';
import type { AttemptFn, AttemptResult, DeliveryPolicy, PreparedRequest, ProviderLimits } from './types';

/**
 * What every handler-check scenario works with, and the few ways it sends:
 * a request signed like the provider signs it (in a given form, at a given
 * time, as a given attempt), or one with the signature headers taken off.
 */
export interface ScenarioContext {
  url: string;
  providerId: string;
  eventType: string;
  /** A valid event body; scenarios derive fresh events from it with event(). */
  body: Uint8Array;
  secret: string;
  adapter: DeliveryAdapter;
  attempt: AttemptFn;
  policy: DeliveryPolicy;
  limits: ProviderLimits;
  now(): number;
  /** Waits `ms` of real time (the injected clock). */
  sleep(ms: number): Promise<void>;
  /**
   * The effects probe: any read of the handler's state that changes when an
   * event is processed (a count, a list of ids). The only way the check sees
   * what a handler did beyond its status.
   */
  observe?: () => Promise<string>;
  burstSize: number;
  /** The signature form this run signs in (undefined: the provider's default). */
  form?: string;
  /**
   * Another event of the same kind: new ids of the provider's own shapes (a
   * new device or visitor for providers without event ids), its own time,
   * `shiftMs` more in the past or future; optionally of another event type.
   */
  event(options?: { shiftMs?: number; eventType?: string }): Uint8Array;
}

/** A signed-timestamp replay this much older than now; providers allow 300 s. */
export const REPLAY_AGE_MS = 10 * 60 * 1000;
/** Prynt's documented ceiling, used as the reference size when a provider states none. */
export const REFERENCE_MAX_PAYLOAD = 256 * 1024;
/** An event type no provider sends (yet): what a handler meets when the provider adds one. */
export const UNKNOWN_EVENT_TYPE = 'hookscope.check_unknown';
const REJECTED = new Set([400, 401, 403]);
export const REJECT_TEXT = '401 or 403 (400 accepted)';
export const NO_PROBE =
  'the effect is not observable without an effects probe (--effects-url): answered as expected, but not judged';
export const PROBE_BLIND =
  'the effects probe did not change when the event was first processed, so a second processing cannot be seen';

export interface SendOptions {
  /** When the request is signed (a replay was signed in the past, a retry later). */
  signedAt?: number;
  secret?: string;
  /** Bytes sent instead of the signed ones (a tampered body). */
  sendBody?: Uint8Array;
  /** The attempt number the provider would give it (2: its first retry). */
  attempt?: number;
  eventType?: string;
}

export function prepare(ctx: ScenarioContext, body: Uint8Array, options: SendOptions = {}): PreparedRequest {
  const at = options.signedAt ?? ctx.now();
  return ctx.adapter.prepare({
    providerId: ctx.providerId,
    eventType: options.eventType ?? ctx.eventType,
    body,
    secret: options.secret ?? ctx.secret,
    eventId: eventIdOf(body),
    attempt: options.attempt ?? 1,
    providerNowMs: at,
    realNowMs: at,
    form: ctx.form,
    url: ctx.url,
  });
}

export function sendPrepared(ctx: ScenarioContext, request: PreparedRequest): Promise<AttemptResult> {
  return ctx.attempt(request.url ?? ctx.url, request, { timeoutMs: ctx.policy.timeoutMs, success: ctx.policy.success });
}

export function send(ctx: ScenarioContext, body: Uint8Array, options: SendOptions = {}): Promise<AttemptResult> {
  const request = prepare(ctx, body, options);
  return sendPrepared(ctx, options.sendBody ? { ...request, body: options.sendBody } : request);
}

/**
 * The headers that carry the signature: those whose value changes with the
 * secret (Prynt's timestamp header stays, as it is not the signature).
 */
/** Two secrets every scheme can sign with: text, hex (Adyen's key) and base64 (a whsec_ key) at once. */
const PROBE_SECRETS = ['a1b2c3d4e5f60718', 'b2c3d4e5f6071829'];

export function signatureHeaderNames(ctx: ScenarioContext, body: Uint8Array, at: number): Set<string> {
  const a = prepare(ctx, body, { signedAt: at, secret: PROBE_SECRETS[0] }).headers;
  const b = new Map(
    prepare(ctx, body, { signedAt: at, secret: PROBE_SECRETS[1] }).headers.map(([n, v]) => [n.toLowerCase(), v]),
  );
  return new Set(a.filter(([n, v]) => b.get(n.toLowerCase()) !== v).map(([n]) => n.toLowerCase()));
}

/** Whether the provider (in this form) signs a timestamp: a request signed at another second has other headers. */
export function signsTime(ctx: ScenarioContext, body: Uint8Array, at: number): boolean {
  const headersAt = (t: number) => JSON.stringify(prepare(ctx, body, { signedAt: t }).headers);
  return headersAt(at) !== headersAt(at - REPLAY_AGE_MS);
}

export function answer(r: AttemptResult): string {
  if (r.status !== null) return String(r.status);
  return `${r.errorKind}${r.errorMessage ? ` (${r.errorMessage})` : ''}`;
}

export const okText = (policy: DeliveryPolicy): string =>
  policy.success === 'exactly-200' ? '200 (this provider retries any other status)' : '2xx';
export const rejected = (r: AttemptResult): boolean => r.status !== null && REJECTED.has(r.status);

/**
 * The probe's reading once the handler is done with what it was sent: it
 * waits (up to `budgetMs`) for a change from `before`, as a handler past the
 * provider's timeout may still be at work. Resolves with the last reading.
 */
export async function settledReading(
  ctx: ScenarioContext,
  before: string | undefined,
  budgetMs: number,
): Promise<string | undefined> {
  if (!ctx.observe) return undefined;
  const deadline = ctx.now() + budgetMs;
  let reading = await ctx.observe();
  while (reading === before && ctx.now() < deadline) {
    await ctx.sleep(50);
    reading = await ctx.observe();
  }
  return reading;
}
