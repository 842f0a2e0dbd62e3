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
    throw new HookscopeError('FORBIDDEN_ORIGIN', `foreign Host "${host}": the control API answers only to 127.0.0.1:${port}`);
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

/** The per-run token, from `Authorization: Bearer` or (for WebSocket upgrades) `?token=`. */
export function checkToken(req: IncomingMessage, token: string): void {
  const auth = req.headers.authorization ?? '';
  const bearer = auth.startsWith('Bearer ') ? auth.slice(7) : undefined;
  const fromQuery = new URL(req.url ?? '/', 'http://localhost').searchParams.get('token') ?? undefined;
  const given = bearer ?? fromQuery;
  if (given === undefined || !sameSecret(given, token)) {
    throw new HookscopeError('UNAUTHORIZED', 'missing or wrong control API token');
  }
}
