import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HookscopeError } from '../shared/errors';

/** Host names the control API answers to: loopback only, on its own port. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

export function allowedOrigins(port: number): Set<string> {
  return new Set([...allowedHosts(port)].map((h) => `http://${h}`));
}

/**
 * Refuses what a web page in the user's browser could send: a foreign Host
 * (DNS rebinding) or a foreign Origin (cross-site requests).
 */
export function checkHostAndOrigin(req: IncomingMessage, port: number): void {
  const host = req.headers.host ?? '';
  if (!allowedHosts(port).has(host.toLowerCase())) {
    throw new HookscopeError(
      'FORBIDDEN_ORIGIN',
      `foreign Host "${host}": the control API answers only to 127.0.0.1:${port}`,
    );
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedOrigins(port).has(origin.toLowerCase())) {
    throw new HookscopeError('FORBIDDEN_ORIGIN', `foreign Origin "${origin}"`);
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function refuse(given: string | undefined, token: string, where: string): void {
  if (given === undefined || !sameSecret(given, token)) {
    throw new HookscopeError(
      'UNAUTHORIZED',
      `missing or wrong control API token (it goes in ${where}; never in the URL)`,
    );
  }
}

/**
 * The per-run token, from `Authorization: Bearer` only. A token in the query
 * string is refused: a URL ends up in the address bar, history and logs.
 */
export function checkToken(req: IncomingMessage, token: string): void {
  const auth = req.headers.authorization ?? '';
  refuse(auth.startsWith('Bearer ') ? auth.slice(7) : undefined, token, 'the Authorization header');
}

/** The subprotocol every event socket speaks, and the one the server picks. */
export const EVENTS_PROTOCOL = 'hookscope.events';
/** A browser WebSocket cannot set headers, but can offer subprotocols: the token rides in one, `hookscope.token.<token>`. */
export const TOKEN_PROTOCOL_PREFIX = 'hookscope.token.';

/** The per-run token of a WebSocket upgrade, from its offered subprotocols (Sec-WebSocket-Protocol) only. */
export function checkSocketToken(req: IncomingMessage, token: string): void {
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const given = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length);
  refuse(given, token, `a "${TOKEN_PROTOCOL_PREFIX}<token>" subprotocol`);
}
