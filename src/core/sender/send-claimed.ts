import type { AttemptOutcome } from '../store/deliveries';
import { judgeHandshakeAnswer } from '../providers/handshake-answer';
import type { ExpectedAnswer } from '../providers/handshake';
import type { Claim } from './claim';
import { describeError } from './classify';
import { failure } from './settle';
import type { AttemptFn, AttemptResult, SenderEvent } from './types';

export interface SendContext {
  attempt: AttemptFn;
  /** Attempts on the wire, by attempt id: stop() aborts them. */
  inFlight: Map<number, AbortController>;
  emit(event: SenderEvent): void;
}

/**
 * Sends one claimed attempt: announces it, makes the request under the
 * delivery's timeout and success rule, and returns its outcome, a thrown
 * error becoming a 'network' failure (nothing is recorded here: the engine
 * settles the outcome).
 */
export async function sendClaimed(
  ctx: SendContext,
  claimed: Extract<Claim, { kind: 'claimed' }>,
): Promise<AttemptOutcome> {
  const { attempt, delivery, request, now } = claimed;
  ctx.emit({
    type: 'attempt-started',
    deliveryId: delivery.id,
    n: attempt.n,
    scheduledAt: new Date(attempt.scheduledAt).toISOString(),
    sentAt: new Date(now).toISOString(),
  });
  const controller = new AbortController();
  ctx.inFlight.set(attempt.id, controller);
  let result: AttemptResult | null = null;
  let thrown: unknown = null;
  try {
    result = await ctx.attempt(request.url ?? delivery.url, request, {
      timeoutMs: delivery.policy.timeoutMs,
      success: delivery.policy.success,
      signal: controller.signal,
    });
  } catch (error) {
    thrown = error;
  } finally {
    ctx.inFlight.delete(attempt.id);
  }
  if (!result) return failure('network', `the attempt failed: ${describeError(thrown)}`, null);
  const outcome = { ...result, requestHeaders: result.request.headers };
  return request.handshake ? judged(outcome, request.handshake) : outcome;
}

/** A handshake's answer is right only when it holds what the provider expects; a wrong one says exactly what. */
export function judged<T extends AttemptResult>(result: T, expect: ExpectedAnswer): T {
  if (result.status === null) return result;
  const verdict = judgeHandshakeAnswer(expect, {
    status: result.status,
    headers: result.responseHeaders,
    body: result.responseBody,
  });
  if (verdict.ok) return result;
  // Any answer that is not the right one, a wrong status included, is a handshake failure: the message says which part.
  return { ...result, ok: false, errorKind: 'handshake', errorMessage: verdict.problem };
}
