/**
 * The sender, end to end, against handlers that verify with the providers' own
 * libraries: a real HTTP server on 127.0.0.1 whose handler answers 500 to the
 * first attempt and then checks each request with the library (200 when it
 * accepts, 401 when not), the real sender engine on a SQLite file, the real
 * provider registry. Every attempt, the retry included, must pass.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/core/clock';
import { senderEnv } from '../../sender/support/env';
import { eventQueue } from '../../sender/support/events';
import { startServer } from '../../sender/support/servers';
import { oracle } from './oracle-lib';

const SECRET = 'sender-oracle-secret-0123456789ab';
const text = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : (v ?? ''));

type Check = (body: Buffer, headers: IncomingHttpHeaders) => Promise<boolean>;

function libraryChecks(): Record<string, { event: string; check: Check }> {
  const razorpay = oracle<{ validateWebhookSignature(b: string, s: string, k: string): boolean }>('razorpay');
  const coinbase = oracle<{ Webhook: { verifySigHeader(b: string, s: string, k: string): boolean } }>(
    'coinbase-commerce-node',
  ).Webhook;
  const { WorkOS } = oracle<{
    WorkOS: new (key: string) => {
      webhooks: { verifyHeader(o: { payload: string; sigHeader: string; secret: string }): Promise<boolean> };
    };
  }>('@workos-inc/node');
  const workos = new WorkOS('sk_test_oracle_tests_only').webhooks;
  const Mux = oracle<{
    default: new (o: Record<string, string>) => {
      webhooks: { verifySignature(b: string, h: Record<string, string>, s: string): Promise<void> };
    };
  }>('@mux/mux-node').default;
  const mux = new Mux({ tokenId: 'oracle-token-id', tokenSecret: 'oracle-token-secret' }).webhooks;
  const line = oracle<{ validateSignature(b: Buffer, s: string, sig: string): boolean }>('@line/bot-sdk');
  const attempt = async (f: () => unknown) => {
    try {
      return (await f()) !== false;
    } catch {
      return false;
    }
  };
  return {
    razorpay: {
      event: 'payment.captured',
      check: async (b, h) => razorpay.validateWebhookSignature(b.toString(), text(h['x-razorpay-signature']), SECRET),
    },
    'coinbase-commerce': {
      event: 'charge:confirmed',
      check: (b, h) => attempt(() => coinbase.verifySigHeader(b.toString(), text(h['x-cc-webhook-signature']), SECRET)),
    },
    workos: {
      event: 'dsync.user.created',
      check: (b, h) =>
        attempt(() =>
          workos.verifyHeader({ payload: b.toString(), sigHeader: text(h['workos-signature']), secret: SECRET }),
        ),
    },
    mux: {
      event: 'video.asset.ready',
      check: (b, h) =>
        attempt(() => mux.verifySignature(b.toString(), { 'mux-signature': text(h['mux-signature']) }, SECRET)),
    },
    line: {
      event: 'message',
      check: async (b, h) => line.validateSignature(b, SECRET, text(h['x-line-signature'])),
    },
  };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the sender against handlers verifying with the providers’ own libraries', () => {
  const checks = libraryChecks();
  it.each(Object.keys(checks))(
    '%s: every attempt passes the library (a refused first one, then its retry)',
    async (provider) => {
      const { event, check } = checks[provider];
      // LINE redelivers nothing unless the channel turns redelivery on: its one attempt is answered 200.
      const retries = provider !== 'line';
      const verdicts: boolean[] = [];
      const server = await startServer((_req, res, body, hit) => {
        void check(body, hit.headers).then((ok) => {
          verdicts.push(ok);
          res.writeHead(verdicts.length === 1 && retries ? 500 : ok ? 200 : 401).end();
        });
      });
      const env = senderEnv({ registry: {} });
      cleanups.push(
        () => server.close(),
        () => env.dispose(),
      );
      // The libraries compare the signed timestamp with their own clock (WorkOS 180 s, Mux 300 s): start at now.
      const clock = new ManualClock(Date.now());
      const sender = env.sender({ clock, speed: 1_000_000 });
      const events = eventQueue(sender.on);
      sender.send({ provider, eventType: event, url: server.url, secret: SECRET });
      for (;;) {
        const finished = await events.next('attempt-finished');
        if (!finished.next) break;
        clock.advance(Math.max(0, Date.parse(finished.next.dueAt) - clock.now()));
      }
      const done = await events.next('delivery-finished');
      if (!retries) {
        expect(verdicts).toEqual([true]);
        expect(done.result.attempts.map((a) => a.status)).toEqual([200]);
        return;
      }
      expect(verdicts).toEqual([true, true]);
      expect(done.result.attempts.map((a) => a.status)).toEqual([500, 200]);
      expect(server.hits).toHaveLength(2);
      expect(server.hits[1].body.equals(server.hits[0].body)).toBe(true);
    },
  );
});
