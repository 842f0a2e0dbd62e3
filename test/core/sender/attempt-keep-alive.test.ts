import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { performAttempt } from '../../../src/core/sender/attempt';
import type { KeepAliveAgents, PreparedRequest } from '../../../src/core/sender/types';
import { startServer } from './support/servers';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const request: PreparedRequest = {
  method: 'POST',
  headers: [['Content-Type', 'application/json']],
  body: new TextEncoder().encode('{"event":"x"}'),
};
const opts = { timeoutMs: 5000, success: '2xx' as const };

function agents(): KeepAliveAgents {
  const a = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  cleanups.push(() => (a.http.destroy(), a.https.destroy()));
  return a;
}

/** A handler that answers 200 and notes each request's client port: one port per connection. */
async function countingHandler() {
  const ports: number[] = [];
  const server = await startServer((req, res) => {
    ports.push(req.socket.remotePort ?? -1);
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
  });
  cleanups.push(() => server.close());
  return { server, ports, connections: () => new Set(ports).size };
}

/**
 * A raw HTTP/1.1 server: on its first connection it answers the first request
 * (keeping the connection open) and resets the connection when a second
 * request arrives on it, as a server does that closed an idle connection the
 * client was about to reuse; every later connection is answered normally.
 */
async function closesIdleConnections() {
  let connections = 0;
  let answered = 0;
  const server = createNetServer((socket: Socket) => {
    const n = ++connections;
    let requests = 0;
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      while (buffered.includes('\r\n\r\n') && buffered.includes('{"event":"x"}')) {
        buffered = buffered.slice(buffered.indexOf('{"event":"x"}') + '{"event":"x"}'.length);
        requests += 1;
        if (n === 1 && requests === 2) return void socket.resetAndDestroy();
        answered += 1;
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, connections: () => connections, answered: () => answered };
}

describe('performAttempt: fresh connections and kept-alive ones', () => {
  it('opens a fresh connection per attempt and closes it, as a provider does (the sender and replays)', async () => {
    const h = await countingHandler();
    for (let i = 0; i < 3; i++) expect(await performAttempt(h.server.url, request, opts)).toMatchObject({ ok: true });
    expect(h.connections()).toBe(3);
  });

  it('with keep-alive agents, attempts share one connection and say so in the request recorded', async () => {
    const h = await countingHandler();
    const keepAlive = agents();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await performAttempt(h.server.url, request, { ...opts, keepAlive }));
    expect(results.every((r) => r.ok && r.status === 200)).toBe(true);
    expect(h.ports).toHaveLength(4);
    expect(h.connections()).toBe(1);
    expect(results[0].request.headers).toContainEqual(['Connection', 'keep-alive']);
    expect(results[0].request.headers).not.toContainEqual(['Connection', 'close']);
  });

  it('tries again on a new connection when a reused one was closed by the server before any answer', async () => {
    const s = await closesIdleConnections();
    const keepAlive = agents();
    expect(await performAttempt(s.url, request, { ...opts, keepAlive })).toMatchObject({ ok: true, status: 200 });
    const second = await performAttempt(s.url, request, { ...opts, keepAlive });
    expect(second).toMatchObject({ ok: true, status: 200, errorKind: null });
    expect(s.connections()).toBe(2);
    expect(s.answered()).toBe(2);
  });

  it('does not send again when a fresh connection is reset: the handler may have seen the request', async () => {
    let hits = 0;
    const server = await startServer((req) => {
      hits += 1;
      req.socket.destroy();
    });
    cleanups.push(() => server.close());
    const r = await performAttempt(server.url, request, { ...opts, keepAlive: agents() });
    expect(r).toMatchObject({ ok: false, status: null, errorKind: 'connection-reset' });
    expect(hits).toBe(1);
  });
});
