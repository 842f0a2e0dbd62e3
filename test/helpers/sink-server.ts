import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HeaderPair } from '../../src/shared/capture-types';

/** One request as the sink read it: parsed headers, and the raw pairs exactly as sent (case, order, duplicates). */
export interface SinkHit {
  /** Date.now() once the whole body was read. */
  at: number;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  rawHeaders: HeaderPair[];
  body: Buffer;
}

export interface Sink {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Every request read so far, in order. */
  hits: SinkHit[];
  close(): Promise<void>;
}

export type SinkHandler = (hit: SinkHit, res: ServerResponse, req: IncomingMessage) => void;

const answerOk: SinkHandler = (_hit, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');

/**
 * A real HTTP server on 127.0.0.1, port 0, that records every request whole
 * and lets `handler` answer it (200 "ok" by default). The one sink the tests
 * send webhooks, replays and deliveries to.
 */
export async function startSink(handler: SinkHandler = answerOk): Promise<Sink> {
  const hits: SinkHit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawHeaders: HeaderPair[] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) rawHeaders.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
      const hit: SinkHit = {
        at: Date.now(),
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders,
        body: Buffer.concat(chunks),
      };
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
