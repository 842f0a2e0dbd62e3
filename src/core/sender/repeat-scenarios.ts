import type { CheckRow } from '../../shared/delivery-types';
import {
  answer,
  NO_PROBE,
  okText,
  prepare,
  PROBE_BLIND,
  send,
  sendPrepared,
  settledReading,
  signsTime,
  UNKNOWN_EVENT_TYPE,
  type ScenarioContext,
} from './scenario-context';

/**
 * The scenarios where one event reaches a handler more than once, and the
 * event it should ignore. "Processed" is what the effects probe shows: a
 * second delivery must leave its reading as the first left it. Without a
 * probe only the answers are seen, so a row that passes on status is left
 * not judged (pass: null), never reported as a pass.
 */

/** The longest the slow-handler scenario waits for a timed-out event's effect before sending the retry. */
const MAX_SETTLE_MS = 60_000;

/** The verdict on a repeat: both answers right, and (with a probe) no second effect. */
function judgeRepeat(
  ctx: ScenarioContext,
  okBoth: boolean,
  readings: { before?: string; afterFirst?: string; afterSecond?: string },
): { pass: boolean | null; effect: string; note?: string } {
  if (!okBoth) return { pass: false, effect: '' };
  if (!ctx.observe) return { pass: null, effect: '', note: NO_PROBE };
  if (readings.afterFirst === readings.before)
    return { pass: null, effect: '; the probe did not change after the first delivery', note: PROBE_BLIND };
  const same = readings.afterSecond === readings.afterFirst;
  return { pass: same, effect: `; effects ${same ? 'unchanged' : 'changed again'} by the second` };
}

/** The identical request twice: the same bytes, headers and signature (a network-level redelivery, or a retry of a provider that signs no timestamp). */
export async function duplicate(ctx: ScenarioContext): Promise<CheckRow> {
  const request = prepare(ctx, ctx.event());
  const before = await ctx.observe?.();
  const first = await sendPrepared(ctx, request);
  const afterFirst = await ctx.observe?.();
  const second = await sendPrepared(ctx, request);
  const afterSecond = await ctx.observe?.();
  const verdict = judgeRepeat(ctx, first.ok && second.ok, { before, afterFirst, afterSecond });
  return {
    scenario: 'duplicate',
    title: 'The identical request delivered twice (same bytes, same signature)',
    expected: `${okText(ctx.policy)} both times, and the second has no effect`,
    actual: `${answer(first)}, then ${answer(second)}${verdict.effect}`,
    pass: verdict.pass,
    note: verdict.note,
  };
}

/** The provider's own retry: after the first was acknowledged, the same body and event id, signed afresh at a later second. */
export async function retry(ctx: ScenarioContext): Promise<CheckRow> {
  const event = ctx.event();
  const firstAt = ctx.now();
  const before = await ctx.observe?.();
  const first = await send(ctx, event, { signedAt: firstAt });
  const afterFirst = await ctx.observe?.();
  // A later second: a retry never carries the first attempt's timestamp.
  const retryAt = Math.max(ctx.now(), firstAt + 1000);
  const second = await send(ctx, event, { signedAt: retryAt, attempt: 2 });
  const afterSecond = await ctx.observe?.();
  const verdict = judgeRepeat(ctx, first.ok && second.ok, { before, afterFirst, afterSecond });
  const fresh = signsTime(ctx, event, firstAt);
  return {
    scenario: 'retry',
    title: fresh
      ? "The provider's retry: same body and event id, new timestamp and signature, after the first was acknowledged"
      : "The provider's retry: the same bytes again (this scheme signs no timestamp), after the first was acknowledged",
    expected: `${okText(ctx.policy)} both times, and the retry is not processed again`,
    actual: `${answer(first)}, then ${answer(second)}${verdict.effect}`,
    pass: verdict.pass,
    note:
      verdict.note ??
      (fresh && verdict.pass === false
        ? 'deduplicate by the event id (or the body), never by the signature: a retry is signed anew'
        : undefined),
  };
}

/** An answer later than the provider's timeout: the provider gives up on it and retries the same event. */
export async function slowHandler(ctx: ScenarioContext): Promise<CheckRow> {
  const timeout = ctx.policy.timeoutMs;
  const row = {
    scenario: 'slow-handler' as const,
    title: `An event the handler answers after the provider's ${timeout} ms timeout, and the retry that follows`,
    expected: `${okText(ctx.policy)} within ${timeout} ms; an answer later than that is retried by the provider, and that retry must not be processed again`,
  };
  const event = ctx.event();
  const firstAt = ctx.now();
  const before = await ctx.observe?.();
  const first = await send(ctx, event, { signedAt: firstAt });
  if (first.errorKind !== 'timeout') {
    return { ...row, actual: `${answer(first)} in ${first.durationMs} ms`, pass: first.ok };
  }
  // The handler may still be at work after the provider hung up. The provider's retry comes after its first
  // ladder delay (capped here at a minute): until then, let the first effect land.
  const afterFirst = await settledReading(
    ctx,
    before,
    Math.max(timeout, Math.min(ctx.policy.retryDelaysMs[0] ?? timeout, MAX_SETTLE_MS)),
  );
  const second = await send(ctx, event, { signedAt: Math.max(ctx.now(), firstAt + 1000), attempt: 2 });
  const afterSecond = await ctx.observe?.();
  const statuses = `no answer within ${timeout} ms; the retry: ${second.errorKind === 'timeout' ? `no answer within ${timeout} ms either` : answer(second)}`;
  if (second.errorKind === 'timeout') {
    return {
      ...row,
      actual: statuses,
      pass: false,
      note: 'every attempt times out: the provider retries the whole ladder, then marks the delivery failed; answer first, work after',
    };
  }
  const verdict = judgeRepeat(ctx, second.ok, { before, afterFirst, afterSecond });
  return { ...row, actual: `${statuses}${verdict.effect}`, pass: verdict.pass, note: verdict.note };
}

/** An event type the handler does not know: providers add types, and an error answer is retried (Prynt disables the webhook after 24 h of them). */
export async function unknownEvent(ctx: ScenarioContext): Promise<CheckRow> {
  const body = ctx.event({ eventType: UNKNOWN_EVENT_TYPE });
  const before = await ctx.observe?.();
  const r = await send(ctx, body, { eventType: UNKNOWN_EVENT_TYPE });
  const after = await ctx.observe?.();
  const row = {
    scenario: 'unknown-event' as const,
    title: `An event of a type the provider may add later (${UNKNOWN_EVENT_TYPE})`,
    expected: `${okText(ctx.policy)} (acknowledged and ignored: any other answer is retried), and no effect`,
  };
  if (!ctx.observe)
    return {
      ...row,
      actual: answer(r),
      pass: r.ok,
      note: r.ok ? 'judged by status: pass an effects probe to see whether it was ignored' : undefined,
    };
  const changed = after !== before;
  return { ...row, actual: `${answer(r)}; effects ${changed ? 'changed' : 'unchanged'}`, pass: r.ok && !changed };
}
