import { createHash } from 'node:crypto';
import { DEFAULT_RULE } from '../../src/shared/capture-types';
import type { StoredCapture } from '../../src/core/store/captures';
import { captureLine, endpointLine, headerLine } from '../../src/core/replay/ndjson';

/** A capture as an export would hold it: a small JSON webhook to `slug`, the n-th of a series one millisecond apart. */
export function corpusCapture(n: number, slug = 'imported', startMs = Date.UTC(2026, 0, 1)): StoredCapture {
  const body = Buffer.from(
    JSON.stringify({ id: `evt_${n}`, type: 'order.created', data: { n, note: 'x'.repeat(n % 64) } }),
  );
  return {
    id: n,
    endpointId: 1,
    endpoint: slug,
    receivedAt: startMs + n,
    method: 'POST',
    url: `http://127.0.0.1:4000/${slug}/hook?n=${n}`,
    path: `/${slug}/hook`,
    query: `n=${n}`,
    httpVersion: '1.1',
    remoteAddress: '127.0.0.1',
    remotePort: 50_000 + (n % 10_000),
    headers: [
      ['Host', '127.0.0.1:4000'],
      ['Content-Type', 'application/json'],
      ['X-Seq', String(n)],
    ],
    body,
    bodySize: body.length,
    bodySha256: createHash('sha256').update(body).digest('hex'),
    truncated: false,
    error: null,
    response: {
      kind: 'answered',
      status: 200,
      headers: [['Content-Type', 'application/json']],
      body: '{"ok":true}',
      delayMs: 0,
    },
    provider: null,
    eventType: null,
    signatureStatus: null,
    signature: null,
    staleVerdict: false,
  };
}

/** The NDJSON export (ndjson.ts's own writer) of `count` captures to one endpoint, `slug`. */
export function ndjsonCorpus(count: number, slug = 'imported'): string {
  const lines = [
    headerLine(Date.UTC(2026, 0, 2)),
    endpointLine({ id: 1, slug, rule: DEFAULT_RULE, provider: null, forwardUrl: null, forwardMode: 'rule' } as never),
  ];
  for (let n = 1; n <= count; n++) lines.push(captureLine(corpusCapture(n, slug), []));
  return `${lines.join('\n')}\n`;
}
