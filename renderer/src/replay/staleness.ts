import type { SignatureVerdict } from '../../../src/shared/providers';

export interface Staleness {
  /** Seconds between the signed timestamp and now (negative: in the future). */
  ageNow: number;
  toleranceSeconds: number;
  /** It was already outside the window when it arrived. */
  staleOnArrival: boolean;
}

/**
 * Whether the captured signature's timestamp is outside the provider's
 * window now. The verdict's age is measured at receipt, so it is carried
 * forward to the present; null when the scheme has no timestamp window or
 * the timestamp is still inside it.
 */
export function staleness(signature: SignatureVerdict | null, receivedAt: string, nowMs: number): Staleness | null {
  if (!signature || signature.ageSeconds === undefined || signature.toleranceSeconds === undefined) return null;
  const received = Date.parse(receivedAt);
  const since = Number.isNaN(received) ? 0 : Math.max(0, Math.floor((nowMs - received) / 1000));
  const ageNow = signature.ageSeconds + since;
  if (Math.abs(ageNow) <= signature.toleranceSeconds) return null;
  return { ageNow, toleranceSeconds: signature.toleranceSeconds, staleOnArrival: signature.status === 'stale' };
}

/** `42 s`, `7 min`, `3 h`, `2 d` (rough, for a warning). */
export function roughAge(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  if (s < 172_800) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86_400)} d`;
}
