import type { Socket } from 'node:net';
import { HookscopeError } from '../../shared/errors';
import { systemClock, type Clock } from '../clock';
import type { TunnelDriver, TunnelLink } from './driver';
import { requestTunnel, type TunnelAssignment } from './register';
import { openRelaySocket } from './relay-socket';

/** A socket closed this soon without carrying a byte is re-opened only after this long. */
const QUICK_CLOSE_MS = 1000;

export interface LocaltunnelDriverOptions {
  clock?: Clock;
  /** Time allowed for the server's assignment (default 15 s). */
  requestTimeoutMs?: number;
  /** Time the link may have no socket to the server before it counts as down (default 10 s). */
  connectTimeoutMs?: number;
}

/**
 * A localtunnel client of our own behind the TunnelDriver interface: the
 * protocol is one HTTP request for an assignment (register.ts), then a pool of
 * TCP sockets to the server, each relayed byte for byte to the capture server
 * (relay-socket.ts). Every socket is tracked: when one closes another is
 * opened, and when the server refuses them or none stays up, the link is down.
 */
export function createLocaltunnelDriver(options: LocaltunnelDriverOptions = {}): TunnelDriver {
  const clock = options.clock ?? systemClock;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;

  return {
    async open(link, handlers) {
      const assignment = await requestTunnel(link.host, link.subdomain, { timeoutMs: options.requestTimeoutMs });
      const target = {
        remoteHost: assignment.remoteHost,
        remotePort: assignment.remotePort,
        localHost: link.localHost,
        localPort: link.localPort,
      };
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
          if (live.size === 0)
            down(
              new HookscopeError(
                'TUNNEL_FAILED',
                `no connection to the tunnel server at ${where} for ${connectTimeoutMs} ms`,
              ),
            );
        });
      };

      const onOpen = (remote: Socket) => {
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
          if (!carried && clock.now() - openedAt < QUICK_CLOSE_MS)
            clock.setTimer(QUICK_CLOSE_MS, () => closed || openSocket());
          else openSocket();
        });
        if (!connected) {
          connected = true;
          settle?.resolve(handle);
        }
      };
      // A refused connection means the server is gone; other connect errors only end the socket (the watchdog sees those).
      const onRefused = () =>
        down(
          new HookscopeError(
            'TUNNEL_FAILED',
            `the tunnel server at ${where} refused the connection (it restarted, or dropped this tunnel)`,
          ),
        );
      const openSocket = () => {
        openRelaySocket(target, { onOpen, onRefused }, clock);
      };

      const handle: TunnelLink & { assignment: TunnelAssignment } = { assignment, close: teardown };
      const first = new Promise<TunnelLink>((resolve, reject) => (settle = { resolve, reject }));
      armWatchdog();
      for (let i = 0; i < assignment.maxConn; i++) openSocket();
      return first;
    },
  };
}
