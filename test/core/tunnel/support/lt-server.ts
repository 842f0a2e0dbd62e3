import { randomBytes } from 'node:crypto';
import {
  Agent,
  createServer as createHttpServer,
  request,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/**
 * A small localtunnel server, on the protocol the real one speaks, on
 * 127.0.0.1 only:
 * - `GET /?new` or `GET /<subdomain>` answers `{id, port, max_conn_count, url}`
 *   (a random id when the subdomain is taken, 403 when it is malformed);
 * - the client opens TCP sockets to `port`;
 * - each HTTP request arriving at the client's public URL is relayed over one
 *   of those sockets and its answer relayed back.
 * Unlike loca.lt, each client's public URL is its own port on 127.0.0.1 (no
 * wildcard DNS needed); it stays the same when the client re-registers.
 */
export interface LtServer {
  /** The server's URL, for localtunnel's `host` option. */
  url: string;
  /** Every assignment request, in order: the path asked for and the id given. */
  assignments: { path: string; id: string | null; status: number }[];
  /** Ids with a live client. */
  clients(): string[];
  /** Sockets the client `id` has open to the server. */
  socketCount(id: string): number;
  /** Public URL of `id` (also while it is dropped). */
  publicUrl(id: string): string;
  /** Drops the client as a restarting server would: its socket port closes and its sockets are cut. */
  dropClient(id: string): Promise<void>;
  /** Answers every assignment request with this status (503, say) until called with null. */
  refuseAssignments(status: number | null): void;
  waitForSockets(id: string, count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const SUBDOMAIN = /^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/;

interface Client {
  id: string;
  tcp: NetServer;
  sockets: Set<Socket>;
  available: Socket[];
  waiting: ((socket: Socket) => void)[];
}

function listen(server: NetServer | HttpServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: NetServer | HttpServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** An http.Agent whose connections are the client's tunnel sockets, one request per socket. */
class TunnelSocketAgent extends Agent {
  constructor(private readonly client: () => Client | undefined) {
    super({ keepAlive: false });
  }

  override createConnection(
    _options: unknown,
    callback?: (error: Error | null, socket: Duplex) => void,
  ): Duplex | undefined {
    const client = this.client();
    if (!client) {
      callback?.(new Error('no such tunnel client'), undefined as unknown as Duplex);
      return undefined;
    }
    const socket = client.available.shift();
    if (socket) callback?.(null, socket);
    else client.waiting.push((s) => callback?.(null, s));
    return undefined;
  }
}

export async function startLtServer(options: { maxConn?: number } = {}): Promise<LtServer> {
  const maxConn = options.maxConn ?? 3;
  const clients = new Map<string, Client>();
  const publicServers = new Map<string, { server: HttpServer; port: number }>();
  const assignments: LtServer['assignments'] = [];
  let refusal: number | null = null;

  async function publicServerFor(id: string): Promise<number> {
    const existing = publicServers.get(id);
    if (existing) return existing.port;
    const agent = new TunnelSocketAgent(() => clients.get(id));
    const server = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
      if (!clients.has(id)) {
        res.writeHead(404).end('404');
        return;
      }
      const upstream = request({ agent, method: req.method, path: req.url, headers: req.rawHeaders }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(res);
      });
      upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end('tunnel error')));
      req.pipe(upstream);
    });
    const port = await listen(server);
    publicServers.set(id, { server, port });
    return port;
  }

  async function newClient(id: string): Promise<{ id: string; port: number; max_conn_count: number; url: string }> {
    const sockets = new Set<Socket>();
    const client: Client = { id, tcp: createNetServer(), sockets, available: [], waiting: [] };
    client.tcp.on('connection', (socket) => {
      if (sockets.size >= maxConn) {
        socket.destroy();
        return;
      }
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.once('close', () => {
        sockets.delete(socket);
        client.available = client.available.filter((s) => s !== socket);
      });
      const waiter = client.waiting.shift();
      if (waiter) waiter(socket);
      else client.available.push(socket);
    });
    clients.set(id, client);
    const port = await listen(client.tcp);
    const publicPort = await publicServerFor(id);
    return { id, port, max_conn_count: maxConn, url: `http://127.0.0.1:${publicPort}` };
  }

  const landing = createHttpServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const wanted = url.pathname === '/' && url.searchParams.has('new') ? null : url.pathname.slice(1);
    const answer = (status: number, body: object, id: string | null = null) => {
      assignments.push({ path: req.url ?? '/', id, status });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (refusal !== null) return answer(refusal, { message: 'the tunnel server is not taking clients right now' });
    if (wanted !== null && (wanted.includes('/') || !SUBDOMAIN.test(wanted))) {
      return answer(403, {
        message: 'Invalid subdomain. Subdomains must be lowercase and between 4 and 63 alphanumeric characters.',
      });
    }
    const id = wanted === null || clients.has(wanted) ? randomBytes(5).toString('hex') : wanted;
    newClient(id).then(
      (info) => answer(200, info, id),
      (error: Error) => answer(500, { message: error.message }),
    );
  });
  const landingPort = await listen(landing);

  async function dropClient(id: string): Promise<void> {
    const client = clients.get(id);
    if (!client) return;
    clients.delete(id);
    const closed = closeServer(client.tcp);
    for (const socket of client.sockets) socket.destroy();
    await closed;
  }

  return {
    url: `http://127.0.0.1:${landingPort}`,
    assignments,
    clients: () => [...clients.keys()],
    socketCount: (id) => clients.get(id)?.sockets.size ?? 0,
    publicUrl(id) {
      const entry = publicServers.get(id);
      if (!entry) throw new Error(`no public URL for ${id}`);
      return `http://127.0.0.1:${entry.port}`;
    },
    dropClient,
    refuseAssignments(status) {
      refusal = status;
    },
    async waitForSockets(id, count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while ((clients.get(id)?.sockets.size ?? 0) < count) {
        if (Date.now() > deadline)
          throw new Error(`client ${id} has ${clients.get(id)?.sockets.size ?? 0} sockets, not ${count}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      for (const id of [...clients.keys()]) await dropClient(id);
      for (const { server } of publicServers.values()) {
        server.closeAllConnections();
        await closeServer(server);
      }
      landing.closeAllConnections();
      await closeServer(landing);
    },
  };
}
