import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HookscopeError, isInputError, toErrorPayload, type ErrorCode } from '../shared/errors';
import type { ApiHandlers } from '../shared/api';
import { callApi } from '../core/api';
import { answerAndClose } from '../core/capture/answer-and-close';
import { declaredTooLarge } from '../core/capture/body-reader';
import { systemClock, type Clock } from '../core/clock';
import { checkHostAndOrigin, checkToken } from './guard';
import { CONTENT_SECURITY_POLICY, decodePath, placeholderPage, readStatic } from './static-files';
import { attachEventSocket } from './event-socket';
import type { EventBus } from '../core/events';

export interface ControlServerOptions {
  handlers: ApiHandlers;
  /** Core events pushed to pages over the WebSocket at /api/events. */
  events?: EventBus;
  /** Folder of the built renderer; a placeholder page is served when it is missing. */
  uiRoot: string;
  captureUrl: () => string;
  token?: string;
  /** Times how long a refused call's connection lingers before it is closed (the system clock by default). */
  clock?: Clock;
}

export interface ControlServer {
  server: Server;
  token: string;
  listen(port: number): Promise<AddressInfo>;
  close(): Promise<void>;
}

/** Largest API call body; larger ones get 413 PAYLOAD_TOO_LARGE, decided from Content-Length when it says so. */
export const MAX_CALL_BYTES = 16 * 1024 * 1024;

export function statusOf(code: ErrorCode): number {
  if (code === 'UNAUTHORIZED') return 401;
  if (code === 'PAYLOAD_TOO_LARGE') return 413;
  if (code === 'FORBIDDEN_ORIGIN') return 403;
  if (code.endsWith('_NOT_FOUND') || code.endsWith('_UNKNOWN')) return 404;
  if (code === 'CONFLICT' || code === 'ENDPOINT_EXISTS' || code === 'WEBHOOK_DISABLED') return 409;
  // The tunnel server (an upstream) failed or could not be reached: a gateway's error, not Hookscope's own.
  if (code === 'TUNNEL_FAILED') return 502;
  return isInputError(code) ? 400 : 500;
}

const JSON_HEADERS: readonly [string, string][] = [
  ['Content-Type', 'application/json'],
  ['Cache-Control', 'no-store'],
  ['X-Content-Type-Options', 'nosniff'],
];

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, JSON_HEADERS.flat());
  res.end(body);
}

/** The request target as a URL; one that cannot be parsed is the caller's error, never a 500. */
function parseTarget(target: string, port: number): URL {
  try {
    return new URL(target, `http://127.0.0.1:${port}`);
  } catch {
    throw new HookscopeError('BAD_INPUT', 'the request target is not a valid path');
  }
}

const tooLarge = () =>
  new HookscopeError('PAYLOAD_TOO_LARGE', `the call is larger than ${MAX_CALL_BYTES / 1024 / 1024} MiB`);

/** The call's JSON body; over MAX_CALL_BYTES it stops reading (the answer then closes the connection). */
function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (declaredTooLarge(req, MAX_CALL_BYTES)) return reject(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (c: Buffer) => {
      if (refused) return;
      size += c.length;
      if (size > MAX_CALL_BYTES) {
        refused = true;
        chunks.length = 0;
        reject(tooLarge());
      } else chunks.push(c);
    });
    req.on('end', () => {
      if (refused) return;
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve({});
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new HookscopeError('BAD_INPUT', 'the call body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

/**
 * The control API and UI for browser mode: 127.0.0.1 only, a per-run token,
 * and Host/Origin checks so no web page the user visits can read or drive it.
 * `POST /api/<method>` with JSON arguments calls the shared API contract.
 */
export function createControlServer(options: ControlServerOptions): ControlServer {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const clock = options.clock ?? systemClock;
  let port = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    checkHostAndOrigin(req, port);
    const url = parseTarget(req.url ?? '/', port);
    // A malformed %-escape is refused the same way on every path, API or file.
    const pathname = decodePath(url.pathname);
    if (pathname.startsWith('/api/')) {
      checkToken(req, token);
      if (req.method !== 'POST')
        throw new HookscopeError('BAD_INPUT', 'API calls are POST /api/<method> with JSON arguments');
      const method = pathname.slice('/api/'.length);
      const args = await readJson(req);
      sendJson(res, 200, { ok: true, result: await callApi(options.handlers, method, args) });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      throw new HookscopeError('BAD_INPUT', 'only GET serves the interface');
    const file =
      readStatic(options.uiRoot, url.pathname) ?? (url.pathname === '/' ? undefined : readStatic(options.uiRoot, '/'));
    const headers = {
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    };
    if (!file) {
      res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(placeholderPage(options.captureUrl()));
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': file.type });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      const payload = toErrorPayload(error);
      if (res.headersSent) return void res.destroy();
      if (req.complete) return sendJson(res, statusOf(payload.code), { ok: false, error: payload });
      // Refused before its body was read (too large, no token): answered, then closed without a reset overtaking the answer.
      const body = JSON.stringify({ ok: false, error: payload });
      answerAndClose(req, res, { status: statusOf(payload.code), headers: [...JSON_HEADERS], body }, (ms, run) =>
        clock.setTimer(ms, run),
      );
    });
  });

  const socket = options.events ? attachEventSocket(server, options.events, token, () => port) : undefined;

  return {
    server,
    token,
    listen(requested) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(requested, '127.0.0.1', () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          port = address.port;
          resolve(address);
        });
      });
    },
    close() {
      socket?.close();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
