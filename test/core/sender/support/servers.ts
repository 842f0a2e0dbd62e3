import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hit {
  at: number;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface TestServer {
  url: string;
  port: number;
  hits: Hit[];
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer, hit: Hit) => void;

/** A real HTTP server on 127.0.0.1, port 0, recording every request it reads. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const hits: Hit[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hit = { at: Date.now(), method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      hits.push(hit);
      handler(req, res, hit.body, hit);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const answer = (status: number, body = '') => startServer((_req, res) => res.writeHead(status).end(body));
