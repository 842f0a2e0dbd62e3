import { HookscopeError } from '../../shared/errors';
import { networkWords } from './network-words';

/** What a localtunnel server assigns: `GET /?new` or `GET /<subdomain>` answers this. */
export interface TunnelAssignment {
  /** The subdomain given (the one asked for, or a random one when it was taken). */
  id: string;
  /** The public URL. */
  url: string;
  /** Where the client opens its sockets: the server's host (or `ip`, when given) and this port. */
  remoteHost: string;
  remotePort: number;
  /** How many sockets the client may keep open. */
  maxConn: number;
}

interface AssignmentBody {
  id?: unknown;
  url?: unknown;
  port?: unknown;
  ip?: unknown;
  max_conn_count?: unknown;
  message?: unknown;
}

/** The network reason under a fetch failure ("ECONNREFUSED", "ENOTFOUND"...), else its message. */
export function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') return 'timed out';
  return cause?.message ?? (error as Error).message ?? String(error);
}

/**
 * Asks a localtunnel server for a tunnel, as the localtunnel client does
 * (`GET <host>/?new`, or `GET <host>/<subdomain>`), but fails with a cause
 * instead of retrying forever in the background.
 */
export async function requestTunnel(
  host: string,
  subdomain: string | null,
  options: { timeoutMs?: number } = {},
): Promise<TunnelAssignment> {
  const base = host.replace(/\/+$/, '');
  const uri = `${base}/${subdomain ?? '?new'}`;
  let res: Response;
  try {
    res = await fetch(uri, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    const cause = networkCause(error);
    throw new HookscopeError('TUNNEL_FAILED', networkWords(`the tunnel server ${base}`, cause), { host: base, cause });
  }
  const text = await res.text().catch(() => '');
  let body: AssignmentBody;
  try {
    body = JSON.parse(text) as AssignmentBody;
  } catch {
    body = {};
  }
  if (res.status !== 200) {
    const reason = typeof body.message === 'string' ? body.message : text.slice(0, 200).trim() || res.statusText;
    throw new HookscopeError('TUNNEL_FAILED', `the tunnel server ${base} refused: ${res.status} ${reason}`, {
      host: base,
      status: res.status,
    });
  }
  const port = Number(body.port);
  if (
    typeof body.id !== 'string' ||
    typeof body.url !== 'string' ||
    !Number.isInteger(port) ||
    port < 1 ||
    port > 65535
  ) {
    throw new HookscopeError(
      'TUNNEL_FAILED',
      `the tunnel server ${base} did not answer with a localtunnel assignment`,
      { host: base },
    );
  }
  const maxConn = Number(body.max_conn_count);
  return {
    id: body.id,
    url: body.url,
    remoteHost: typeof body.ip === 'string' && body.ip ? body.ip : new URL(base).hostname,
    remotePort: port,
    maxConn: Number.isInteger(maxConn) && maxConn > 0 ? Math.min(maxConn, 50) : 1,
  };
}
