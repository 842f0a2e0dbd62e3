import { eventIdOf, type DeliveryAdapter } from './adapter';
import { eventVariant, padTo, tamper, wrongSecret } from './event-variants';
import type { AttemptFn, AttemptResult, DeliveryPolicy, ProviderLimits } from './types';
import type { CheckRow, ScenarioId } from '../../shared/delivery-types';

/**
 * The handler check's scenarios: what a provider (or an attacker) will do to
 * a handler, each sent for real and judged by the answers. Idempotency and
 * ordering are effects inside the handler; they can be judged only through an
 * effects probe (`observe`: any read of the handler's state that changes when
 * an event is processed). Without one they are judged by status alone, and
 * the row says so.
 */

export type { CheckRow, ScenarioId };

export interface ScenarioContext {
  url: string;
  providerId: string;
  eventType: string;
  /** A valid event body; scenarios derive fresh events from it. */
  body: Uint8Array;
  secret: string;
  adapter: DeliveryAdapter;
  attempt: AttemptFn;
  policy: DeliveryPolicy;
  limits: ProviderLimits;
  now(): number;
  observe?: () => Promise<string>;
  burstSize: number;
  /** A fresh tag for each derived event, so no scenario looks like a duplicate of another. */
  tag(): string;
}

/** A signed-timestamp replay this much older than now; providers allow 300 s. */
export const REPLAY_AGE_MS = 10 * 60 * 1000;
/** Prynt's documented ceiling, used as the reference size when a provider states none. */
export const REFERENCE_MAX_PAYLOAD = 256 * 1024;
const REJECTED = new Set([400, 401, 403]);
const REJECT_TEXT = '401 or 403 (400 accepted)';

interface SendOptions {
  /** When the request was signed (both provider and real time: a replay was signed in the past). */
  signedAt?: number;
  secret?: string;
  /** Bytes sent instead of the signed ones (a tampered body). */
  sendBody?: Uint8Array;
}

function prepare(ctx: ScenarioContext, body: Uint8Array, signedAt: number, secret = ctx.secret) {
  return ctx.adapter.prepare({
    providerId: ctx.providerId,
    eventType: ctx.eventType,
    body,
    secret,
    eventId: eventIdOf(body),
    attempt: 1,
    providerNowMs: signedAt,
    realNowMs: signedAt,
  });
}

function send(ctx: ScenarioContext, body: Uint8Array, options: SendOptions = {}): Promise<AttemptResult> {
  const request = prepare(ctx, body, options.signedAt ?? ctx.now(), options.secret);
  const sent = options.sendBody ? { ...request, body: options.sendBody } : request;
  return ctx.attempt(ctx.url, sent, { timeoutMs: ctx.policy.timeoutMs, success: ctx.policy.success });
}

function answer(r: AttemptResult): string {
  if (r.status !== null) return String(r.status);
  return `${r.errorKind}${r.errorMessage ? ` (${r.errorMessage})` : ''}`;
}

const okText = (policy: DeliveryPolicy): string => (policy.success === 'exactly-200' ? '200 (this provider retries any other status)' : '2xx');
const rejected = (r: AttemptResult): boolean => r.status !== null && REJECTED.has(r.status);
const NO_PROBE = 'judged by status only: pass an effects probe to see what the handler did';

async function valid(ctx: ScenarioContext): Promise<CheckRow> {
  const r = await send(ctx, eventVariant(ctx.body, ctx.tag()));
  return { scenario: 'valid', title: 'A valid, freshly signed event', expected: okText(ctx.policy), actual: answer(r), pass: r.ok };
}

async function duplicate(ctx: ScenarioContext): Promise<CheckRow> {
  const row = {
    scenario: 'duplicate' as const,
    title: 'The same event delivered twice (a retry: same body and id, new signature)',
    expected: `${okText(ctx.policy)} both times, and the second has no effect`,
  };
  const event = eventVariant(ctx.body, ctx.tag());
  const before = await ctx.observe?.();
  const first = await send(ctx, event);
  const afterFirst = await ctx.observe?.();
  const second = await send(ctx, event);
  const afterSecond = await ctx.observe?.();
  const statuses = `${answer(first)}, then ${answer(second)}`;
  const bothOk = first.ok && second.ok;
  if (!ctx.observe) return { ...row, actual: statuses, pass: bothOk, note: NO_PROBE };
  if (afterFirst === before) {
    return { ...row, actual: `${statuses}; the probe did not change after the first delivery`, pass: bothOk ? null : false, note: 'the effects probe shows nothing for this event, so idempotency cannot be judged' };
  }
  const same = afterSecond === afterFirst;
  return { ...row, actual: `${statuses}; effects ${same ? 'unchanged' : 'changed again'} by the second`, pass: bothOk && same };
}

async function outOfOrder(ctx: ScenarioContext): Promise<CheckRow> {
  const newer = eventVariant(ctx.body, ctx.tag());
  const older = eventVariant(ctx.body, ctx.tag(), -60_000);
  const a = await send(ctx, newer);
  const b = await send(ctx, older);
  return {
    scenario: 'out-of-order',
    title: 'An older event arrives after a newer one',
    expected: `${okText(ctx.policy)} for both (a refused late event is retried by the provider)`,
    actual: `newer: ${answer(a)}, older: ${answer(b)}`,
    pass: a.ok && b.ok,
    note: 'whether the older event overwrote newer state is not judged',
  };
}

async function burst(ctx: ScenarioContext): Promise<CheckRow> {
  const events = Array.from({ length: ctx.burstSize }, () => eventVariant(ctx.body, ctx.tag()));
  const results = await Promise.all(events.map((e) => send(ctx, e)));
  const ok = results.filter((r) => r.ok).length;
  const failures = [...new Set(results.filter((r) => !r.ok).map(answer))];
  const slowest = Math.max(...results.map((r) => r.durationMs));
  return {
    scenario: 'burst',
    title: `${ctx.burstSize} different events at once`,
    expected: `${okText(ctx.policy)} for all ${ctx.burstSize}, each within ${ctx.policy.timeoutMs} ms`,
    actual: `${ok}/${results.length} delivered, slowest ${slowest} ms${failures.length ? `; failures: ${failures.join(', ')}` : ''}`,
    pass: ok === results.length,
  };
}

async function replay(ctx: ScenarioContext): Promise<CheckRow> {
  const title = `A valid signature with a timestamp ${REPLAY_AGE_MS / 60_000} minutes old (a replayed request)`;
  const event = eventVariant(ctx.body, ctx.tag());
  const now = ctx.now();
  const headersAt = (at: number) => JSON.stringify(prepare(ctx, event, at).headers);
  const signsTime = headersAt(now) !== headersAt(now - REPLAY_AGE_MS);
  if (!signsTime) {
    return {
      scenario: 'replay-attack',
      title,
      expected: 'not applicable',
      actual: 'not sent',
      pass: null,
      note: `${ctx.providerId} signs no timestamp: a captured request replays byte for byte and only deduplication stops it (see duplicate)`,
    };
  }
  const r = await send(ctx, event, { signedAt: now - REPLAY_AGE_MS });
  return { scenario: 'replay-attack', title, expected: REJECT_TEXT, actual: answer(r), pass: rejected(r) };
}

async function tampered(ctx: ScenarioContext): Promise<CheckRow> {
  const signed = eventVariant(ctx.body, ctx.tag());
  const r = await send(ctx, signed, { sendBody: tamper(signed) });
  return {
    scenario: 'tampered-body',
    title: 'The body changed after signing',
    expected: REJECT_TEXT,
    actual: answer(r),
    pass: rejected(r),
  };
}

async function badSecret(ctx: ScenarioContext): Promise<CheckRow> {
  const r = await send(ctx, eventVariant(ctx.body, ctx.tag()), { secret: wrongSecret(ctx.secret) });
  return { scenario: 'wrong-secret', title: 'Signed with another secret', expected: REJECT_TEXT, actual: answer(r), pass: rejected(r) };
}

async function maxSize(ctx: ScenarioContext): Promise<CheckRow> {
  const limit = ctx.limits.maxPayloadBytes;
  const title = 'An event of exactly the largest documented size';
  if (limit === undefined) {
    return { scenario: 'max-size', title, expected: 'not applicable', actual: 'not sent', pass: null, note: `${ctx.providerId} states no payload limit` };
  }
  const r = await send(ctx, padTo(eventVariant(ctx.body, ctx.tag()), limit));
  return { scenario: 'max-size', title: `${title} (${limit} bytes)`, expected: okText(ctx.policy), actual: answer(r), pass: r.ok, note: r.status === 413 ? 'the handler refuses bodies the provider may send: raise its body-size limit' : undefined };
}

async function oversized(ctx: ScenarioContext): Promise<CheckRow> {
  const limit = ctx.limits.maxPayloadBytes ?? REFERENCE_MAX_PAYLOAD;
  const size = limit * 2;
  const r = await send(ctx, padTo(eventVariant(ctx.body, ctx.tag()), size));
  return {
    scenario: 'oversized',
    title: `An event of ${size} bytes, twice the ${ctx.limits.maxPayloadBytes === undefined ? "reference (Prynt's)" : 'documented'} limit`,
    expected: `a clean answer: ${okText(ctx.policy)} or 413; not a 5xx, a reset or a timeout`,
    actual: answer(r),
    pass: r.ok || r.status === 413,
  };
}

export const SCENARIOS: Record<ScenarioId, (ctx: ScenarioContext) => Promise<CheckRow>> = {
  valid,
  duplicate,
  'out-of-order': outOfOrder,
  burst,
  'replay-attack': replay,
  'tampered-body': tampered,
  'wrong-secret': badSecret,
  'max-size': maxSize,
  oversized,
};

export const SCENARIO_IDS = Object.keys(SCENARIOS) as ScenarioId[];
