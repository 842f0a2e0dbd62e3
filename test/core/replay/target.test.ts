import { describe, expect, it } from 'vitest';
import { copyableHeaders, setHeader } from '../../../src/core/replay/headers';
import { parseSince } from '../../../src/core/replay/since';
import { joinTarget, pathSuffix } from '../../../src/core/replay/target';

describe('where a replay or forward goes', () => {
  it('takes the path after the endpoint slug; the default endpoint keeps the whole path', () => {
    expect(pathSuffix('/stripe/a/b', 'stripe')).toBe('/a/b');
    expect(pathSuffix('/stripe', 'stripe')).toBe('');
    expect(pathSuffix('/stripe/', 'stripe')).toBe('/');
    expect(pathSuffix('/stripey/a', 'stripe')).toBe('/stripey/a');
    expect(pathSuffix('/anything', 'default')).toBe('/anything');
  });

  it("appends the suffix to the forward URL's path and the query to its own", () => {
    expect(joinTarget('http://localhost:3000/webhooks', '/a', 'x=1')).toBe('http://localhost:3000/webhooks/a?x=1');
    expect(joinTarget('http://localhost:3000/webhooks/', '/a', '')).toBe('http://localhost:3000/webhooks/a');
    expect(joinTarget('http://localhost:3000/webhooks', '', '')).toBe('http://localhost:3000/webhooks');
    expect(joinTarget('http://localhost:3000/', '/a/b', '')).toBe('http://localhost:3000/a/b');
    expect(joinTarget('http://localhost:3000', '', '')).toBe('http://localhost:3000/');
    expect(joinTarget('https://h.test/in?token=t', '/x', 'y=2')).toBe('https://h.test/in/x?token=t&y=2');
    expect(() => joinTarget('not a url', '/x', '')).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});

describe('headers of a replay', () => {
  it('leaves out hop-by-hop headers, Host and Content-Length, keeping the rest in order', () => {
    expect(
      copyableHeaders([
        ['Host', 'h'],
        ['Connection', 'keep-alive'],
        ['X-A', '1'],
        ['Keep-Alive', 't'],
        ['Transfer-Encoding', 'chunked'],
        ['TE', 'trailers'],
        ['Trailer', 'x'],
        ['Upgrade', 'h2c'],
        ['Proxy-Authorization', 'p'],
        ['proxy-connection', 'c'],
        ['content-length', '3'],
        ['x-a', '2'],
      ]),
    ).toEqual([
      ['X-A', '1'],
      ['x-a', '2'],
    ]);
  });

  it('sets a header in place, keeping its name case and dropping later duplicates', () => {
    expect(
      setHeader(
        [
          ['a', '1'],
          ['X-Sig', 'old'],
          ['b', '2'],
          ['x-sig', 'dup'],
        ],
        'X-SIG',
        'new',
      ),
    ).toEqual([
      ['a', '1'],
      ['X-Sig', 'new'],
      ['b', '2'],
    ]);
    expect(setHeader([['a', '1']], 'X-New', 'v')).toEqual([
      ['a', '1'],
      ['X-New', 'v'],
    ]);
  });
});

describe('--since', () => {
  it('reads an ISO time or a duration back from now', () => {
    const now = Date.parse('2026-02-14T12:00:00Z');
    expect(parseSince('2026-02-14T10:00:00Z', now)).toBe(Date.parse('2026-02-14T10:00:00Z'));
    expect(parseSince('30m', now)).toBe(now - 30 * 60_000);
    expect(parseSince('24h', now)).toBe(now - 86_400_000);
    expect(parseSince('7d', now)).toBe(now - 7 * 86_400_000);
    expect(() => parseSince('yesterday', now)).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT', message: expect.stringMatching(/--since/) }),
    );
  });
});
