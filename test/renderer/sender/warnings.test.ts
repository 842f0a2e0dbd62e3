import { describe, expect, it } from 'vitest';
import { isLoopbackUrl, shownWarnings } from '../../../renderer/src/sender/warnings';

const HTTPS = 'prynt sends only to https URLs; sent to http: anyway';
const OTHER = 'the payload is not canonical JSON';

describe('the Sender https notice', () => {
  it('knows loopback targets', () => {
    for (const url of [
      'http://127.0.0.1:3000/x',
      'http://localhost/x',
      'http://[::1]:8080/',
      'http://127.8.9.10/',
      'http://app.localhost/',
    ])
      expect(isLoopbackUrl(url)).toBe(true);
    for (const url of ['http://10.0.0.2/', 'http://example.com/', 'http://127.0.0.1.example.com/', 'not a url'])
      expect(isLoopbackUrl(url)).toBe(false);
  });

  it('is quiet for a loopback target and keeps every other warning', () => {
    expect(shownWarnings([HTTPS, OTHER], 'prynt', 'http://127.0.0.1:3000/hook', new Set())).toEqual({
      shown: [OTHER],
      httpsNoticeShown: false,
    });
  });

  it('is shown once per provider for a remote http target', () => {
    const first = shownWarnings([HTTPS], 'prynt', 'http://hooks.example.com/in', new Set());
    expect(first).toEqual({ shown: [HTTPS], httpsNoticeShown: true });
    expect(shownWarnings([HTTPS], 'prynt', 'http://hooks.example.com/in', new Set(['prynt'])).shown).toEqual([]);
    // Another provider's notice is its own.
    const shopify = 'shopify sends only to https URLs; sent to http: anyway';
    expect(shownWarnings([shopify], 'shopify', 'http://hooks.example.com/in', new Set(['prynt'])).shown).toEqual([
      shopify,
    ]);
  });
});
