import { describe, expect, it } from 'vitest';
import { roughAge, staleness } from '../../../renderer/src/replay/staleness';
import { defaultReplayUrl } from '../../../renderer/src/replay/target';
import type { SignatureVerdict } from '../../../src/shared/providers';

describe('where a replay goes by default', () => {
  it("prefers the endpoint's forward URL, then the last URL replayed to, else nothing", () => {
    const capture = { path: '/pay/orders', query: 'q=1', endpoint: 'pay' };
    expect(defaultReplayUrl(capture, { slug: 'pay', forwardUrl: 'http://127.0.0.1:4000/in' }, 'http://last')).toEqual({
      url: 'http://127.0.0.1:4000/in/orders?q=1',
      source: 'forward',
    });
    expect(defaultReplayUrl(capture, { slug: 'pay', forwardUrl: null }, 'http://last')).toEqual({
      url: 'http://last',
      source: 'last',
    });
    expect(defaultReplayUrl(capture, undefined, null)).toEqual({ url: '', source: 'none' });
    // A forward URL that is not a URL (an older row) is passed over, not thrown on.
    expect(defaultReplayUrl(capture, { slug: 'pay', forwardUrl: 'not a url' }, 'http://last')).toEqual({
      url: 'http://last',
      source: 'last',
    });
  });
});

describe('a captured signature going stale', () => {
  const verdict = (over: Partial<SignatureVerdict>): SignatureVerdict => ({
    status: 'valid',
    scheme: 'stripe/v1',
    detail: '',
    diagnostics: [],
    ...over,
  });
  const received = '2026-12-04T10:00:00.000Z';
  const at = (seconds: number) => Date.parse(received) + seconds * 1000;

  it('carries the age measured at receipt forward to now', () => {
    const v = verdict({ ageSeconds: 10, toleranceSeconds: 300 });
    expect(staleness(v, received, at(200))).toBeNull();
    expect(staleness(v, received, at(400))).toEqual({ ageNow: 410, toleranceSeconds: 300, staleOnArrival: false });
  });

  it('says when it was already stale on arrival, and treats a timestamp far in the future as outside the window', () => {
    expect(
      staleness(verdict({ status: 'stale', ageSeconds: 900, toleranceSeconds: 300 }), received, at(0)),
    ).toMatchObject({ staleOnArrival: true });
    expect(staleness(verdict({ ageSeconds: -1000, toleranceSeconds: 300 }), received, at(0))).toMatchObject({
      ageNow: -1000,
    });
  });

  it('has nothing to say for a scheme without a window or without a verdict', () => {
    expect(staleness(verdict({}), received, at(10_000))).toBeNull();
    expect(staleness(null, received, at(10_000))).toBeNull();
  });

  it('rounds an age for a warning', () => {
    expect([42, -42, 600, 10_800, 259_200].map(roughAge)).toEqual(['42 s', '42 s', '10 min', '3 h', '3 d']);
  });
});
