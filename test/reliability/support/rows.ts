import { createHash } from 'node:crypto';
import type { NewCapture } from '../../../src/core/store/captures';
import { waitFor } from '../../helpers/wait';

/** A capture row as the capture server would hand it to the store. */
export function captureRow(endpointId: number, receivedAt: number, text: string): NewCapture {
  const body = Buffer.from(JSON.stringify({ text }));
  return {
    endpointId,
    receivedAt,
    method: 'POST',
    url: `http://127.0.0.1/x/${text}`,
    path: `/x/${text}`,
    query: '',
    httpVersion: '1.1',
    remoteAddress: '127.0.0.1',
    remotePort: 1234,
    headers: [['Content-Type', 'application/json']],
    body,
    bodySize: body.length,
    bodySha256: createHash('sha256').update(body).digest('hex'),
    truncated: false,
    error: null,
    response: { kind: 'answered', status: 200, headers: [], body: '{"ok":true}', delayMs: 0 },
  };
}

/** Polls `check` (test/helpers/wait.ts) until it is true or `ms` pass; returns whether it became true. */
export async function eventually(check: () => boolean | Promise<boolean>, ms = 10_000, every = 50): Promise<boolean> {
  return waitFor('a condition', async () => await check(), { timeout: ms, interval: every }).then(
    () => true,
    () => false,
  );
}
