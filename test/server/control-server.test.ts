import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

let serve: ServeProcess;
let dir: { path: string; remove(): void };
let uiPort: number;
let capturePort: number;

beforeAll(async () => {
  dir = tempDir();
  serve = await startServeProcess(dir.path);
  uiPort = Number(new URL(serve.info.uiUrl).port);
  capturePort = Number(new URL(serve.info.captureUrl).port);
});
afterAll(async () => {
  serve.child.kill('SIGTERM');
  await serve.exited;
  dir.remove();
});

/** Raw node:http so Host and Origin can be set to anything. */
function call(
  port: number,
  path: string,
  headers: Record<string, string>,
  body = '{}',
): Promise<{ status: number; json: any; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, json, text });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const own = () => ({ host: `127.0.0.1:${uiPort}`, authorization: `Bearer ${serve.info.token}` });

describe('control API security', () => {
  it('answers a call with its own Host and the token', async () => {
    const out = await call(uiPort, '/api/endpoints.list', own());
    expect(out.status).toBe(200);
    expect(out.json.result.map((e: { slug: string }) => e.slug)).toEqual(['default']);
  });

  it('refuses a foreign Host (DNS rebinding)', async () => {
    const out = await call(uiPort, '/api/endpoints.list', { ...own(), host: `evil.example:${uiPort}` });
    expect(out.status).toBe(403);
    expect(out.json.error.code).toBe('FORBIDDEN_ORIGIN');
  });

  it('refuses a foreign Origin', async () => {
    const out = await call(uiPort, '/api/endpoints.list', { ...own(), origin: 'https://evil.example' });
    expect(out.status).toBe(403);
    expect(out.json.error.code).toBe('FORBIDDEN_ORIGIN');
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    const { authorization: _, ...noToken } = own();
    expect((await call(uiPort, '/api/endpoints.list', noToken)).json.error.code).toBe('UNAUTHORIZED');
    const wrong = await call(uiPort, '/api/endpoints.list', { ...own(), authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
  });

  it('validates arguments and names the method and field', async () => {
    const bad = await call(uiPort, '/api/captures.get', own(), '{"id":"seven"}');
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('BAD_INPUT');
    expect(bad.json.error.message).toMatch(/captures\.get: id:/);
    const unknown = await call(uiPort, '/api/captures.drop', own());
    expect(unknown.json.error.code).toBe('METHOD_UNKNOWN');
    const notJson = await call(uiPort, '/api/captures.list', own(), '{oops');
    expect(notJson.json.error.code).toBe('BAD_INPUT');
  });

  it('the capture port serves no part of the control API: it records the attempt instead', async () => {
    const out = await call(capturePort, '/api/endpoints.list', { authorization: `Bearer ${serve.info.token}` });
    expect(out.status).toBe(200);
    expect(out.json).toMatchObject({ ok: true });
    expect(out.json.result).toBeUndefined();
    const listed = await call(uiPort, '/api/captures.list', own());
    expect(listed.json.result[0].path).toBe('/api/endpoints.list');
  });

  it('listens on loopback only, and serves the page with a strict CSP', async () => {
    const res = await fetch(serve.info.uiUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(new URL(serve.info.uiUrl).hostname).toBe('127.0.0.1');
  });
});

describe('event socket', () => {
  it('pushes new captures live to a client with the token, and refuses foreign origins or no token', async () => {
    const { WebSocket } = await import('ws');
    const url = `ws://127.0.0.1:${uiPort}/api/events`;
    const protocols = ['hookscope.events', `hookscope.token.${serve.info.token}`];
    const refused = (u: string, headers: Record<string, string> = {}) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(u, protocols, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => resolve(-1));
      });
    expect(
      await new Promise<number>((resolve) => {
        const ws = new WebSocket(url);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
      }),
    ).toBe(401);
    expect(await refused(url, { origin: 'https://evil.example' })).toBe(403);

    const ws = new WebSocket(url, protocols);
    await new Promise((r) => ws.on('open', r));
    expect(ws.protocol).toBe('hookscope.events');
    // Messages up to the one that adds /live/one. An earlier test's capture (the /api/endpoints.list probe) may
    // get its verdict after this socket opened: its captures.updated can come first, and is not about /live/one.
    type Message = { event: string; payload: { path: string }[] };
    const seen: Message[] = [];
    const added = new Promise<Message>((resolve) =>
      ws.on('message', (d) => {
        const m = JSON.parse(String(d)) as Message;
        seen.push(m);
        if (m.event === 'captures.added' && m.payload.some((c) => c.path === '/live/one')) resolve(m);
      }),
    );
    await fetch(`${serve.info.captureUrl}live/one`, { method: 'POST', body: '{}' });
    const got = await added;
    expect(got.payload.map((c) => c.path)).toEqual(['/live/one']);
    // Nothing about /live/one reached the socket before it was added.
    const before = seen.slice(0, seen.indexOf(got));
    expect(before.filter((m) => m.payload.some((c) => c.path === '/live/one'))).toEqual([]);
    ws.close();
  });
});
