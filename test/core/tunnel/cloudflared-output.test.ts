import { describe, expect, it } from 'vitest';
import { createCloudflaredReader, quickTunnelId } from '../../../src/core/tunnel/cloudflared-output';

// Lines as cloudflared prints them on standard error while a quick tunnel starts (its console log format).
const STARTUP = [
  '2026-12-04T12:00:00Z INF Thank you for trying Cloudflare Tunnel. Doing so, without a Cloudflare account, is a quick way to experiment and try it out.',
  '2026-12-04T12:00:00Z INF Requesting new quick Tunnel on trycloudflare.com...',
  '2026-12-04T12:00:01Z INF +--------------------------------------------------------------------------------------------+',
  '2026-12-04T12:00:01Z INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |',
  '2026-12-04T12:00:01Z INF |  https://plain-quiet-river-demo.trycloudflare.com                                           |',
  '2026-12-04T12:00:01Z INF +--------------------------------------------------------------------------------------------+',
  '2026-12-04T12:00:02Z INF Registered tunnel connection connIndex=0 connection=4f2b event=0 ip=198.41.200.13 location=ams08 protocol=quic',
];

describe("reading cloudflared's output", () => {
  it('takes the public URL from the line after the announcement, then sees the connection registered', () => {
    const read = createCloudflaredReader();
    const seen = STARTUP.map(read);
    expect(seen.filter((s) => s.kind === 'url')).toEqual([
      { kind: 'url', url: 'https://plain-quiet-river-demo.trycloudflare.com' },
    ]);
    expect(seen.at(-1)).toEqual({ kind: 'registered' });
    expect(quickTunnelId('https://plain-quiet-river-demo.trycloudflare.com')).toBe('plain-quiet-river-demo');
  });

  it('does not take a URL from other lines (the API address in an error, a docs link)', () => {
    const read = createCloudflaredReader();
    expect(read('2026-12-04T12:00:00Z INF Requesting new quick Tunnel on trycloudflare.com...')).toEqual({
      kind: 'other',
    });
    expect(
      read(
        '2026-12-04T12:00:00Z ERR failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": dial tcp: i/o timeout',
      ),
    ).toEqual({
      kind: 'error',
      message: 'failed to request quick Tunnel: Post "https://api.trycloudflare.com/tunnel": dial tcp: i/o timeout',
    });
    expect(read('see https://developers.cloudflare.com/cloudflare-one/ for more')).toEqual({ kind: 'other' });
  });
});
