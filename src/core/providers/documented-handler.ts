/**
 * What each documented provider's own example handler (the code in its seed
 * document) does with a received signature value, beside the strict
 * comparison the verifier makes. Verdicts use it to say what a user who
 * copied that code will see: FingerprintIQ's Node example decodes the header
 * with Buffer.from(sig, 'hex'), which ignores case and stops at the first
 * non-hex character, so it accepts values a strict comparison rejects; the
 * examples that call timingSafeEqual on buffers of different lengths throw
 * (an error answer, not a 401).
 */
import { timingSafeEqual } from 'node:crypto';
import type { ProviderDefinition } from '../../shared/providers';

export type DocumentedOutcome = 'accept' | 'reject' | 'throw';

interface DocumentedComparison {
  /** The documented code's outcome for the header value `received` when the right HMAC is `digest`. */
  compare(received: string, digest: Buffer): DocumentedOutcome;
  /** How the documented code reads the header, for the verdict's sentence. */
  reads: string;
  /** What the documented handler answers when the comparison throws. */
  onThrow?: string;
}

function sameBytes(a: Buffer, b: Buffer): DocumentedOutcome {
  if (a.length !== b.length) return 'throw';
  return timingSafeEqual(a, b) ? 'accept' : 'reject';
}

const COMPARISONS: Record<string, DocumentedComparison> = {
  // seed 001: timingSafeEqual(Buffer.from(signature, 'hex'), Buffer.from(expected, 'hex')), not caught.
  fingerprintiq: {
    compare: (received, digest) => sameBytes(Buffer.from(received, 'hex'), digest),
    reads: "Buffer.from(signature, 'hex') (any case, up to the first non-hex character)",
    onThrow:
      'timingSafeEqual throws on buffers of different lengths and the example does not catch it, so the handler answers 500, not 401',
  },
  // seed 002, Node: timingSafeEqual(Buffer.from(signature), Buffer.from(expectedSignature)), not caught.
  clickdefender: {
    compare: (received, digest) =>
      sameBytes(Buffer.from(received, 'utf8'), Buffer.from(digest.toString('hex'), 'utf8')),
    reads: 'Buffer.from(signature) compared byte for byte with the lowercase hex digest',
    onThrow:
      "the Node example's timingSafeEqual throws on a value of another length (a 500, not a 401); the Python example's compare_digest returns False (a 401)",
  },
  // seed 003: timingSafeEqual(Buffer.from(signature), Buffer.from(`sha256=${expectedSignature}`)), not caught.
  lmif: {
    compare: (received, digest) =>
      sameBytes(Buffer.from(received, 'utf8'), Buffer.from(`sha256=${digest.toString('hex')}`, 'utf8')),
    reads: 'Buffer.from(signature) compared byte for byte with "sha256=" and the lowercase hex digest',
    onThrow:
      'timingSafeEqual throws on a value of another length and the example does not catch it, so the handler fails with an error instead of returning false',
  },
  // seed 004: the same comparison inside try/catch, which answers 401 whatever the reason.
  prynt: {
    compare: (received, digest) => {
      const outcome = sameBytes(Buffer.from(received, 'utf8'), Buffer.from(`sha256=${digest.toString('hex')}`, 'utf8'));
      return outcome === 'throw' ? 'reject' : outcome;
    },
    reads: 'Buffer.from(signature) compared byte for byte with "sha256=" and the lowercase hex digest',
  },
};

/**
 * How a documented handler reads a timestamp header that is not a plain
 * number, when it lets it through at `nowSec`: Prynt's example rejects only
 * when Math.abs(now - parseInt(timestamp)) > 300, so leading digits are read
 * and the rest ignored, and a value with no leading digit gives NaN, which
 * that test never rejects.
 */
export function documentedTimestamp(provider: ProviderDefinition, raw: string, nowSec: number): string | undefined {
  if (provider.kind !== 'documented' || provider.id !== 'prynt') return undefined;
  const leading = /^[+-]?\d+/.exec(raw)?.[0];
  if (leading === undefined)
    return `parseInt ("${raw}" reads as NaN, and NaN > 300 is false, so the replay check is skipped)`;
  return Math.abs(nowSec - Number.parseInt(leading, 10)) <= 300
    ? `parseInt ("${raw}" reads as ${Number.parseInt(leading, 10)})`
    : undefined;
}

export function documentedComparison(provider: ProviderDefinition): DocumentedComparison | undefined {
  return provider.kind === 'documented' ? COMPARISONS[provider.id] : undefined;
}

/**
 * The documented handler's outcome for `received` (as a Node server hands it
 * over: trimmed) against any of `digests` (one per secret and body form):
 * accept if any matches, throw if every comparison throws, else reject.
 */
export function documentedOutcome(
  provider: ProviderDefinition,
  received: string,
  digests: Buffer[],
): DocumentedOutcome | undefined {
  const comparison = documentedComparison(provider);
  if (!comparison || digests.length === 0) return undefined;
  const outcomes = digests.map((d) => comparison.compare(received.trim(), d));
  if (outcomes.includes('accept')) return 'accept';
  return outcomes.every((o) => o === 'throw') ? 'throw' : 'reject';
}
