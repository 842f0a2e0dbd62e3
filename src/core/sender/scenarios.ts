import type { CheckRow, ScenarioId } from '../../shared/delivery-types';
import { padTo, tamper, wrongSecret } from './event-variants';
import { duplicate, retry, slowHandler, unknownEvent } from './repeat-scenarios';
import { handshakeScenario } from './handshake-scenario';
import {
  answer,
  okText,
  prepare,
  REFERENCE_MAX_PAYLOAD,
  REJECT_TEXT,
  rejected,
  REPLAY_AGE_MS,
  send,
  sendPrepared,
  signatureHeaderNames,
  signsTime,
  type ScenarioContext,
} from './scenario-context';

/**
 * The handler check's scenarios: what a provider (or an attacker) will do to
 * a handler, each sent for real and judged by the answers. Idempotency is an
 * effect inside the handler; it is judged only through an effects probe
 * (repeat-scenarios.ts), and without one such rows say they are not judged.
 */

export type { CheckRow, ScenarioId, ScenarioContext };
export { REPLAY_AGE_MS, REFERENCE_MAX_PAYLOAD };

async function valid(ctx: ScenarioContext): Promise<CheckRow> {
  const r = await send(ctx, ctx.event());
  return {
    scenario: 'valid',
    title: 'A valid, freshly signed event',
    expected: okText(ctx.policy),
    actual: answer(r),
    pass: r.ok,
  };
}

async function outOfOrder(ctx: ScenarioContext): Promise<CheckRow> {
  const newer = ctx.event();
  const older = ctx.event({ shiftMs: -60_000 });
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
  const events = Array.from({ length: ctx.burstSize }, () => ctx.event());
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
  const event = ctx.event();
  const now = ctx.now();
  if (!signsTime(ctx, event, now)) {
    return {
      scenario: 'replay-attack',
      title,
      expected: 'not applicable',
      actual: 'not sent',
      pass: null,
      note: `${ctx.providerId}${ctx.form ? ` (${ctx.form} form)` : ''} signs no timestamp: a captured request replays byte for byte and only deduplication stops it (see duplicate)`,
    };
  }
  const r = await send(ctx, event, { signedAt: now - REPLAY_AGE_MS });
  return { scenario: 'replay-attack', title, expected: REJECT_TEXT, actual: answer(r), pass: rejected(r) };
}

async function tampered(ctx: ScenarioContext): Promise<CheckRow> {
  const signed = ctx.event();
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
  const r = await send(ctx, ctx.event(), { secret: wrongSecret(ctx.secret) });
  return {
    scenario: 'wrong-secret',
    title: 'Signed with another secret',
    expected: REJECT_TEXT,
    actual: answer(r),
    pass: rejected(r),
  };
}

/** No signature header at all: a handler that verifies "when the header is present" lets anyone post. */
async function unsigned(ctx: ScenarioContext): Promise<CheckRow> {
  const event = ctx.event();
  const at = ctx.now();
  const names = signatureHeaderNames(ctx, event, at);
  const request = prepare(ctx, event, { signedAt: at });
  const r = await sendPrepared(ctx, {
    ...request,
    // The event's own bytes: a signature written inside the body (Adyen's hmacSignature) is left out too.
    body: event,
    headers: request.headers.filter(([name]) => !names.has(name.toLowerCase())),
  });
  return {
    scenario: 'unsigned',
    title: `A request with no signature header at all${names.size ? ` (${[...names].join(', ')} left out)` : ''}`,
    expected: REJECT_TEXT,
    actual: answer(r),
    pass: rejected(r),
    note: r.ok
      ? 'the handler accepts unsigned requests: anyone who knows the URL can post events; require the signature header'
      : undefined,
  };
}

async function maxSize(ctx: ScenarioContext): Promise<CheckRow> {
  const limit = ctx.limits.maxPayloadBytes;
  const title = 'An event of exactly the largest documented size';
  if (limit === undefined) {
    return {
      scenario: 'max-size',
      title,
      expected: 'not applicable',
      actual: 'not sent',
      pass: null,
      note: `${ctx.providerId} states no payload limit`,
    };
  }
  const r = await send(ctx, padTo(ctx.event(), limit));
  return {
    scenario: 'max-size',
    title: `${title} (${limit} bytes)`,
    expected: okText(ctx.policy),
    actual: answer(r),
    pass: r.ok,
    note: r.status === 413 ? 'the handler refuses bodies the provider may send: raise its body-size limit' : undefined,
  };
}

async function oversized(ctx: ScenarioContext): Promise<CheckRow> {
  const limit = ctx.limits.maxPayloadBytes ?? REFERENCE_MAX_PAYLOAD;
  const size = limit * 2;
  const r = await send(ctx, padTo(ctx.event(), size));
  return {
    scenario: 'oversized',
    title: `An event of ${size} bytes, twice the ${ctx.limits.maxPayloadBytes === undefined ? "reference (Prynt's)" : 'documented'} limit`,
    expected: `a clean answer: ${okText(ctx.policy)} or 413; not a 5xx, a reset or a timeout`,
    actual: answer(r),
    pass: r.ok || r.status === 413,
  };
}

/** `handshake` runs first, as a provider sends it before any event, and only for a provider that has one. */
export const SCENARIOS: Record<ScenarioId, (ctx: ScenarioContext) => Promise<CheckRow>> = {
  handshake: handshakeScenario,
  valid,
  duplicate,
  retry,
  'slow-handler': slowHandler,
  'unknown-event': unknownEvent,
  'out-of-order': outOfOrder,
  burst,
  'replay-attack': replay,
  'tampered-body': tampered,
  'wrong-secret': badSecret,
  unsigned,
  'max-size': maxSize,
  oversized,
};

export const SCENARIO_IDS = Object.keys(SCENARIOS) as ScenarioId[];

/** The scenarios about the signature: run once per signature form of a provider that has several. */
export const SIGNATURE_SCENARIOS: ScenarioId[] = [
  'valid',
  'replay-attack',
  'tampered-body',
  'wrong-secret',
  'unsigned',
];
