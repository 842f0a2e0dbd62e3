// Pure pieces of signing and handover: the shared-timestamp/signature
// warnings, and a taken-over attempt's due time at another speed-up.
import { describe, expect, it } from 'vitest';
import { providerTimestampsNote, signingWarnings } from '../../../src/core/sender/signing-warnings';
import { dueAtSpeed } from '../../../src/core/sender/timing';

describe('signingWarnings', () => {
  it('names the attempts that share a timestamp, and those that share a signature, separately', () => {
    const w = signingWarnings(
      [
        { n: 1, signedTimestamp: 100, signature: 'a' },
        { n: 2, signedTimestamp: 100, signature: 'b' },
        { n: 3, signedTimestamp: 101, signature: 'a' },
        { n: 4, signedTimestamp: 102, signature: 'c' },
      ],
      'real',
    );
    expect(w).toHaveLength(2);
    expect(w[0]).toMatch(/^attempts 1 and 2 signed the same timestamp 100 \(1970-01-01T00:01:40\.000Z\)/);
    expect(w[1]).toMatch(/^attempts 1 and 3 carry the same signature a:/);
  });

  it('says nothing when every attempt differs, or when only one was sent; a form without timestamp is named as the cause', () => {
    expect(signingWarnings([{ n: 1, signedTimestamp: 1, signature: 'x' }], 'real')).toEqual([]);
    expect(
      signingWarnings(
        [
          { n: 1, signedTimestamp: 1, signature: 'x' },
          { n: 2, signedTimestamp: 2, signature: 'y' },
        ],
        'provider',
      ),
    ).toEqual([]);
    const plain = signingWarnings(
      [
        { n: 1, signedTimestamp: null, signature: 'x' },
        { n: 2, signedTimestamp: null, signature: 'x' },
      ],
      'real',
    );
    expect(plain).toEqual([expect.stringContaining('signs the body alone')]);
  });

  it("the provider-timestamps note names the form's tolerance window when it has one", () => {
    expect(providerTimestampsNote(300)).toContain('its 300 s tolerance window may reject');
    expect(providerTimestampsNote(undefined)).toContain('a tolerance window may reject');
  });
});

describe('dueAtSpeed', () => {
  it("counts the provider wait from the previous attempt's real end, at the new speed", () => {
    // Attempt 1 scheduled at provider 0, sent at real 1000, took 200 ms; attempt 2 scheduled 5 min after its end.
    const previous = { scheduledAt: 0, sentAt: 1000, durationMs: 200 };
    const next = { scheduledAt: 200 + 300_000 };
    expect(dueAtSpeed(previous, next, 1)).toBe(1200 + 300_000);
    expect(dueAtSpeed(previous, next, 100_000)).toBe(1203);
  });
});
