import type { IncomingMessage } from 'node:http';

/** How much of an oversized or interrupted body is kept. */
export const KEEP_WHEN_TRUNCATED = 64 * 1024;

export interface BodyResult {
  body: Buffer;
  /** Bytes received in all. */
  size: number;
  /** More than the limit arrived: only the first 64 KiB are in `body`. */
  tooLarge: boolean;
  /** The client went away before the body ended. */
  aborted: boolean;
}

/**
 * Reads a request body (content-length or chunked) without ever holding more
 * than `limit` bytes: past the limit it keeps the first 64 KiB and drains the rest.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    let done = false;
    const finish = (aborted: boolean) => {
      if (done) return;
      done = true;
      let body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      if ((tooLarge || aborted) && body.length > KEEP_WHEN_TRUNCATED) body = body.subarray(0, KEEP_WHEN_TRUNCATED);
      resolve({ body, size, tooLarge, aborted });
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (tooLarge) return;
      if (size > limit) {
        tooLarge = true;
        const kept = Buffer.concat(chunks).subarray(0, KEEP_WHEN_TRUNCATED);
        chunks.length = 0;
        chunks.push(kept.length < KEEP_WHEN_TRUNCATED ? Buffer.concat([kept, chunk]).subarray(0, KEEP_WHEN_TRUNCATED) : kept);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => finish(false));
    req.on('close', () => finish(!req.complete));
    req.on('error', () => finish(true));
  });
}
