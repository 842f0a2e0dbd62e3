import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { CaptureResponse, Endpoint, HeaderPair } from '../../shared/capture-types';
import { defaultResponseBody, type NewCapture } from '../store/captures';
import type { Clock } from '../clock';
import { answerAndClose } from './answer-and-close';
import { declaredLength, declaredTooLarge, readBody, type BodyResult } from './body-reader';
import type { EndpointRouter } from './endpoint-router';
import { planResponse } from './rules';
import type { BatchWriter } from './writer';

export interface CaptureServerOptions {
  router: EndpointRouter;
  writer: BatchWriter;
  clock: Clock;
  /** Largest body stored whole; larger ones get 413 and a truncated row. */
  bodyLimit: number;
  /** A client that has not sent its whole request by then gets 408. */
  requestTimeoutMs: number;
  /** Told of failures that were answered (never thrown): a full disk, say. */
  onError?: (error: unknown) => void;
  /**
   * Live forwarding, called for endpoints with a forward URL once the row is
   * committed. In proxy mode its answer replaces the rule's (none: the rule
   * answers); otherwise the rule answers at once and the forward runs on its own.
   */
  forward?: (id: number, row: NewCapture, endpoint: Endpoint) => Promise<ProxyAnswer | undefined>;
}

/** What a proxying endpoint answers with instead of its rule: its forward target's answer. */
export interface ProxyAnswer {
  status: number;
  headers: HeaderPair[];
  body: Buffer;
}

/**
 * Most header lines a request may have. Node's own cap (maxHeadersCount) drops
 * the rest silently; it is lifted (the 16 KiB header size limit still bounds
 * them) so that a request over this one is answered 431 and stored with the
 * first MAX_HEADERS, marked truncated with the number dropped.
 */
export const MAX_HEADERS = 1000;

/** The `error` of a row whose headers were cut: `too-many-headers: <n> dropped`. */
export const tooManyHeadersError = (dropped: number) => `too-many-headers: ${dropped} dropped`;

export interface CaptureServer {
  server: Server;
  listen(port: number, host: string): Promise<AddressInfo>;
  close(): Promise<void>;
}

function splitTarget(target: string): { path: string; query: string } {
  let t = target;
  if (!t.startsWith('/')) {
    try {
      const u = new URL(t);
      t = u.pathname + u.search;
    } catch {
      t = `/${t}`;
    }
  }
  const q = t.indexOf('?');
  return q === -1 ? { path: t, query: '' } : { path: t.slice(0, q), query: t.slice(q + 1) };
}

function rawPairs(raw: string[]): HeaderPair[] {
  const pairs: HeaderPair[] = new Array(raw.length >> 1);
  for (let i = 0; i < raw.length; i += 2) pairs[i >> 1] = [raw[i], raw[i + 1]];
  return pairs;
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function oneLine(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
  res.end(`${text}\n`);
}

/**
 * The capture server: any method, any path. Every request becomes a row
 * (headers as received, body bytes as received) and is answered by its
 * endpoint's rule only after that row is committed.
 */
export function createCaptureServer(options: CaptureServerOptions): CaptureServer {
  const { router, writer, clock, bodyLimit } = options;
  const hanging = new Set<ServerResponse>();

  async function handle(req: IncomingMessage, res: ServerResponse, awaitingContinue = false): Promise<void> {
    const receivedAt = clock.now();
    const target = req.url ?? '/';
    const { path, query } = splitTarget(target);
    const endpoint = router.route(path);
    const allHeaders = rawPairs(req.rawHeaders);
    const dropped = Math.max(0, allHeaders.length - MAX_HEADERS);
    const headers = dropped > 0 ? allHeaders.slice(0, MAX_HEADERS) : allHeaders;
    const host = req.headers.host ?? `${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? ''}`;
    // Too many headers: refused before its body is read.
    const { body, size, sha256, tooLarge, aborted }: BodyResult =
      dropped > 0
        ? { body: Buffer.alloc(0), size: 0, sha256: EMPTY_SHA256, tooLarge: false, aborted: false }
        : await readBody(req, bodyLimit, { awaitingContinue });

    let planned: CaptureResponse;
    let error: string | null = null;
    if (dropped > 0) {
      const reason = `${allHeaders.length} header lines exceed the limit of ${MAX_HEADERS}; the first ${MAX_HEADERS} were kept, ${dropped} dropped, and the body was not read`;
      planned = {
        kind: 'answered',
        status: 431,
        headers: [['Content-Type', 'text/plain; charset=utf-8']],
        body: reason,
        delayMs: 0,
        reason,
      };
      error = tooManyHeadersError(dropped);
    } else if (aborted) {
      planned = { kind: 'none', reason: `the client disconnected after ${size} body bytes` };
      error = 'client-aborted';
    } else if (tooLarge) {
      const reason = `body of ${size === declaredLength(req) ? '' : 'at least '}${size} bytes exceeds the ${bodyLimit}-byte limit; its headers and first ${body.length === 65536 ? '64 KiB' : `${body.length} bytes`} were kept, the rest was not read`;
      planned = {
        kind: 'answered',
        status: 413,
        headers: [['Content-Type', 'text/plain; charset=utf-8']],
        body: reason,
        delayMs: 0,
        reason,
      };
      error = 'body-too-large';
    } else {
      planned = planResponse(endpoint.rule, router.ruleState(endpoint));
    }

    const row: NewCapture = {
      endpointId: endpoint.id,
      receivedAt,
      method: req.method ?? 'GET',
      url: target.startsWith('/') ? `http://${host}${target}` : target,
      path,
      query,
      httpVersion: req.httpVersion,
      remoteAddress: req.socket.remoteAddress ?? null,
      remotePort: req.socket.remotePort ?? null,
      headers,
      body,
      bodySize: size,
      bodySha256: sha256,
      truncated: tooLarge || aborted || dropped > 0,
      error,
      response: planned,
    };

    let id: number;
    try {
      id = await writer.write(row);
    } catch (failure) {
      options.onError?.(failure);
      oneLine(res, 503, `hookscope could not store this request: ${(failure as Error).message}`);
      return;
    }
    if (dropped > 0 || (tooLarge && !aborted)) {
      // The forwarder records that a body not received whole was not sent on.
      if (endpoint.forwardUrl !== null && options.forward)
        options.forward(id, row, endpoint).catch((failure) => options.onError?.(failure));
      refuse(req, res, id, planned);
    } else if (endpoint.forwardUrl !== null && options.forward)
      forwardAndRespond(req, res, id, row, endpoint, planned, options.forward);
    else respond(req, res, id, planned);
  }

  function forwardAndRespond(
    req: IncomingMessage,
    res: ServerResponse,
    id: number,
    row: NewCapture,
    endpoint: Endpoint,
    planned: CaptureResponse,
    forward: NonNullable<CaptureServerOptions['forward']>,
  ): void {
    if (endpoint.forwardMode !== 'proxy') {
      respond(req, res, id, planned);
      forward(id, row, endpoint).catch((failure) => options.onError?.(failure));
      return;
    }
    forward(id, row, endpoint).then(
      (answer) => {
        if (!answer) return respond(req, res, id, planned);
        if (res.destroyed) return;
        const headers = [
          ...answer.headers,
          ['X-Hookscope-Capture-Id', String(id)],
          ['Content-Length', String(answer.body.length)],
        ];
        res.writeHead(answer.status, STATUS_CODES[answer.status] ?? 'Status', headers.flat());
        res.end(answer.body);
      },
      (failure) => {
        options.onError?.(failure);
        oneLine(res, 502, `hookscope could not forward this request: ${(failure as Error).message}`);
      },
    );
  }

  /** A request refused before its end (too large, too many headers): answered at once, never forwarded, and the rest of it never read. */
  function refuse(req: IncomingMessage, res: ServerResponse, id: number, planned: CaptureResponse): void {
    if (planned.kind !== 'answered') return;
    const headers: [string, string][] = [...planned.headers, ['X-Hookscope-Capture-Id', String(id)]];
    answerAndClose(
      req,
      res,
      { status: planned.status, headers, body: planned.body ?? defaultResponseBody(id) },
      (ms, run) => clock.setTimer(ms, run),
    );
  }

  function respond(req: IncomingMessage, res: ServerResponse, id: number, planned: CaptureResponse): void {
    if (planned.kind === 'none') return;
    if (planned.kind === 'reset') {
      const socket = req.socket as Socket & { resetAndDestroy?: () => void };
      if (socket.resetAndDestroy) socket.resetAndDestroy();
      else socket.destroy();
      return;
    }
    if (planned.kind === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    const send = () => {
      if (res.destroyed) return;
      const body = planned.body ?? defaultResponseBody(id);
      // Flat name, value, name, value: the form writeHead takes without copying.
      const raw: string[] = [];
      for (const [name, value] of planned.headers) raw.push(name, value);
      raw.push('X-Hookscope-Capture-Id', String(id), 'Content-Length', String(Buffer.byteLength(body)));
      res.writeHead(planned.status, STATUS_CODES[planned.status] ?? 'Status', raw);
      res.end(body);
    };
    if (planned.delayMs > 0) clock.setTimer(planned.delayMs, send);
    else send();
  }

  const server = createServer(
    {
      requestTimeout: options.requestTimeoutMs,
      headersTimeout: Math.min(options.requestTimeoutMs, 60_000),
      // Node checks those timeouts on this beat (30 s by default); a stalled client should hear back promptly.
      connectionsCheckingInterval: Math.max(250, Math.min(5000, Math.floor(options.requestTimeoutMs / 4))),
    },
    (req, res) => dispatch(req, res),
  );

  function dispatch(req: IncomingMessage, res: ServerResponse, awaitingContinue = false): void {
    handle(req, res, awaitingContinue).catch((failure) => {
      options.onError?.(failure);
      oneLine(res, 500, `hookscope failed on this request: ${(failure as Error).message}`);
    });
  }

  // `Expect: 100-continue`: a body the Content-Length shows is too large is refused without asking for it.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const refused = declaredTooLarge(req, bodyLimit) || req.rawHeaders.length > MAX_HEADERS * 2;
    if (!refused) res.writeContinue();
    dispatch(req, res, refused);
  });

  server.maxHeadersCount = 0;
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || socket.destroyed || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const reason =
      status === 431
        ? 'request headers are larger than 16 KiB'
        : status === 408
          ? 'the request was not received in time'
          : `malformed HTTP request (${err.code ?? 'parse error'})`;
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(reason) + 1}\r\n\r\n${reason}\n`,
    );
  });

  return {
    server,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve(server.address() as AddressInfo);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      });
    },
  };
}
