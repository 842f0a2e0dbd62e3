import { request } from 'node:http';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { callApi, createApiHandlers } from '../../../src/core/api';
import { systemClock } from '../../../src/core/clock';
import { createEventBus } from '../../../src/core/events';
import { runTunnelSelfTest, SELF_TEST_PREFIX } from '../../../src/core/tunnel';
import type { TunnelStatus } from '../../../src/shared/tunnel-types';
import { startCaptureApp, type RunningCapture } from '../../helpers/capture-app';
import { startLtServer, type LtServer } from './support/lt-server';
import { waitFor } from '../../helpers/wait';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function setup(
  backoff: (attempt: number) => number = () => 40,
): Promise<{ cap: RunningCapture; lt: LtServer; statuses: TunnelStatus[] }> {
  const lt = await startLtServer();
  cleanups.push(() => lt.close());
  const cap = await startCaptureApp({ tunnel: { backoff } });
  cleanups.push(() => cap.close());
  const statuses: TunnelStatus[] = [];
  cap.app.events.subscribe((event, payload) => {
    if (event === 'tunnel.status') statuses.push(payload as TunnelStatus);
  });
  return { cap, lt, statuses };
}

/** A request with headers exactly as given (case and order), through a public URL. */
function send(
  url: string,
  path: string,
  headers: [string, string][],
  body: Buffer,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(path, url);
    const flat = ['Host', target.host, ...headers.flat(), 'Content-Length', String(body.length)];
    const req = request(target, { method: 'POST', headers: flat }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the public tunnel, driving the real localtunnel client through a localtunnel-protocol server on 127.0.0.1', () => {
  it('opens a public URL that forwards to the capture server, headers and body byte for byte', async () => {
    const { cap, lt, statuses } = await setup();
    const status = await cap.app.tunnel.start({ host: lt.url });
    expect(status.state).toBe('open');
    const [id] = lt.clients();
    expect(status.url).toBe(lt.publicUrl(id));
    expect(status.localPort).toBe(cap.port);
    // A self-hosted server has no reminder page, so no note about it.
    expect(status.notes).toEqual([]);
    expect(statuses.map((s) => s.state)).toEqual(['connecting', 'open']);
    await lt.waitForSockets(id, 3);

    const body = Buffer.from([0x00, 0xff, 0x7b, 0x0a, 0x80]);
    const answer = await send(
      status.url!,
      '/default/hook?x=1',
      [
        ['X-Weird-CASE', 'A'],
        ['x-dup', '1'],
        ['X-Dup', '2'],
      ],
      body,
    );
    expect(answer.status).toBe(200);
    const captureId = JSON.parse(answer.body).id as number;
    const stored = cap.app.captures.get(captureId);
    expect(stored.path).toBe('/default/hook');
    expect(stored.body.equals(body)).toBe(true);
    const names = stored.headers.map(([name]) => name);
    expect(names.indexOf('X-Weird-CASE')).toBeGreaterThanOrEqual(0);
    expect(stored.headers.filter(([n]) => n.toLowerCase() === 'x-dup')).toEqual([
      ['x-dup', '1'],
      ['X-Dup', '2'],
    ]);
  });

  it('exposes the capture server only: an /api/ path through the tunnel becomes a capture, and no argument can aim it elsewhere', async () => {
    const { cap, lt } = await setup();
    const status = await cap.app.tunnel.start({ host: lt.url });
    const answer = await send(status.url!, '/api/app.info', [['Content-Type', 'application/json']], Buffer.from('{}'));
    expect(answer.status).toBe(200);
    const reply = JSON.parse(answer.body) as { ok: boolean; id: number };
    expect(cap.app.captures.get(reply.id).path).toBe('/api/app.info');

    const handlers = createApiHandlers(cap.app, { version: 'test', captureUrl: () => cap.url });
    await expect(callApi(handlers, 'tunnel.start', { host: lt.url, port: 8788 })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await expect(callApi(handlers, 'tunnel.start', { host: 'file:///etc/passwd' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    expect(await callApi(handlers, 'tunnel.status', {})).toMatchObject({ state: 'open', localPort: cap.port });
  });

  it('asks for the subdomain given, and says so when the server gave another because it was taken', async () => {
    const { cap, lt } = await setup();
    const first = await cap.app.tunnel.start({ host: lt.url, subdomain: 'my-hooks' });
    expect(lt.clients()).toEqual(['my-hooks']);
    expect(first.url).toBe(lt.publicUrl('my-hooks'));

    const other = await startCaptureApp();
    cleanups.push(() => other.close());
    const second = await other.app.tunnel.start({ host: lt.url, subdomain: 'my-hooks' });
    expect(second.state).toBe('open');
    expect(second.url).not.toBe(first.url);
    expect(second.notes[0]).toMatch(/"my-hooks" was taken/);
  });

  it('reconnects by itself with backoff when the link drops, and the same URL works again', async () => {
    const delays: number[] = [];
    const { cap, lt, statuses } = await setup((attempt) => {
      delays.push(attempt);
      return 30 * attempt;
    });
    const status = await cap.app.tunnel.start({ host: lt.url });
    const [id] = lt.clients();
    await lt.waitForSockets(id, 3);

    // The server goes away for a while: it forgets the client and refuses new ones.
    lt.refuseAssignments(503);
    await lt.dropClient(id);
    await waitFor('three failed attempts', () => statuses.filter((s) => s.state === 'reconnecting').length >= 4);
    lt.refuseAssignments(null);
    await waitFor('the tunnel open again', () => statuses.at(-1)?.state === 'open');

    const reconnecting = statuses.filter((s) => s.state === 'reconnecting');
    expect(reconnecting[0].error).toMatchObject({ code: 'TUNNEL_FAILED' });
    expect(reconnecting[0].error!.message).toMatch(/refused the connection|no connection/);
    expect(reconnecting[1].error!.message).toMatch(/503/);
    expect(reconnecting.map((s) => s.attempt).slice(0, 4)).toEqual([1, 2, 3, 4]);
    expect(delays.slice(0, 4)).toEqual([1, 2, 3, 4]);
    expect(reconnecting[2].retryAt!).toBeGreaterThan(reconnecting[1].retryAt!);
    // It asked for the subdomain it had, so the URL did not change.
    expect(lt.assignments.filter((a) => a.status === 200).map((a) => a.id)).toEqual([id, id]);
    const reopened = statuses.at(-1)!;
    expect(reopened).toMatchObject({ state: 'open', url: status.url, attempt: 0, error: null });

    await lt.waitForSockets(id, 1);
    const answer = await send(status.url!, '/default/after-drop', [['X-After', 'yes']], Buffer.from('again'));
    expect(answer.status).toBe(200);
    expect(cap.app.captures.get(JSON.parse(answer.body).id).body.toString()).toBe('again');
  });

  it('self-test: a request through the public URL arrives here as a capture', async () => {
    const { cap, lt } = await setup();
    await expect(cap.app.tunnel.selfTest()).rejects.toMatchObject({ code: 'CONFLICT' });
    await cap.app.tunnel.start({ host: lt.url });
    const result = await cap.app.tunnel.selfTest();
    expect(result.ok).toBe(true);
    expect(result.status).toBe(200);
    expect(result.message).toMatch(/arrived as capture #\d+/);
    const stored = cap.app.captures.get(result.captureId!);
    expect(stored.path.startsWith(`/${SELF_TEST_PREFIX}-`)).toBe(true);
    expect(stored.headers).toContainEqual(['bypass-tunnel-reminder', 'hookscope']);
  });

  it('self-test names the reminder page when the tunnel answers with it instead of forwarding', async () => {
    const reminder: Server = createServer((_req, res) => {
      res.writeHead(401, { 'content-type': 'text/html' }).end('<h1>Friendly Reminder</h1>');
    });
    await new Promise<void>((r) => reminder.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise<void>((r) => reminder.close(() => r())));
    const url = `http://127.0.0.1:${(reminder.address() as AddressInfo).port}`;
    const result = await runTunnelSelfTest({
      url,
      events: createEventBus(),
      clock: systemClock,
      timeoutMs: 3000,
      answerGraceMs: 200,
    });
    expect(result).toMatchObject({ ok: false, status: 401, captureId: null });
    expect(result.message).toMatch(/reminder page/);
  });

  it('a first connection that fails is an error with its cause, and stop closes a running tunnel', async () => {
    const { cap, lt, statuses } = await setup();
    await expect(cap.app.tunnel.start({ host: lt.url, subdomain: 'x' })).rejects.toMatchObject({
      code: 'TUNNEL_FAILED',
    });
    expect(cap.app.tunnel.status()).toMatchObject({ state: 'error', url: null });
    expect(cap.app.tunnel.status().error!.message).toMatch(/403 Invalid subdomain/);

    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}`;
    await new Promise<void>((r) => dead.close(() => r()));
    await expect(cap.app.tunnel.start({ host: deadUrl })).rejects.toMatchObject({ code: 'TUNNEL_FAILED' });
    expect(cap.app.tunnel.status().error!.message).toMatch(
      /^the tunnel server http:\/\/127\.0\.0\.1:\d+ refused the connection: it is not running there.* \(ECONNREFUSED\)$/,
    );

    await cap.app.tunnel.start({ host: lt.url });
    const [id] = lt.clients();
    await lt.waitForSockets(id, 3);
    expect(cap.app.tunnel.stop()).toMatchObject({ state: 'closed', url: null, error: null });
    await waitFor('the sockets closed', () => lt.socketCount(id) === 0);
    expect(statuses.map((s) => s.state)).toEqual([
      'connecting',
      'error',
      'connecting',
      'error',
      'connecting',
      'open',
      'closed',
    ]);
  });
});
