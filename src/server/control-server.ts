import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HookscopeError, isInputError, toErrorPayload, type ErrorCode } from '../shared/errors';
import type { ApiHandlers } from '../shared/api';
import { callApi } from '../core/api';
import { checkHostAndOrigin, checkToken } from './guard';
import { CONTENT_SECURITY_POLICY, placeholderPage, readStatic } from './static-files';
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
}

export interface ControlServer {
  server: Server;
  token: string;
  listen(port: number): Promise<AddressInfo>;
  close(): Promise<void>;
}

const MAX_CALL_BYTES = 16 * 1024 * 1024;

function statusOf(code: ErrorCode): number {
  if (code === 'UNAUTHORIZED') return 401;
  if (code === 'FORBIDDEN_ORIGIN') return 403;
  if (code.endsWith('_NOT_FOUND') || code.endsWith('_UNKNOWN')) return 404;
  if (code === 'CONFLICT' || code === 'ENDPOINT_EXISTS' || code === 'WEBHOOK_DISABLED') return 409;
  return isInputError(code) ? 400 : 500;
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_CALL_BYTES) {
        reject(new HookscopeError('BAD_INPUT', 'the call is larger than 16 MiB'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => {
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
  let port = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    checkHostAndOrigin(req, port);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      checkToken(req, token);
      if (req.method !== 'POST') throw new HookscopeError('BAD_INPUT', 'API calls are POST /api/<method> with JSON arguments');
      const method = url.pathname.slice('/api/'.length);
      const args = await readJson(req);
      sendJson(res, 200, { ok: true, result: await callApi(options.handlers, method, args) });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HookscopeError('BAD_INPUT', 'only GET serves the interface');
    const file = readStatic(options.uiRoot, url.pathname) ?? (url.pathname === '/' ? undefined : readStatic(options.uiRoot, '/'));
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
      if (!res.headersSent) sendJson(res, statusOf(payload.code), { ok: false, error: payload });
      else res.destroy();
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
