import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/core/app';
import { startCaptureApp, type RunningCapture } from '../../helpers/capture-app';
import { MAX_FORWARD_HOPS } from '../../../src/core/replay/forward';
import { deadPort, headerOf, sendRaw, startTarget, type Target } from './support';

let cap: RunningCapture;
const targets: Target[] = [];
async function target(...args: Parameters<typeof startTarget>): Promise<Target> {
  const t = await startTarget(...args);
  targets.push(t);
  return t;
}

/** Waits until the capture has `n` replay rows (forwards are recorded after the answer). */
async function forwardsOf(id: number, n = 1, app = cap.app) {
  for (let i = 0; i < 200; i++) {
    const list = app.captures.find(id) ? app.replay.list(id) : [];
    if (list.length >= n) return list;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`capture ${id} has fewer than ${n} forwards`);
}

const bodyOf = (raw: Buffer) => raw.subarray(raw.indexOf('\r\n\r\n') + 4).toString();

beforeAll(async () => {
  cap = await startCaptureApp();
});
afterEach(async () => {
  for (const t of targets.splice(0)) await t.close();
});
afterAll(() => cap.close());

describe('live forwarding (rule mode)', () => {
  it('sends every capture to the forward URL as captured and records the answer with the capture', async () => {
    cap.app.createEndpoint('live');
    const t = await target((_hit, res) => res.writeHead(201).end('created'));
    cap.app.replay.setForward('live', `${t.url}/handler`);
    const body = Buffer.from([1, 0, 2, 255]);
    const { id, response } = await sendRaw(cap.port, {
      path: '/live/a/b?c=d',
      headers: [
        ['X-Sig', 's'],
        ['x-sig', 't'],
      ],
      body,
    });
    expect(response.status).toBe(200);
    expect(bodyOf(response.raw)).toBe(`{"ok":true,"id":${id}}`);
    const [forward] = await forwardsOf(id);
    expect(forward).toMatchObject({ kind: 'forward', captureId: id, ok: true, response: { status: 201 } });
    expect(Buffer.from(forward.response.bodyBase64, 'base64').toString()).toBe('created');
    expect(t.hits[0].url).toBe('/handler/a/b?c=d');
    expect(t.hits[0].body.equals(body)).toBe(true);
    expect(t.hits[0].headers.filter(([n]) => n.toLowerCase() === 'x-sig')).toEqual([
      ['X-Sig', 's'],
      ['x-sig', 't'],
    ]);
    expect(headerOf(t.hits[0].headers, 'x-hookscope-forwarded')).toBe('1');
  });

  it('records a target that is down and still answers the sender by the endpoint rule', async () => {
    cap.app.createEndpoint('down', { ...cap.app.endpoints.get('default').rule, status: 202, body: 'rule says hi' });
    const port = await deadPort();
    cap.app.replay.setForward('down', `http://127.0.0.1:${port}/`);
    const { id, response } = await sendRaw(cap.port, { path: '/down/x', headers: [], body: 'payload' });
    expect(response.status).toBe(202);
    expect(bodyOf(response.raw)).toBe('rule says hi');
    const [forward] = await forwardsOf(id);
    expect(forward).toMatchObject({
      kind: 'forward',
      ok: false,
      errorKind: 'connection-refused',
      response: { status: null },
    });
    expect(cap.app.captures.get(id).response).toMatchObject({ kind: 'answered', status: 202 });
  });

  it('never delays the acknowledgement for a slow target', async () => {
    cap.app.createEndpoint('slow');
    // The target holds its answer until the test releases it, so no clock decides the outcome.
    let release: () => void = () => {};
    const held = new Promise<void>((done) => (release = done));
    let answered = false;
    const t = await target((_hit, res) => {
      void held.then(() => {
        answered = true;
        res.writeHead(200).end('late');
      });
    });
    cap.app.replay.setForward('slow', t.url);
    const { id, response } = await sendRaw(cap.port, { path: '/slow/', headers: [], body: 'x' });
    expect(response.status).toBe(200);
    expect(answered).toBe(false);
    expect(cap.app.replay.list(id)).toHaveLength(0);
    release();
    const [forward] = await forwardsOf(id);
    expect(forward).toMatchObject({ kind: 'forward', ok: true });
  });

  it('does not forward a body it did not receive whole; the sender gets the 413', async () => {
    const small = await startCaptureApp({ bodyLimit: 1024 });
    try {
      small.app.createEndpoint('big');
      const t = await target();
      small.app.replay.setForward('big', t.url, 'proxy');
      const { id, response } = await sendRaw(small.port, { path: '/big/', headers: [], body: Buffer.alloc(4096, 7) });
      expect(response.status).toBe(413);
      const [forward] = await forwardsOf(id, 1, small.app);
      expect(forward).toMatchObject({
        errorKind: 'not-sent',
        errorMessage: expect.stringMatching(/not received whole \(body-too-large\)/),
      });
      expect(t.hits).toHaveLength(0);
    } finally {
      await small.close();
    }
  });

  it('stops a forwarding loop', async () => {
    cap.app.createEndpoint('loop');
    cap.app.replay.setForward('loop', `${cap.url}/loop`);
    const { id } = await sendRaw(cap.port, { path: '/loop/', headers: [], body: 'round' });
    // Each hop is a new capture of the same endpoint; the last one is not sent on.
    const ids = Array.from({ length: MAX_FORWARD_HOPS + 1 }, (_, i) => id + i);
    const last = (await forwardsOf(ids[MAX_FORWARD_HOPS]))[0];
    expect(last).toMatchObject({ errorKind: 'not-sent', errorMessage: expect.stringMatching(/forwarded 5 times/) });
    expect(headerOf(cap.app.captures.get(ids[MAX_FORWARD_HOPS]).headers, 'x-hookscope-forwarded')).toBe(
      String(MAX_FORWARD_HOPS),
    );
    cap.app.replay.setForward('loop', null);
  });
});

describe('live forwarding (proxy mode)', () => {
  it("passes the target's status, headers and body back to the sender", async () => {
    cap.app.createEndpoint('px');
    const t = await target((_hit, res) =>
      res.writeHead(409, { 'X-From': 'target', 'Content-Type': 'application/json' }).end('{"dup":true}'),
    );
    cap.app.replay.setForward('px', t.url, 'proxy');
    const { id, response } = await sendRaw(cap.port, {
      path: '/px/evt',
      headers: [['Content-Type', 'application/json']],
      body: '{"e":1}',
    });
    expect(response.status).toBe(409);
    const raw = response.raw.toString('latin1');
    expect(raw).toMatch(/X-From: target/);
    expect(raw).toMatch(new RegExp(`X-Hookscope-Capture-Id: ${id}`));
    expect(bodyOf(response.raw)).toBe('{"dup":true}');
    const [forward] = await forwardsOf(id);
    expect(cap.app.captures.get(id).response).toMatchObject({ kind: 'answered', status: 409, body: '{"dup":true}' });
    expect(forward).toMatchObject({ kind: 'forward', ok: false, errorKind: 'status', response: { status: 409 } });
  });

  it('answers 502 with a one-line reason when the target is down, and keeps the capture', async () => {
    cap.app.createEndpoint('pxdown');
    const port = await deadPort();
    cap.app.replay.setForward('pxdown', `http://127.0.0.1:${port}/`, 'proxy');
    const { id, response } = await sendRaw(cap.port, { path: '/pxdown/', headers: [], body: 'kept' });
    expect(response.status).toBe(502);
    const line = bodyOf(response.raw);
    expect(line).toMatch(
      /^hookscope could not get an answer from http:\/\/127\.0\.0\.1:\d+\/: connection-refused.*\n$/,
    );
    expect(line.trimEnd().split('\n')).toHaveLength(1);
    expect(cap.app.captures.get(id).body.toString()).toBe('kept');
    expect((await forwardsOf(id))[0].errorKind).toBe('connection-refused');
    expect(cap.app.captures.get(id).response).toMatchObject({ kind: 'answered', status: 502 });
  });

  it('a capture server without forwarding answers by rule, and forwarding can be switched off', async () => {
    cap.app.createEndpoint('offagain');
    const t = await target();
    cap.app.replay.setForward('offagain', t.url, 'proxy');
    cap.app.replay.setForward('offagain', null, 'rule');
    const { id, response } = await sendRaw(cap.port, { path: '/offagain/', headers: [], body: 'x' });
    expect(response.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(t.hits).toHaveLength(0);
    expect(cap.app.replay.list(id)).toHaveLength(0);
  });

  it('keeps its connection to the handler open: many proxied requests, one connection', async () => {
    cap.app.createEndpoint('pxkeep');
    const ports: number[] = [];
    const t = await target((_hit, res, req) => {
      ports.push(req.socket.remotePort ?? -1);
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`answer ${ports.length}`);
    });
    cap.app.replay.setForward('pxkeep', t.url, 'proxy');
    const ids: number[] = [];
    for (let i = 1; i <= 5; i++) {
      const { id, response } = await sendRaw(cap.port, { path: '/pxkeep/', headers: [], body: `n${i}` });
      expect(response.status).toBe(200);
      expect(bodyOf(response.raw)).toBe(`answer ${i}`);
      ids.push(id);
    }
    expect(t.hits.map((h) => h.body.toString())).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
    expect(new Set(ports).size).toBe(1);
    for (const [i, id] of ids.entries()) {
      const [forward] = await forwardsOf(id);
      expect(forward).toMatchObject({ ok: true, response: { status: 200 } });
      expect(forward.request.headers).toContainEqual(['Connection', 'keep-alive']);
      expect(cap.app.captures.get(id).response).toMatchObject({ status: 200, body: `answer ${i + 1}` });
    }
  });

  it('records forwards still queued when it closes, and the capture keeps the answer it was given', async () => {
    const own = await startCaptureApp();
    let reopened: App | undefined;
    try {
      own.app.createEndpoint('pxclose');
      const t = await target((_hit, res) => res.writeHead(201, { 'Content-Type': 'text/plain' }).end('made'));
      own.app.replay.setForward('pxclose', t.url, 'proxy');
      const { id, response } = await sendRaw(own.port, { path: '/pxclose/', headers: [], body: 'x' });
      expect(response.status).toBe(201);
      await own.app.close();
      reopened = createApp({ dataDir: own.dataDir });
      expect(reopened.replay.list(id)).toMatchObject([{ kind: 'forward', ok: true, response: { status: 201 } }]);
      expect(reopened.captures.get(id).response).toMatchObject({ kind: 'answered', status: 201, body: 'made' });
    } finally {
      await reopened?.close();
      await own.close();
    }
  });
});
