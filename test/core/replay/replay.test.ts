import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureApp, type RunningCapture } from '../../helpers/capture-app';
import {
  deadPort,
  headerOf,
  pryntHandler,
  pryntHeaders,
  pryntVerify,
  sendRaw,
  startTarget,
  type Target,
} from './support';

const SECRET = 'whsec_a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6';
const PRYNT_BODY = JSON.stringify({
  webhookId: 'wh_3kR8mNqT7xP2v',
  eventId: 'evt_9fJ3kL7mNpR2x',
  eventType: 'identification.complete',
  apiVersion: '2026-01-15',
  createdAt: '2026-02-14T11:45:22.341Z',
  idempotencyKey: 'idk_a7f2c9e1b3d4',
  data: { requestId: 'req_1707832921_a7f2c9', visitorId: 'pv_8kX2mNqR3jT7p', confidence: 0.995 },
});

let cap: RunningCapture;
const targets: Target[] = [];
async function target(...args: Parameters<typeof startTarget>): Promise<Target> {
  const t = await startTarget(...args);
  targets.push(t);
  return t;
}

beforeAll(async () => {
  cap = await startCaptureApp();
  cap.app.createEndpoint('shop');
  cap.app.createEndpoint('prynt', undefined, 'prynt');
  cap.app.setEndpointSecrets('prynt', [SECRET]);
  cap.app.createEndpoint('lrd', undefined, 'lrdefender');
  cap.app.setEndpointSecrets('lrd', ['whsec_lrd_secret']);
});
afterEach(async () => {
  for (const t of targets.splice(0)) await t.close();
});
afterAll(() => cap.close());

describe('replay as captured', () => {
  it('sends the same method, path suffix, query, headers (minus hop-by-hop) and body bytes, and records the exchange', async () => {
    const body = Buffer.from([0, 1, 2, 255, 254, 13, 10, 0x7b]);
    const { id } = await sendRaw(cap.port, {
      method: 'PUT',
      path: '/shop/orders/7?x=1&y=%20',
      headers: [
        ['X-MiXeD', 'One'],
        ['x-dup', 'a'],
        ['X-Dup', 'b'],
        ['Keep-Alive', 'timeout=5'],
        ['Proxy-Authorization', 'secret'],
        ['Content-Type', 'application/octet-stream'],
      ],
      body,
    });
    const t = await target((_hit, res) => res.writeHead(202, { 'X-Handler': 'yes' }).end('accepted'));
    cap.app.replay.setForward('shop', `${t.url}/hooks/`);
    const replay = await cap.app.replay.replay(id);

    expect(t.hits).toHaveLength(1);
    const hit = t.hits[0];
    expect(hit.method).toBe('PUT');
    expect(hit.url).toBe('/hooks/orders/7?x=1&y=%20');
    expect(hit.body.equals(body)).toBe(true);
    const sentNames = hit.headers.map(([n]) => n.toLowerCase());
    expect(sentNames).not.toContain('keep-alive');
    expect(sentNames).not.toContain('proxy-authorization');
    // Every copied header arrives with its case, order and duplicates; the client adds Host, Content-Length, Connection.
    expect(hit.headers.filter(([n]) => !['host', 'content-length', 'connection'].includes(n.toLowerCase()))).toEqual([
      ['X-MiXeD', 'One'],
      ['x-dup', 'a'],
      ['X-Dup', 'b'],
      ['Content-Type', 'application/octet-stream'],
    ]);
    expect(headerOf(hit.headers, 'content-length')).toBe(String(body.length));

    expect(replay).toMatchObject({
      captureId: id,
      kind: 'replay',
      status: 202,
      ok: true,
      errorKind: null,
      edited: false,
      resigned: null,
    });
    expect(replay.url).toBe(`${t.url}/hooks/orders/7?x=1&y=%20`);
    expect(Buffer.from(replay.responseBody).toString()).toBe('accepted');
    expect(replay.responseHeaders).toContainEqual(['X-Handler', 'yes']);
    expect(replay.request.body.equals(body)).toBe(true);
    expect(cap.app.replay.list(id).map((r) => r.id)).toEqual([replay.id]);
  });

  it('sends to an explicit URL exactly as given, and edits method, headers and body', async () => {
    const { id } = await sendRaw(cap.port, {
      path: '/shop/x',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Keep', '1'],
      ],
      body: '{"a":1}',
    });
    const t = await target();
    const replay = await cap.app.replay.replay(id, {
      url: `${t.url}/exact?q=2`,
      method: 'PATCH',
      headers: [
        ['X-Keep', '2'],
        ['Transfer-Encoding', 'chunked'],
        ['X-New', 'n'],
      ],
      body: Buffer.from('{"a":2}'),
    });
    expect(t.hits[0]).toMatchObject({ method: 'PATCH', url: '/exact?q=2' });
    expect(t.hits[0].body.toString()).toBe('{"a":2}');
    expect(headerOf(t.hits[0].headers, 'x-keep')).toBe('2');
    expect(headerOf(t.hits[0].headers, 'transfer-encoding')).toBeUndefined();
    expect(replay.edited).toBe(true);
  });

  it('records a handler that is down with its failure kind', async () => {
    const { id } = await sendRaw(cap.port, { path: '/shop/down', headers: [], body: 'x' });
    const port = await deadPort();
    const replay = await cap.app.replay.replay(id, { url: `http://127.0.0.1:${port}/` });
    expect(replay).toMatchObject({ ok: false, status: null, errorKind: 'connection-refused' });
    expect(cap.app.replay.get(replay.id).errorKind).toBe('connection-refused');
  });

  it('refuses, sending and recording nothing, what it cannot do', async () => {
    const { id } = await sendRaw(cap.port, { path: '/shop/refuse', headers: [], body: 'x' });
    const before = cap.app.replay.list(id).length;
    cap.app.replay.setForward('shop', null);
    await expect(cap.app.replay.replay(id)).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/no forward URL/),
    });
    await expect(cap.app.replay.replay(id, { url: 'ftp://example.test/' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(cap.app.replay.replay(id, { url: 'http://127.0.0.1:1/', method: 'GE T' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(
      cap.app.replay.replay(id, { url: 'http://127.0.0.1:1/', headers: [['Bad Name', 'x']] }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/"Bad Name"/) });
    await expect(
      cap.app.replay.replay(id, { url: 'http://127.0.0.1:1/', headers: [['X-Split', 'a\r\nInjected: 1']] }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(cap.app.replay.replay(id, { url: 'http://127.0.0.1:1/', resign: true })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/no provider/),
    });
    await expect(cap.app.replay.replay(99_999, { url: 'http://127.0.0.1:1/' })).rejects.toMatchObject({
      code: 'CAPTURE_NOT_FOUND',
    });
    expect(cap.app.replay.list(id)).toHaveLength(before);
  });
});

describe('re-signing', () => {
  it('a Prynt event signed ten minutes ago fails the documented verification as is, and passes it re-signed', async () => {
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    const headers = pryntHeaders(SECRET, PRYNT_BODY, tenMinutesAgo);
    const { id } = await sendRaw(cap.port, { path: '/prynt/webhooks', headers, body: PRYNT_BODY });
    const stored = cap.app.captureAnalyzed(id);
    expect(stored.provider).toBe('prynt');
    expect(stored.signatureStatus).toBe('stale');

    const handler = await pryntHandler(SECRET);
    const asIs = await cap.app.replay.replay(id, { url: `${handler.url}/webhooks/prynt` });
    expect(asIs.status).toBe(401);
    expect(pryntVerify(SECRET, handler.hits[0].headers, handler.hits[0].body)).toEqual({
      ok: false,
      error: 'Webhook timestamp too old',
    });
    expect(asIs.warnings.join(' ')).toMatch(/\d+ s old, outside its 300 s tolerance/);

    const resigned = await cap.app.replay.replay(id, { url: `${handler.url}/webhooks/prynt`, resign: true });
    expect(resigned.status).toBe(200);
    expect(pryntVerify(SECRET, handler.hits[1].headers, handler.hits[1].body)).toEqual({ ok: true });
    expect(handler.hits[1].body.toString()).toBe(PRYNT_BODY);
    expect(resigned.resigned).toMatchObject({ provider: 'prynt', scheme: 'prynt/default', secretIndex: 0 });
    expect(Math.abs(resigned.resigned!.timestamp - Date.now() / 1000)).toBeLessThan(5);
    // The signature and timestamp headers were rewritten in place; every other header as captured.
    expect(handler.hits[1].headers.filter(([n]) => n.startsWith('X-Prynt')).map(([n]) => n)).toEqual(
      headers.slice(1).map(([n]) => n),
    );
    expect(headerOf(handler.hits[1].headers, 'x-prynt-delivery')).toBe('evt_9fJ3kL7mNpR2x');
    expect(resigned.warnings).toEqual([]);
  });

  it('re-signs with a chosen secret, and an edited body is signed as sent', async () => {
    const ts = Math.floor(Date.now() / 1000);
    const { id } = await sendRaw(cap.port, {
      path: '/prynt/x',
      headers: pryntHeaders(SECRET, PRYNT_BODY, ts),
      body: PRYNT_BODY,
    });
    const other = 'whsec_other';
    const handler = await pryntHandler(other);
    const edited = Buffer.from(PRYNT_BODY.replace('0.995', '0.5'));
    const replay = await cap.app.replay.replay(id, { url: handler.url, secret: other, body: edited });
    expect(replay.status).toBe(200);
    expect(replay.resigned?.secretIndex).toBeNull();
    expect(handler.hits[0].body.equals(edited)).toBe(true);

    const unsigned = await cap.app.replay.replay(id, { url: handler.url, body: edited });
    expect(unsigned.status).toBe(401);
    expect(unsigned.warnings.join(' ')).toMatch(/edited but not re-signed/);
  });

  it('re-signs a timestamped LRDefender event (t=...,v1=... in one header)', async () => {
    const secret = 'whsec_lrd_secret';
    const body = JSON.stringify({
      type: 'bot.detected',
      webhookId: 'wh_1',
      timestamp: '2026-02-14T11:45:22.341Z',
      data: { deviceId: 'a'.repeat(24), botScore: 0.9, isBot: true },
    });
    const old = Math.floor(Date.now() / 1000) - 900;
    const sig = createHmac('sha256', secret).update(`${old}.${body}`).digest('hex');
    const { id } = await sendRaw(cap.port, {
      path: '/lrd/hook',
      headers: [
        ['Content-Type', 'application/json'],
        ['X-Webhook-Signature', `t=${old},v1=${sig}`],
      ],
      body,
    });
    const t = await target();
    const asIs = await cap.app.replay.replay(id, { url: t.url });
    expect(asIs.warnings.join(' ')).toMatch(/LRDefender signature timestamp is \d+ s old/);
    const replay = await cap.app.replay.replay(id, { url: t.url, resign: true });
    const value = headerOf(t.hits[1].headers, 'x-webhook-signature')!;
    const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(value)!;
    expect(Number(m[1])).toBe(replay.resigned!.timestamp);
    expect(m[2]).toBe(createHmac('sha256', secret).update(`${m[1]}.${body}`).digest('hex'));
  });
});
