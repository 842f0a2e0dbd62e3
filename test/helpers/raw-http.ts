import { connect } from 'node:net';

export interface RawResponse {
  /** Everything the server sent before closing or going quiet. */
  raw: Buffer;
  status: number | null;
  closedBy: 'server' | 'idle' | 'error';
  error?: string;
}

/**
 * Writes bytes exactly as given on a raw TCP socket, then reads until the
 * server closes, or is quiet for `idleMs` after sending something (keep-alive).
 */
export function rawRequest(
  port: number,
  parts: (Buffer | string)[],
  options: { idleMs?: number; gapMs?: number; endAfterWrite?: boolean; maxMs?: number } = {},
): Promise<RawResponse> {
  const idleMs = options.idleMs ?? 300;
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let idle: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (closedBy: RawResponse['closedBy'], error?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(idle);
      clearTimeout(hardStop);
      socket.destroy();
      const raw = Buffer.concat(chunks);
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(raw.toString('latin1'));
      resolve({ raw, status: match ? Number(match[1]) : null, closedBy, error });
    };
    const hardStop = setTimeout(() => finish('idle'), options.maxMs ?? 15_000);
    socket.on('data', (d) => {
      chunks.push(d);
      clearTimeout(idle);
      idle = setTimeout(() => finish('idle'), idleMs);
    });
    socket.on('end', () => finish('server'));
    socket.on('close', () => finish('server'));
    socket.on('error', (e) => finish('error', (e as NodeJS.ErrnoException).code));
    socket.on('connect', async () => {
      for (const part of parts) {
        if (socket.destroyed) return;
        socket.write(part);
        if (options.gapMs) await new Promise((r) => setTimeout(r, options.gapMs));
      }
      if (options.endAfterWrite) socket.end();
    });
  });
}

/** Status codes of every response in a (possibly pipelined) raw answer. */
export function statusesIn(raw: Buffer): number[] {
  return [...raw.toString('latin1').matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1]));
}
