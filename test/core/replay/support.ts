import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HeaderPair } from '../../../src/shared/capture-types';
import { rawRequest, type RawResponse } from '../../helpers/raw-http';

export interface TargetHit {
  method: string;
  url: string;
  headers: HeaderPair[];
  body: Buffer;
}

export interface Target {
  url: string;
  port: number;
  hits: TargetHit[];
  close(): Promise<void>;
}

type Handler = (hit: TargetHit, res: ServerResponse, req: IncomingMessage) => void;

/** A real handler on 127.0.0.1 port 0 that records every request exactly (raw header pairs, body bytes). */
export async function startTarget(handler: Handler = (_hit, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok')): Promise<Target> {
  const hits: TargetHit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers: HeaderPair[] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
      const hit = { method: req.method ?? '', url: req.url ?? '', headers, body: Buffer.concat(chunks) };
      hits.push(hit);
      handler(hit, res, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function deadPort(): Promise<number> {
  const t = await startTarget();
  await t.close();
  return t.port;
}

/** Sends exact bytes to a capture server; returns the capture id it names and the raw answer. */
export async function sendRaw(
  port: number,
  request: { method?: string; path: string; headers: HeaderPair[]; body?: Buffer | string },
): Promise<{ id: number; response: RawResponse }> {
  const body = typeof request.body === 'string' ? Buffer.from(request.body) : (request.body ?? Buffer.alloc(0));
  const lines = [`${request.method ?? 'POST'} ${request.path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, ...request.headers.map(([n, v]) => `${n}: ${v}`)];
  if (!request.headers.some(([n]) => n.toLowerCase() === 'content-length')) lines.push(`Content-Length: ${body.length}`);
  lines.push('Connection: close');
  const response = await rawRequest(port, [Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
  const id = Number(/X-Hookscope-Capture-Id: (\d+)/i.exec(response.raw.toString('latin1'))?.[1]);
  return { id, response };
}

export function headerOf(headers: readonly HeaderPair[], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

/**
 * Prynt's verification, as its documentation writes it (seeds/004: Node.js /
 * Express), independent of Hookscope's verifier: reject when
 * |now - X-Prynt-Timestamp| > 300 s, else compare `sha256=` + HMAC-SHA256 of
 * `${timestamp}.${rawBody}` timing-safely.
 */
export function pryntVerify(secret: string, headers: readonly HeaderPair[], rawBody: Buffer): { ok: true } | { ok: false; error: string } {
  const signature = headerOf(headers, 'x-prynt-signature') ?? '';
  const timestamp = headerOf(headers, 'x-prynt-timestamp') ?? '';
  const age = Math.abs(Date.now() / 1000 - parseInt(timestamp));
  if (!(age <= 300)) return { ok: false, error: 'Webhook timestamp too old' };
  const payload = `${timestamp}.${rawBody}`;
  const expected = 'sha256=' + createHmac('sha256', secret).update(payload).digest('hex');
  const a = Buffer.from(signature);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, error: 'Invalid webhook signature' };
  return { ok: true };
}

/** A Prynt handler answering 200 {received:true} or 401 {error}, as the documented Express example does. */
export function pryntHandler(secret: string): Promise<Target> {
  return startTarget((hit, res) => {
    const verdict = pryntVerify(secret, hit.headers, hit.body);
    if (!verdict.ok) return void res.writeHead(401, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: verdict.error }));
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ received: true }));
  });
}

/** Signs like Prynt: X-Prynt-Timestamp and X-Prynt-Signature: sha256=<hex of HMAC("<ts>.<body>")>. */
export function pryntHeaders(secret: string, body: string, timestampSec: number): HeaderPair[] {
  const signature = 'sha256=' + createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex');
  return [
    ['Content-Type', 'application/json'],
    ['X-Prynt-Signature', signature],
    ['X-Prynt-Event', 'identification.complete'],
    ['X-Prynt-Delivery', 'evt_9fJ3kL7mNpR2x'],
    ['X-Prynt-Timestamp', String(timestampSec)],
  ];
}
