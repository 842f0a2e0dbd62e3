import { createHash } from 'node:crypto';
import { createApp } from '../../../src/core/app';
import type { NewCapture } from '../../../src/core/store/captures';
import type { CaptureResponse, HeaderPair } from '../../../src/shared/capture-types';

export interface SeedCapture {
  endpoint: string;
  receivedAt: number;
  method: string;
  /** Path and query as sent, e.g. `/stripe/webhook?x=1`. */
  target: string;
  headers: HeaderPair[];
  body: Buffer;
  status: number;
  responseBody?: string;
  remotePort?: number;
}

/** Builds a stored capture as the capture server would have written it (answered with `status`). */
export function toNewCapture(endpointId: number, host: string, c: SeedCapture): NewCapture {
  const q = c.target.indexOf('?');
  const response: CaptureResponse = {
    kind: 'answered',
    status: c.status,
    headers: [['Content-Type', 'application/json']],
    body: c.responseBody ?? '{"ok":true}',
    delayMs: 0,
  };
  return {
    endpointId,
    receivedAt: c.receivedAt,
    method: c.method,
    url: `http://${host}${c.target}`,
    path: q === -1 ? c.target : c.target.slice(0, q),
    query: q === -1 ? '' : c.target.slice(q + 1),
    httpVersion: '1.1',
    remoteAddress: '127.0.0.1',
    remotePort: c.remotePort ?? 51234,
    headers: c.headers,
    body: c.body,
    bodySize: c.body.length,
    bodySha256: createHash('sha256').update(c.body).digest('hex'),
    truncated: false,
    error: null,
    response,
  };
}

export interface SeedOptions {
  /** Signing secrets per endpoint slug, set before the captures are analyzed. */
  secrets?: Record<string, string[]>;
  /** Analyze (detect providers, verify signatures) before returning, so verdicts do not race the test. */
  analyze?: boolean;
  batchSize?: number;
}

/**
 * Writes captures straight into a data folder's database (before `serve`
 * starts), in batches of one transaction each, creating endpoints as needed.
 */
export function seedCaptures(
  dataDir: string,
  host: string,
  captures: Iterable<SeedCapture>,
  options: SeedOptions = {},
): number {
  const batchSize = options.batchSize ?? 5000;
  const app = createApp({ dataDir });
  try {
    for (const [slug, list] of Object.entries(options.secrets ?? {})) {
      if (!app.endpoints.find(slug)) app.createEndpoint(slug);
      app.setEndpointSecrets(slug, list);
    }
    const ids = new Map<string, number>();
    const endpointId = (slug: string) => {
      let id = ids.get(slug);
      if (id === undefined) {
        id = (app.endpoints.find(slug) ?? app.createEndpoint(slug)).id;
        ids.set(slug, id);
      }
      return id;
    };
    let batch: NewCapture[] = [];
    let count = 0;
    for (const c of captures) {
      batch.push(toNewCapture(endpointId(c.endpoint), host, c));
      if (batch.length === batchSize) {
        count += app.captures.insertMany(batch).length;
        batch = [];
      }
    }
    if (batch.length) count += app.captures.insertMany(batch).length;
    if (options.analyze) app.analyzeAll();
    return count;
  } finally {
    void app.close();
  }
}
