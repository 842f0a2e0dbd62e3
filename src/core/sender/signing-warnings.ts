import type { TimestampMode } from './types';

/** What each sent attempt signed (pure data, in attempt order). */
export interface SignedAttempt {
  n: number;
  signedTimestamp: number | null;
  signature: string | null;
}

function list(ns: number[]): string {
  return ns.length <= 2 ? ns.join(' and ') : `${ns.slice(0, -1).join(', ')} and ${ns.at(-1)}`;
}

function groups<K>(attempts: SignedAttempt[], key: (a: SignedAttempt) => K | null): [K, number[]][] {
  const by = new Map<K, number[]>();
  for (const a of attempts) {
    const k = key(a);
    if (k === null) continue;
    by.set(k, [...(by.get(k) ?? []), a.n]);
  }
  return [...by].filter(([, ns]) => ns.length > 1);
}

/**
 * Warnings for attempts of one delivery that signed the same timestamp or
 * carry the same signature: at a high speed-up with real timestamps, retries
 * go out within one real second, so a handler that refuses a repeated
 * signature (replay protection) would refuse them, though a real provider's
 * retries minutes apart would differ.
 */
export function signingWarnings(attempts: SignedAttempt[], mode: TimestampMode): string[] {
  const out: string[] = [];
  const why =
    mode === 'real'
      ? 'they were sent within the same real second (--timestamps real signs the clock at sending); --timestamps provider signs each with its schedule time instead'
      : 'their provider-schedule times fall in the same second';
  for (const [ts, ns] of groups(attempts, (a) => a.signedTimestamp)) {
    out.push(`attempts ${list(ns)} signed the same timestamp ${ts} (${new Date(ts * 1000).toISOString()}): ${why}`);
  }
  for (const [sig, ns] of groups(attempts, (a) => a.signature)) {
    const shown = sig.length > 24 ? `${sig.slice(0, 24)}…` : sig;
    const timeless = attempts.filter((a) => ns.includes(a.n)).every((a) => a.signedTimestamp === null);
    const cause = timeless ? ' (this signature form signs the body alone, as the provider does)' : '';
    out.push(
      `attempts ${list(ns)} carry the same signature ${shown}${cause}: a handler that rejects a repeated signature as a replay refuses all but the first`,
    );
  }
  return out;
}

/** The caution printed when a delivery signs provider-schedule times. */
export function providerTimestampsNote(toleranceSeconds: number | undefined): string {
  const window = toleranceSeconds !== undefined ? `its ${toleranceSeconds} s tolerance window` : 'a tolerance window';
  return `--timestamps provider: each attempt signs its provider-schedule time, which runs ahead of the real clock when sped up; a handler that checks ${window} may reject those attempts`;
}
