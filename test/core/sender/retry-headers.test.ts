/**
 * Slack's retries say what they are: X-Slack-Retry-Num (1, 2, 3) and
 * X-Slack-Retry-Reason (why the attempt before failed), and a first attempt
 * carries neither. Sent for real to a real HTTP server that times out once,
 * then answers 503.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock';
import { buildOutgoingRequest, buildSample, createProviderRegistry } from '../../../src/core/providers';
import { senderEnv } from './support/env';
import { startServer, type TestServer } from './support/servers';

const slack = createProviderRegistry().require('slack');
const retryHeaders = (headers: [string, string][]) => headers.filter(([k]) => /^X-Slack-Retry-/i.test(k));

describe('retry headers as data', () => {
  const request = (attempt: number, previousError?: string | null) =>
    buildOutgoingRequest(slack, {
      eventType: 'app_mention',
      payload: buildSample(slack, 'app_mention', 1),
      secret: 'slack-secret',
      timestampSec: 1_780_000_000,
      attempt,
      previousError,
    }).headers;

  it('a first attempt carries none; a retry its number and the reason in Slack words', () => {
    expect(retryHeaders(request(1))).toEqual([]);
    expect(retryHeaders(request(2, null))).toEqual([
      ['X-Slack-Retry-Num', '1'],
      ['X-Slack-Retry-Reason', 'http_error'],
    ]);
    expect(retryHeaders(request(3, 'timeout'))).toEqual([
      ['X-Slack-Retry-Num', '2'],
      ['X-Slack-Retry-Reason', 'http_timeout'],
    ]);
    expect(retryHeaders(request(4, 'tls'))[1]).toEqual(['X-Slack-Retry-Reason', 'ssl_error']);
    expect(retryHeaders(request(4, 'connection-refused'))[1]).toEqual(['X-Slack-Retry-Reason', 'connection_failed']);
    expect(retryHeaders(request(4, 'interrupted'))[1]).toEqual(['X-Slack-Retry-Reason', 'unknown_error']);
  });

  it('providers without retry headers send none on a retry', () => {
    const stripe = createProviderRegistry().require('stripe');
    const headers = buildOutgoingRequest(stripe, {
      eventType: 'invoice.paid',
      payload: buildSample(stripe, 'invoice.paid', 1),
      secret: 'whsec_x',
      timestampSec: 1_780_000_000,
      attempt: 3,
      previousError: 'timeout',
    }).headers;
    expect(headers.map(([k]) => k)).not.toContain('X-Slack-Retry-Num');
  });
});

describe('a Slack delivery through the sender', () => {
  let server: TestServer;
  const held: ServerResponse[] = [];
  beforeAll(async () => {
    let hits = 0;
    server = await startServer((_req, res) => {
      hits += 1;
      if (hits === 1)
        held.push(res); // never answered: the attempt times out
      else res.writeHead(hits === 4 ? 200 : 503).end();
    });
  });
  afterAll(async () => {
    for (const res of held) res.destroy();
    await server.close();
  });

  it('retries carry X-Slack-Retry-Num and X-Slack-Retry-Reason from the attempt before', async () => {
    const env = senderEnv({ registry: {} });
    try {
      const clock = new ManualClock(Date.UTC(2026, 11, 5));
      const sender = env.sender({ clock });
      sender.on((e) => {
        if (e.type === 'attempt-finished' && e.next) queueMicrotask(() => clock.advance(clock.nextAt()! - clock.now()));
      });
      const started = sender.send({
        provider: 'slack',
        eventType: 'app_mention',
        url: server.url,
        secret: 'slack-signing-secret',
        policy: { timeoutMs: 500 },
      });
      await sender.waitFor(started.deliveryId);
      const attempts = sender.getDelivery(started.deliveryId).attempts;
      expect(attempts.map((a) => a.errorKind)).toEqual(['timeout', 'status', 'status', null]);
      expect(server.hits.map((h) => [h.headers['x-slack-retry-num'], h.headers['x-slack-retry-reason']])).toEqual([
        [undefined, undefined],
        ['1', 'http_timeout'],
        ['2', 'http_error'],
        ['3', 'http_error'],
      ]);
    } finally {
      await env.dispose();
    }
  });
});
