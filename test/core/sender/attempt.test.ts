import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { performAttempt, RESPONSE_BODY_LIMIT } from '../../../src/core/sender/attempt';
import type { PreparedRequest } from '../../../src/core/sender/types';
import { HookscopeError } from '../../../src/shared/errors';
import { tempDir } from '../../helpers/temp-dir';
import { startServer } from './support/servers';
import { selfSignedServer } from './support/tls';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const body = new TextEncoder().encode('{"event":"x"}');
const request: PreparedRequest = {
  method: 'POST',
  headers: [
    ['Content-Type', 'application/json'],
    ['X-Sig', 'abc'],
  ],
  body,
};
const opts = { timeoutMs: 2000, success: '2xx' as const };

async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('performAttempt', () => {
  it('records the request as sent and the answer', async () => {
    const server = await startServer((req, res) =>
      res.writeHead(202, { 'X-Reply': 'yes' }).end(`got ${req.headers['x-sig']}`),
    );
    cleanups.push(() => server.close());
    const r = await performAttempt(server.url, request, opts);
    expect(r).toMatchObject({ ok: true, status: 202, errorKind: null, errorMessage: null });
    expect(Buffer.from(r.responseBody).toString()).toBe('got abc');
    expect(r.responseHeaders).toContainEqual(['X-Reply', 'yes']);
    expect(r.request.headers).toEqual([
      ['Content-Type', 'application/json'],
      ['X-Sig', 'abc'],
      ['Host', `127.0.0.1:${server.port}`],
      ['Content-Length', String(body.length)],
      ['Connection', 'close'],
    ]);
    expect(server.hits[0].body.toString()).toBe('{"event":"x"}');
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("judges the status by the provider's rule: a 201 fails under exactly-200, passes under 2xx", async () => {
    const server = await startServer((_req, res) => res.writeHead(201).end());
    cleanups.push(() => server.close());
    expect(await performAttempt(server.url, request, { ...opts, success: 'exactly-200' })).toMatchObject({
      ok: false,
      status: 201,
      errorKind: 'status',
    });
    expect(await performAttempt(server.url, request, opts)).toMatchObject({ ok: true, status: 201, errorKind: null });
  });

  it('keeps the first 64 KiB of a response body and counts the rest', async () => {
    const big = Buffer.alloc(100 * 1024, 'a');
    const server = await startServer((_req, res) => res.writeHead(500).end(big));
    cleanups.push(() => server.close());
    const r = await performAttempt(server.url, request, opts);
    expect(r).toMatchObject({ ok: false, status: 500, errorKind: 'status', responseSize: big.length });
    expect(r.responseBody.length).toBe(RESPONSE_BODY_LIMIT);
  });

  it("'timeout' when the handler never answers, after the (real-time) timeout", async () => {
    const server = await startServer(() => undefined);
    cleanups.push(() => server.close());
    const r = await performAttempt(server.url, request, { ...opts, timeoutMs: 300 });
    expect(r).toMatchObject({ ok: false, status: null, errorKind: 'timeout' });
    expect(r.durationMs).toBeGreaterThanOrEqual(295);
    expect(r.durationMs).toBeLessThan(5000); // late only by what a loaded machine adds
    expect(server.hits).toHaveLength(1);
  });

  it("'connection-refused' on a closed port", async () => {
    const port = await freePort();
    const r = await performAttempt(`http://127.0.0.1:${port}/hook`, request, opts);
    expect(r).toMatchObject({ ok: false, status: null, errorKind: 'connection-refused' });
    expect(r.errorMessage).toContain('ECONNREFUSED');
  });

  it("'connection-reset' when the server destroys the socket before answering", async () => {
    const server = await startServer((req) => req.socket.destroy());
    cleanups.push(() => server.close());
    expect(await performAttempt(server.url, request, opts)).toMatchObject({
      ok: false,
      status: null,
      errorKind: 'connection-reset',
    });
  });

  it("'connection-reset' on a TCP reset (RST) right after the request", async () => {
    const server = createNetServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const port = (server.address() as AddressInfo).port;
    expect(await performAttempt(`http://127.0.0.1:${port}/hook`, request, opts)).toMatchObject({
      errorKind: 'connection-reset',
    });
  });

  it("'dns' for a name that does not resolve (.invalid), and fast", async () => {
    const r = await performAttempt('http://hookscope-check.invalid/hook', request, { ...opts, timeoutMs: 10_000 });
    expect(r).toMatchObject({ ok: false, status: null, errorKind: 'dns' });
    expect(r.durationMs).toBeLessThan(5000);
  });

  it("'tls' for a self-signed certificate, and the handler never sees the request", async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const server = await selfSignedServer(dir.path);
    cleanups.push(() => server.close());
    const r = await performAttempt(server.url, request, opts);
    expect(r).toMatchObject({ ok: false, status: null, errorKind: 'tls' });
    expect(r.errorMessage).toMatch(/self.signed/i);
    expect(server.requests).toBe(0);
  });

  it("'interrupted' when aborted mid-request", async () => {
    const server = await startServer(() => undefined);
    cleanups.push(() => server.close());
    const controller = new AbortController();
    const pending = performAttempt(server.url, request, { ...opts, signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect(await pending).toMatchObject({ ok: false, errorKind: 'interrupted' });
  });

  it('refuses a URL that is not http(s) with BAD_INPUT', () => {
    expect(() => performAttempt('ftp://example.invalid/', request, opts)).toThrow(HookscopeError);
    expect(() => performAttempt('not a url', request, opts)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});
