import type { IncomingMessage, ServerResponse } from 'node:http';
import { startSink, type Sink, type SinkHit } from '../../../helpers/sink-server';

export type Hit = SinkHit;

export interface TestServer extends Sink {
  /** The sink's `/hook` path: where the sender tests deliver. */
  url: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer, hit: Hit) => void;

/** The shared sink (test/helpers/sink-server.ts), answering with `handler`, its URL at `/hook`. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const sink = await startSink((hit, res, req) => handler(req, res, hit.body, hit));
  return { ...sink, url: `${sink.url}/hook` };
}

export const answer = (status: number, body = '') => startServer((_req, res) => res.writeHead(status).end(body));
