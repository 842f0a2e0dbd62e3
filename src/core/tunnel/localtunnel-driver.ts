/// <reference path="./localtunnel-cluster.d.ts" />
import type { Socket } from 'node:net';
import TunnelCluster from 'localtunnel/lib/TunnelCluster.js';
import { HookscopeError } from '../../shared/errors';
import { systemClock, type Clock } from '../clock';
import { requestTunnel, type TunnelAssignment } from './register';

/** A socket closed this soon without carrying a byte is re-opened only after this long. */
const QUICK_CLOSE_MS = 1000;

export interface OpenLinkOptions {
  /** The localtunnel server, e.g. https://localtunnel.me. */
  host: string;
  subdomain: string | null;
  /** The capture server's port: the only thing a link ever forwards to. */
  localPort: number;
  /** Where to reach it when not on loopback (localtunnel then rewrites the Host header to it). */
  localHost?: string;
}

export interface TunnelLink {
  readonly assignment: TunnelAssignment;
  close(): void;
}

export interface LinkHandlers {
  /** The link is gone for good (the server refuses its sockets, or none could be opened for a while). */
  onDown(cause: HookscopeError): void;
}

/** The small interface the tunnel supervisor drives; the localtunnel client is one implementation. */
export interface TunnelDriver {
  /** Resolves once the first socket to the tunnel server is connected. */
  open(options: OpenLinkOptions, handlers: LinkHandlers): Promise<TunnelLink>;
}

export interface LocaltunnelDriverOptions {
  clock?: Clock;
  /** Time allowed for the server's assignment (default 15 s). */
  requestTimeoutMs?: number;
  /** Time the link may have no socket to the server before it counts as down (default 10 s). */
  connectTimeoutMs?: number;
}

/**
 * The localtunnel client behind the TunnelDriver interface. The assignment
 * request is made here (so a dead server gives a cause instead of endless
 * retries); the sockets are localtunnel's own TunnelCluster, which relays each
 * request to the local port. Every socket is tracked: when one closes another
 * is opened, and when the server refuses them or none stays up, the link is down.
 */
export function createLocaltunnelDriver(options: LocaltunnelDriverOptions = {}): TunnelDriver {
  const clock = options.clock ?? systemClock;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;

  return {
    async open(link, handlers) {
      const assignment = await requestTunnel(link.host, link.subdomain, { timeoutMs: options.requestTimeoutMs });
      const cluster = new TunnelCluster({
        name: assignment.id,
        url: assignment.url,
        max_conn: assignment.maxConn,
        remote_host: assignment.remoteHost,
        remote_port: assignment.remotePort,
        local_port: link.localPort,
        local_host: link.localHost,
      });
      const where = `${assignment.remoteHost}:${assignment.remotePort}`;
      const live = new Set<Socket>();
      let closed = false;
      let connected = false;
      let cancelWatchdog: (() => void) | undefined;
      let settle: { resolve(link: TunnelLink): void; reject(error: HookscopeError): void } | undefined;

      const teardown = () => {
        closed = true;
        cancelWatchdog?.();
        for (const socket of live) socket.destroy();
        live.clear();
      };
      const down = (cause: HookscopeError) => {
        if (closed) return;
        teardown();
        if (settle && !connected) settle.reject(cause);
        else handlers.onDown(cause);
      };
      const armWatchdog = () => {
        cancelWatchdog?.();
        cancelWatchdog = clock.setTimer(connectTimeoutMs, () => {
          if (live.size === 0) down(new HookscopeError('TUNNEL_FAILED', `no connection to the tunnel server at ${where} for ${connectTimeoutMs} ms`));
        });
      };

      cluster.on('open', (remote) => {
        if (closed) {
          remote.destroy();
          return;
        }
        live.add(remote);
        cancelWatchdog?.();
        const openedAt = clock.now();
        let carried = false;
        remote.on('data', () => (carried = true));
        remote.once('close', () => {
          live.delete(remote);
          if (closed) return;
          if (live.size === 0) armWatchdog();
          // A socket the server closes at once, having relayed nothing, is not re-opened at full speed.
          if (!carried && clock.now() - openedAt < QUICK_CLOSE_MS) clock.setTimer(QUICK_CLOSE_MS, () => closed || cluster.open());
          else cluster.open();
        });
        if (!connected) {
          connected = true;
          settle?.resolve(handle);
        }
      });
      // localtunnel reports a refused connection here; other connect errors only end the socket (the watchdog sees those).
      cluster.on('error', () => down(new HookscopeError('TUNNEL_FAILED', `the tunnel server at ${where} refused the connection (it restarted, or dropped this tunnel)`)));
      // 'dead' comes with the socket's own 'close', handled above.
      cluster.on('dead', () => undefined);

      const handle: TunnelLink = { assignment, close: teardown };
      const first = new Promise<TunnelLink>((resolve, reject) => (settle = { resolve, reject }));
      armWatchdog();
      for (let i = 0; i < assignment.maxConn; i++) cluster.open();
      return first;
    },
  };
}
