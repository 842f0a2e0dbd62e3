import { connect, type Socket } from 'node:net';
import type { Clock } from '../clock';

/** How long to wait before trying the capture server again when it refused a connection. */
const LOCAL_RETRY_MS = 1000;

export interface RelayTarget {
  remoteHost: string;
  remotePort: number;
  /** The capture server: `localhost` unless it listens elsewhere. */
  localHost?: string;
  localPort: number;
}

export interface RelayHandlers {
  /** The socket to the tunnel server is connected (the relay to the capture server follows). */
  onOpen(remote: Socket): void;
  /** The tunnel server refused the connection: the tunnel cannot be reached at that address. */
  onRefused(error: Error): void;
}

/**
 * One socket of a localtunnel link: a TCP connection to the tunnel server
 * that, once connected, is piped byte for byte to a new connection to the
 * capture server. Nothing is rewritten (a capture keeps the Host header the
 * sender used). The caller watches the remote socket's 'close' to open another.
 */
export function openRelaySocket(target: RelayTarget, handlers: RelayHandlers, clock: Clock): Socket {
  const remote = connect({ host: target.remoteHost, port: target.remotePort });
  remote.setKeepAlive(true);
  remote.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'ECONNREFUSED') handlers.onRefused(error);
    remote.destroy();
  });

  const relayToLocal = () => {
    if (remote.destroyed) return;
    remote.pause();
    const local = connect({ host: target.localHost ?? 'localhost', port: target.localPort });
    const endLocal = () => local.end();
    remote.once('close', endLocal);
    local.once('error', (error: NodeJS.ErrnoException) => {
      local.destroy();
      remote.removeListener('close', endLocal);
      // The capture server is restarting: try it again, keeping the tunnel server's socket.
      if (error.code === 'ECONNREFUSED') clock.setTimer(LOCAL_RETRY_MS, relayToLocal);
      else remote.end();
    });
    local.once('connect', () => {
      remote.resume();
      remote.pipe(local).pipe(remote);
    });
  };

  remote.once('connect', () => {
    handlers.onOpen(remote);
    relayToLocal();
  });
  return remote;
}
