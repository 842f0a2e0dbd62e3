import { timingSafeEqual } from 'node:crypto';
import { sign, TEST_SECRET } from './adapter';
import { startServer } from './servers';

/**
 * Two small webhook handlers for the test scheme (support/adapter.ts). Both
 * answer GET /effects with what they have done, as JSON.
 */

/** Verifies signature and timestamp (300 s), deduplicates by event id, ignores event types it does not know, accepts up to 1 MiB. */
export function correctHandler(secret = TEST_SECRET, known = ['identification.complete']) {
  const processed = new Set<string>();
  return startServer((req, res, body) => {
    if (req.method === 'GET') return void res.writeHead(200).end(JSON.stringify([...processed].sort()));
    if (body.length > 1024 * 1024) return void res.writeHead(413).end();
    const ts = String(req.headers['x-test-timestamp'] ?? '');
    const given = Buffer.from(String(req.headers['x-test-signature'] ?? ''));
    const expected = Buffer.from(sign(secret, ts, body));
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      return void res.writeHead(401).end('bad signature');
    if (!/^\d+$/.test(ts) || Math.abs(Date.now() / 1000 - Number(ts)) > 300)
      return void res.writeHead(401).end('stale');
    const event = JSON.parse(body.toString('utf8')) as { eventId: string; eventType: string };
    if (!known.includes(event.eventType)) return void res.writeHead(200).end('ignored');
    processed.add(event.eventId);
    res.writeHead(200).end('ok');
  });
}

/** Checks nothing and counts every delivery it gets. */
export function naiveHandler() {
  let handled = 0;
  return startServer((req, res) => {
    if (req.method === 'GET') return void res.writeHead(200).end(JSON.stringify({ handled }));
    handled++;
    res.writeHead(200).end('ok');
  });
}
