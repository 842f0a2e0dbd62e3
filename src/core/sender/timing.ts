import { HookscopeError } from '../../shared/errors';
import type { DeliveryPolicy } from './types';

/**
 * Retry timing apart from the retry loop. Two timelines:
 * - provider time: what the provider's own clock would read, real time sped
 *   up since the engine started. A delivery's first attempt is at the
 *   provider time of the send; each next attempt is
 *   scheduled `delay` after the end of the previous failed one, where the
 *   end is its scheduled time plus its real duration (response timeouts are
 *   never sped up).
 * - real time (the injected clock): the wait is `delay / speed`, counted
 *   from the moment the failure was recorded.
 */

export function assertSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed <= 0) {
    throw new HookscopeError('BAD_INPUT', `speed must be a positive number (got ${speed})`, { speed });
  }
  return speed;
}

export function assertPolicy(policy: DeliveryPolicy): DeliveryPolicy {
  const bad = (why: string): never => {
    throw new HookscopeError('BAD_INPUT', `delivery policy: ${why}`, { policy });
  };
  if (!Number.isFinite(policy.timeoutMs) || policy.timeoutMs <= 0) bad('timeoutMs must be a positive number');
  if (policy.success !== '2xx' && policy.success !== 'exactly-200') bad(`success must be '2xx' or 'exactly-200'`);
  if (!Array.isArray(policy.retryDelaysMs) || policy.retryDelaysMs.some((d) => !Number.isFinite(d) || d < 0)) {
    bad('retryDelaysMs must be a list of non-negative numbers');
  }
  const disable = policy.disableAfterFailingMs;
  if (disable !== undefined && (!Number.isFinite(disable) || disable <= 0))
    bad('disableAfterFailingMs must be positive');
  return policy;
}

/** Attempts in a full ladder: the first plus one per delay. */
export function ladderLength(policy: DeliveryPolicy): number {
  return policy.retryDelaysMs.length + 1;
}

export interface FailedAttempt {
  /** Position of the failed attempt in the ladder, 1-based. */
  ladderIndex: number;
  /** Its provider-time schedule. */
  scheduledAt: number;
  /** Its real duration (for an interrupted attempt whose end is unknown: the timeout). */
  durationMs: number;
}

export interface NextAttempt {
  ladderIndex: number;
  /** Provider time. */
  scheduledAt: number;
  /** Real (injected clock) time at which to send. */
  dueAt: number;
  /** The provider-time wait. */
  delayMs: number;
}

/** The next ladder attempt after a failure, or null when the ladder is exhausted. */
export function nextAttempt(
  policy: DeliveryPolicy,
  failed: FailedAttempt,
  failedAtReal: number,
  speed: number,
): NextAttempt | null {
  if (failed.ladderIndex >= ladderLength(policy)) return null;
  const delayMs = policy.retryDelaysMs[failed.ladderIndex - 1];
  return {
    ladderIndex: failed.ladderIndex + 1,
    scheduledAt: failed.scheduledAt + failed.durationMs + delayMs,
    dueAt: failedAtReal + delayMs / speed,
    delayMs,
  };
}

/**
 * The real due time of a waiting ladder attempt when a sender at `speed`
 * takes it over from one that ran at another speed (a `send` handing over to
 * `serve`): the provider-time wait after the previous attempt's end, at this
 * speed, counted from that end in real time.
 */
export function dueAtSpeed(
  previous: { scheduledAt: number; sentAt: number; durationMs: number },
  next: { scheduledAt: number },
  speed: number,
): number {
  const delayMs = Math.max(0, next.scheduledAt - previous.scheduledAt - previous.durationMs);
  return Math.round(previous.sentAt + previous.durationMs + delayMs / speed);
}

/** Provider time now, on a clock that met real time at `anchor` and has run `speed` times faster since. */
export function providerNowOf(anchor: { real: number; provider: number }, realNow: number, speed: number): number {
  return Math.round(anchor.provider + Math.max(0, realNow - anchor.real) * speed);
}

/** Provider time for an attempt made now outside the ladder (a manual retry): real time since the last attempt counts 1:1. */
export function providerNowAfter(last: { scheduledAt: number; sentAt: number }, realNow: number): number {
  return last.scheduledAt + Math.max(0, realNow - last.sentAt);
}

/** A real wait re-scaled when the speed changes mid-wait. */
export function rescaleDue(dueAt: number, realNow: number, oldSpeed: number, newSpeed: number): number {
  const remaining = Math.max(0, dueAt - realNow);
  return realNow + (remaining * oldSpeed) / newSpeed;
}

/**
 * Prynt-style disabling: a webhook's failing streak runs from its first
 * failure (provider time) to its latest; any success ends it.
 */
export function streakAfterFailure(
  streak: { since: number | null; last: number | null },
  failedAt: number,
): { since: number; last: number } {
  return {
    since: streak.since === null ? failedAt : Math.min(streak.since, failedAt),
    last: streak.last === null ? failedAt : Math.max(streak.last, failedAt),
  };
}

export function shouldDisable(
  streak: { since: number; last: number },
  disableAfterFailingMs: number | undefined,
): boolean {
  return disableAfterFailingMs !== undefined && streak.last - streak.since >= disableAfterFailingMs;
}
