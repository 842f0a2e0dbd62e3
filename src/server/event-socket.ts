import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { toErrorPayload } from '../shared/errors';
import type { EventBus } from '../core/events';
import { checkHostAndOrigin, checkSocketToken, EVENTS_PROTOCOL } from './guard';

export const EVENTS_PATH = '/api/events';

/**
 * Pushes core events to browser-mode pages over a WebSocket at /api/events,
 * with the same guards as the HTTP API: own Host and Origin, and the token,
 * checked before the upgrade (so before any event is sent). A browser
 * WebSocket cannot set headers, so the token is offered as a subprotocol
 * (`hookscope.token.<token>`, beside `hookscope.events`, the one the server
 * picks, so the token is never echoed back); never in the URL.
 */
export function attachEventSocket(
  server: Server,
  events: EventBus,
  token: string,
  port: () => number,
): { close(): void } {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    handleProtocols: (offered: Set<string>) => (offered.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false),
  });
  const clients = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    try {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path !== EVENTS_PATH) throw Object.assign(new Error('no such socket'), { status: 404 });
      checkHostAndOrigin(req, port());
      checkSocketToken(req, token);
    } catch (error) {
      const payload = toErrorPayload(error);
      const status = payload.code === 'UNAUTHORIZED' ? 401 : payload.code === 'FORBIDDEN_ORIGIN' ? 403 : 404;
      socket.end(
        `HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${payload.message}\n`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('error', () => clients.delete(ws));
    });
  });

  const unsubscribe = events.subscribe((event, payload) => {
    if (clients.size === 0) return;
    const message = JSON.stringify({ event, payload });
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(message);
  });

  return {
    close() {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
    },
  };
}
