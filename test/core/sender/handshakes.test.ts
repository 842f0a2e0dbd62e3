/**
 * The handshakes end to end (Zoom, Twitch, Asana, Dropbox, Slack, and Discord's PING): a real handler on 127.0.0.1:0 answering
 * right or wrong, through the real sender (a delivery in a real SQLite file)
 * and the real handler check, signed by the real provider registry.
 */
import { createHmac } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/clock';
import { createProviderRegistry, verifyRequest } from '../../../src/core/providers';
import { senderEnv } from './support/env';
import { startServer, type Hit, type TestServer } from './support/servers';

const SECRET = 'hs_e2e_secret_51b7';
const registry = createProviderRegistry();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Answer = (hit: Hit, res: ServerResponse) => void;
const json = (res: ServerResponse, value: unknown) =>
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(value));
const text = (res: ServerResponse, value: string) =>
  res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Content-Type-Options': 'nosniff' }).end(value);
const parsed = (hit: Hit) => JSON.parse(hit.body.toString('utf8')) as Record<string, unknown>;

interface Case {
  provider: string;
  eventType: string;
  right: Answer;
  wrong: Answer;
  /** What the wrong answer's message must say. */
  wrongSays: string[];
  /** What the request the handler received must hold. */
  request(hit: Hit): void;
}

const CASES: Case[] = [
  {
    provider: 'discord',
    eventType: 'PING',
    right: (_hit, res) => json(res, { type: 1 }),
    // Answering a PING like a command.
    wrong: (_hit, res) => json(res, { type: 4, data: { content: 'pong' } }),
    wrongSays: ['answered 200 but type was 4', 'JSON field type = 1'],
    request: (hit) => {
      expect(parsed(hit).type).toBe(1);
      expect(hit.headers['x-signature-ed25519']).toMatch(/^[0-9a-f]{128}$/);
    },
  },
  {
    provider: 'zoom',
    eventType: 'endpoint.url_validation',
    right: (hit, res) => {
      const plainToken = (parsed(hit).payload as { plainToken: string }).plainToken;
      json(res, { plainToken, encryptedToken: createHmac('sha256', SECRET).update(plainToken).digest('hex') });
    },
    // A common mistake: echoing the token without hashing it.
    wrong: (hit, res) => {
      const plainToken = (parsed(hit).payload as { plainToken: string }).plainToken;
      json(res, { plainToken, encryptedToken: plainToken });
    },
    wrongSays: ['answered 200 but encryptedToken was', 'hex HMAC-SHA256(secret, payload.plainToken) = "'],
    request: (hit) => {
      expect(hit.method).toBe('POST');
      const verdict = verifyRequest(registry.require('zoom'), {
        headers: hit.rawHeaders,
        body: hit.body,
        secrets: [SECRET],
        nowMs: Date.now(),
      });
      expect(verdict.status).toBe('valid');
    },
  },
  {
    provider: 'twitch',
    eventType: 'webhook_callback_verification',
    right: (hit, res) => text(res, String(parsed(hit).challenge)),
    wrong: (hit, res) => json(res, { challenge: parsed(hit).challenge }),
    wrongSays: ['answered 200 but the body was "{', 'as the whole body (not JSON): the body = challenge = "'],
    request: (hit) => {
      expect(hit.headers['twitch-eventsub-message-type']).toBe('webhook_callback_verification');
      const verdict = verifyRequest(registry.require('twitch'), {
        headers: hit.rawHeaders,
        body: hit.body,
        secrets: [SECRET],
        nowMs: Date.now(),
      });
      expect(verdict.status).toBe('valid');
    },
  },
  {
    provider: 'asana',
    eventType: 'handshake',
    right: (hit, res) => res.writeHead(204, { 'X-Hook-Secret': String(hit.headers['x-hook-secret']) }).end(),
    wrong: (_hit, res) => res.writeHead(200).end('ok'),
    wrongSays: ['answered 200 but the X-Hook-Secret header was missing', `= the secret = "${SECRET}"`],
    request: (hit) => {
      expect(hit.method).toBe('POST');
      expect(hit.headers['x-hook-secret']).toBe(SECRET);
      expect(hit.body.byteLength).toBe(0);
      expect(hit.headers['x-hook-signature']).toBeUndefined();
    },
  },
  {
    provider: 'dropbox',
    eventType: 'verification',
    right: (hit, res) => text(res, new URL(hit.url, 'http://x').searchParams.get('challenge') ?? ''),
    wrong: (_hit, res) => text(res, 'hello'),
    wrongSays: ['answered 200 but the body was "hello"', 'the challenge query parameter = "'],
    request: (hit) => {
      expect(hit.method).toBe('GET');
      expect(new URL(hit.url, 'http://x').searchParams.get('challenge')).toMatch(/^[A-Za-z0-9]{43}$/);
      expect(hit.body.byteLength).toBe(0);
    },
  },
  {
    provider: 'slack',
    eventType: 'url_verification',
    right: (hit, res) => json(res, { challenge: parsed(hit).challenge }),
    wrong: (_hit, res) => text(res, 'ok'),
    wrongSays: ['answered 200 but the body was "ok"', '2 other accepted forms'],
    request: (hit) => {
      expect(hit.headers['x-slack-signature']).toMatch(/^v0=[0-9a-f]{64}$/);
    },
  },
];

/** A handler that answers every request with `answer`, recorded by the sink. */
async function handler(answer: Answer): Promise<TestServer> {
  const server = await startServer((_req, res, _body, hit) => answer(hit, res));
  cleanups.push(() => server.close());
  return server;
}

function sender() {
  const env = senderEnv({ registry: {} });
  cleanups.push(() => env.dispose());
  return env.sender({ clock: systemClock });
}

describe('handshakes through the real sender', () => {
  for (const c of CASES) {
    it(`${c.provider} ${c.eventType}: a right answer is delivered, a wrong one fails once, saying what was wrong`, async () => {
      const s = sender();
      const good = await handler(c.right);
      const ok = await s.sendAndWait({ provider: c.provider, eventType: c.eventType, url: good.url, secret: SECRET });
      expect(ok.status).toBe('delivered');
      expect(ok.attempts).toHaveLength(1);
      expect(ok.attempts[0].errorKind).toBeNull();
      expect(good.hits).toHaveLength(1);
      c.request(good.hits[0]);

      const bad = await handler(c.wrong);
      const failed = await s.sendAndWait({
        provider: c.provider,
        eventType: c.eventType,
        url: bad.url,
        secret: SECRET,
      });
      expect(failed.status).toBe('failed');
      // A handshake is not retried: one attempt, whatever the provider's ladder for events.
      expect(failed.attempts).toHaveLength(1);
      expect(bad.hits).toHaveLength(1);
      expect(failed.attempts[0]).toMatchObject({ status: 200, errorKind: 'handshake' });
      for (const part of c.wrongSays) expect(failed.attempts[0].handshakeProblem).toContain(part);
      // The stored attempt keeps the same message (delivery, --json, the UI read it from there).
      const detail = s.getDelivery(failed.deliveryId);
      expect(detail.attempts[0].errorMessage).toBe(failed.attempts[0].handshakeProblem);
      if (c.provider === 'dropbox') expect(detail.delivery.url).toMatch(/\?challenge=[A-Za-z0-9]{43}$/);
    });
  }
});

describe('handshakes in the handler check', () => {
  for (const c of CASES) {
    it(`${c.provider}: the handshake row passes a right handler and fails a wrong one with the reason`, async () => {
      const s = sender();
      const good = await handler(c.right);
      const pass = await s.check({
        url: good.url,
        provider: c.provider,
        eventType: c.eventType,
        secret: SECRET,
        scenarios: ['handshake'],
      });
      expect(pass.rows).toHaveLength(1);
      expect(pass.rows[0]).toMatchObject({ scenario: 'handshake', pass: true });
      expect(pass.notes[0]).toContain(`${c.eventType} is a handshake`);
      c.request(good.hits[0]);

      const bad = await handler(c.wrong);
      const fail = await s.check({
        url: bad.url,
        provider: c.provider,
        eventType: c.eventType,
        secret: SECRET,
        scenarios: ['handshake'],
      });
      expect(fail.rows[0]).toMatchObject({ scenario: 'handshake', pass: false, actual: '200, wrong' });
      for (const part of c.wrongSays) expect(fail.rows[0].note).toContain(part);
      expect(fail).toMatchObject({ passed: 0, failed: 1 });
    });
  }

  it('a full check of a provider with a handshake runs it first; one without has no handshake row', async () => {
    const s = sender();
    const slack = await handler((hit, res) => {
      const body = parsed(hit);
      if (body.type === 'url_verification') text(res, String(body.challenge));
      else res.writeHead(200).end();
    });
    const report = await s.check({
      url: slack.url,
      provider: 'slack',
      eventType: 'app_mention',
      secret: SECRET,
      scenarios: ['handshake', 'valid'],
    });
    expect(report.rows.map((r) => [r.scenario, r.pass])).toEqual([
      ['handshake', true],
      ['valid', true],
    ]);
    const linear = await s.check({
      url: slack.url,
      provider: 'linear',
      eventType: 'Issue',
      secret: SECRET,
      scenarios: ['handshake'],
    });
    expect(linear.rows[0]).toMatchObject({ scenario: 'handshake', pass: null, note: 'linear has no handshake' });

    // Dropbox: the echoed challenge without the recommended headers passes, and the row names them as advice.
    const bare = await handler((hit, res) =>
      res.writeHead(200).end(new URL(hit.url, 'http://x').searchParams.get('challenge') ?? ''),
    );
    const dropbox = await s.check({
      url: bare.url,
      provider: 'dropbox',
      eventType: 'list_folder',
      secret: SECRET,
      scenarios: ['handshake'],
    });
    expect(dropbox.rows[0]).toMatchObject({ scenario: 'handshake', pass: true });
    expect(dropbox.rows[0].note).toContain('advice: the Content-Type header was missing; Dropbox recommends');
    expect(dropbox.rows[0].note).toContain('X-Content-Type-Options = "nosniff"');
  });
});
