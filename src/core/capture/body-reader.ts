import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** How much of an oversized or interrupted body is kept. */
export const KEEP_WHEN_TRUNCATED = 64 * 1024;

export interface BodyResult {
  body: Buffer;
  /** Bytes received in all; for a body refused on its Content-Length, the length it declared. */
  size: number;
  /** SHA-256 (hex) of `body`, hashed as it arrived for a whole body. */
  sha256: string;
  /** More than the limit was declared or arrived: only the first 64 KiB (at most) are in `body`. */
  tooLarge: boolean;
  /** The client went away before the body ended. */
  aborted: boolean;
}

/** The first `n` bytes of `chunks`, copying no more than that. */
function firstBytes(chunks: Buffer[], n: number): Buffer {
  const out: Buffer[] = [];
  let total = 0;
  for (const c of chunks) {
    if (total >= n) break;
    const part = c.length > n - total ? c.subarray(0, n - total) : c;
    out.push(part);
    total += part.length;
  }
  return out.length === 1 ? out[0] : Buffer.concat(out);
}

/** The body length a request declares, or null when it has none or is chunked. */
export function declaredLength(req: IncomingMessage): number | null {
  if (req.headers['transfer-encoding'] !== undefined) return null;
  const value = req.headers['content-length'];
  if (value === undefined || !/^\d+$/.test(value)) return null;
  return Number(value);
}

/** True when the request's Content-Length alone shows its body is over the limit. */
export function declaredTooLarge(req: IncomingMessage, limit: number): boolean {
  const declared = declaredLength(req);
  return declared !== null && declared > limit;
}

/**
 * Reads a request body (content-length or chunked) without ever holding more
 * than `limit` bytes. Over the limit it does not wait for the rest: a body whose
 * Content-Length is over it resolves as soon as its first 64 KiB have arrived
 * (at once when the client waits for `100 Continue`, which it is then never
 * sent), a chunked one as soon as it passes the limit, with the first 64 KiB.
 * What the client sends after that is the caller's to drop.
 */
export function readBody(
  req: IncomingMessage,
  limit: number,
  options: { awaitingContinue?: boolean } = {},
): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const hash = createHash('sha256');
    let kept = 0;
    let size = 0;
    const declared = declaredLength(req);
    let tooLarge = declared !== null && declared > limit;
    let done = false;
    const finish = (aborted: boolean) => {
      if (done) return;
      done = true;
      const whole = !tooLarge && !aborted;
      const body = whole
        ? chunks.length === 1
          ? chunks[0]
          : Buffer.concat(chunks)
        : firstBytes(chunks, KEEP_WHEN_TRUNCATED);
      const sha256 = whole ? hash.digest('hex') : createHash('sha256').update(body).digest('hex');
      resolve({
        body,
        size: tooLarge && declared !== null && declared > size ? declared : size,
        sha256,
        tooLarge,
        aborted,
      });
    };
    if (tooLarge && options.awaitingContinue) return finish(false);
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (!tooLarge && size > limit) tooLarge = true;
      if (tooLarge) {
        if (kept < KEEP_WHEN_TRUNCATED) {
          chunks.push(chunk.subarray(0, KEEP_WHEN_TRUNCATED - kept));
          kept += Math.min(chunk.length, KEEP_WHEN_TRUNCATED - kept);
        }
        if (kept >= KEEP_WHEN_TRUNCATED || size > limit) finish(false);
        return;
      }
      chunks.push(chunk);
      kept += chunk.length;
      hash.update(chunk);
    });
    req.on('end', () => finish(false));
    req.on('close', () => finish(!req.complete));
    req.on('error', () => finish(true));
  });
}
