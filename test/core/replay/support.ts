import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeaderPair } from '../../../src/shared/capture-types';
import { rawRequest, type RawResponse } from '../../helpers/raw-http';
import { startSink, type Sink } from '../../helpers/sink-server';

export interface TargetHit {
  method: string;
  url: string;
  headers: HeaderPair[];
  body: Buffer;
}

export interface Target extends Omit<Sink, 'hits'> {
  hits: TargetHit[];
}

type Handler = (hit: TargetHit, res: ServerResponse, req: IncomingMessage) => void;

/** The shared sink (test/helpers/sink-server.ts), its hits with the raw header pairs exactly as received. */
export async function startTarget(
  handler: Handler = (_hit, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok'),
): Promise<Target> {
  const hits: TargetHit[] = [];
  const sink = await startSink((raw, res, req) => {
    const hit = { method: raw.method, url: raw.url, headers: raw.rawHeaders, body: raw.body };
    hits.push(hit);
    handler(hit, res, req);
  });
  return { url: sink.url, port: sink.port, hits, close: sink.close };
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
  const lines = [
    `${request.method ?? 'POST'} ${request.path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    ...request.headers.map(([n, v]) => `${n}: ${v}`),
  ];
  if (!request.headers.some(([n]) => n.toLowerCase() === 'content-length'))
    lines.push(`Content-Length: ${body.length}`);
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
export function pryntVerify(
  secret: string,
  headers: readonly HeaderPair[],
  rawBody: Buffer,
): { ok: true } | { ok: false; error: string } {
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
    if (!verdict.ok)
      return void res
        .writeHead(401, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ error: verdict.error }));
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
