/** A capture to insert directly in a store test: a POST to endpoint 1 answered 200, with the given path, body and headers. */
import type { NewCapture } from '../../src/core/store/captures';

export function captureRow(path: string, body: Buffer | string, headers: [string, string][] = []): NewCapture {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body);
  return {
    endpointId: 1,
    receivedAt: Date.now(),
    method: 'POST',
    url: `http://h${path}`,
    path,
    query: '',
    httpVersion: '1.1',
    remoteAddress: '127.0.0.1',
    remotePort: 1,
    headers,
    body: bytes,
    bodySize: bytes.length,
    bodySha256: 'x',
    truncated: false,
    error: null,
    response: { kind: 'answered', status: 200, headers: [], body: '', delayMs: 0 },
  };
}
