import { describe, expect, it } from 'vitest';
import {
  isTimestampText,
  timestampNoun,
  timestampSeconds,
  timestampStyle,
  timestampText,
} from '../../../src/core/providers/timestamp-style';
import { BUILTIN_PROVIDERS } from '../../../src/core/providers';

const T = 1_764_892_800; // 2025-12-05T00:00:00Z

describe('one reading of how a form writes its signed timestamp', () => {
  it('writes and reads back each style', () => {
    const cases = [
      [{}, '1764892800'],
      [{ timestampUnit: 'ms' as const }, '1764892800000'],
      [{ timestampUnit: 'iso' as const }, '2025-12-05T00:00:00.000Z'],
      [{ timestampUnit: 'iso-offset' as const }, '2025-12-05T00:00:00+00:00'],
    ] as const;
    for (const [form, text] of cases) {
      expect(timestampText(form, T)).toBe(text);
      expect(isTimestampText(form, text)).toBe(true);
      expect(timestampSeconds(form, text)).toBe(T);
    }
  });

  it("reads a provider file's older timestampFormat 'iso8601' as 'iso-offset'", () => {
    const older = { timestampFormat: 'iso8601' as const };
    expect(timestampStyle(older)).toBe('iso-offset');
    expect(timestampText(older, T)).toBe(timestampText({ timestampUnit: 'iso-offset' }, T));
  });

  it('names what a malformed timestamp should have been, per style', () => {
    expect(isTimestampText({}, '2025-12-05T00:00:00Z')).toBe(false);
    expect(isTimestampText({ timestampUnit: 'iso' }, 'yesterday')).toBe(false);
    expect(timestampNoun({})).toBe('a whole number of unix seconds');
    expect(timestampNoun({ timestampUnit: 'ms' })).toBe('a whole number of unix milliseconds');
    // Twitch's timestamp is a date: a malformed one is named as such (it was called "unix seconds").
    const twitch = BUILTIN_PROVIDERS.find((p) => p.id === 'twitch')!.signature.forms[0];
    expect(timestampNoun(twitch)).toBe('an ISO 8601 date');
  });

  it('no built-in definition uses the older field', () => {
    const older = BUILTIN_PROVIDERS.flatMap((p) =>
      p.signature.forms.filter((f) => f.timestampFormat !== undefined).map(() => p.id),
    );
    expect(older).toEqual([]);
  });
});
