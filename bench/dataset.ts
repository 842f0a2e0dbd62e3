// A large, realistic history for the read-side benchmarks: N captures spread
// over a few endpoints and providers, attributed and verified as the
// background would have left them, fully indexed for search. Built through
// the store's own repositories (batched inserts, the analysis repo, the
// search indexer), so no SQL lives here.
import { createApp } from '../src/core/app';
import { createAnalysisRepo, type AnalysisResult } from '../src/core/store/analysis';
import { mulberry32 } from '../src/core/providers';
import type { NewCapture } from '../src/core/store/captures';
import type { HeaderPair } from '../src/shared/capture-types';

/** Appears in every body: the "common word" query. */
export const COMMON_WORD = 'customer';
/** One capture in RARE_EVERY carries a token of this prefix and its own number. */
export const RARE_PREFIX = 'rarecanary';
export const RARE_EVERY = 100_000;
/** Filter query: a provider and one of its events. */
export const FILTER = { provider: 'shopify', eventType: 'orders/cancelled' } as const;

const SOURCES: { slug: string; provider: string; events: string[]; weight: number }[] = [
  {
    slug: 'payments',
    provider: 'stripe',
    events: ['payment_intent.succeeded', 'payment_intent.payment_failed', 'invoice.paid', 'customer.created'],
    weight: 5,
  },
  { slug: 'repo', provider: 'github', events: ['push', 'pull_request', 'issues', 'workflow_run'], weight: 3 },
  {
    slug: 'shop',
    provider: 'shopify',
    events: ['orders/create', 'orders/paid', 'orders/cancelled', 'products/update'],
    weight: 1,
  },
  {
    slug: 'default',
    provider: 'standard-webhooks',
    events: ['user.created', 'user.deleted', 'invoice.sent'],
    weight: 1,
  },
];
const WORDS = (
  'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo ' +
  'sierra tango uniform victor whiskey xray yankee zulu amount currency status pending settled refund order item shipping'
).split(' ');
const STATUSES = ['valid', 'valid', 'valid', 'valid', 'invalid', 'missing', 'stale'];

export interface Dataset {
  dataDir: string;
  rows: number;
  buildSeconds: { insert: number; analysis: number; index: number };
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)];
}

function makeRow(
  i: number,
  rand: () => number,
  endpointIds: Map<string, number>,
  now: number,
): { row: NewCapture; result: Omit<AnalysisResult, 'id'> } {
  const total = SOURCES.reduce((s, x) => s + x.weight, 0);
  let r = rand() * total;
  const source = SOURCES.find((s) => (r -= s.weight) < 0) ?? SOURCES[0];
  const event = pick(rand, source.events);
  const words = Array.from({ length: 12 + Math.floor(rand() * 20) }, () => pick(rand, WORDS)).join(' ');
  const rare = i % RARE_EVERY === 7 ? ` ${RARE_PREFIX}${i}` : '';
  const body = Buffer.from(
    JSON.stringify({
      id: `evt_${i.toString(36)}${Math.floor(rand() * 1e9).toString(36)}`,
      type: event,
      created: Math.floor(now / 1000) - 86_400 + i,
      data: {
        object: {
          [COMMON_WORD]: `cus_${Math.floor(rand() * 50_000)}`,
          amount: Math.floor(rand() * 100_000),
          note: words + rare,
        },
      },
    }),
  );
  const headers: HeaderPair[] = [
    ['Host', '127.0.0.1:8787'],
    ['User-Agent', `${source.provider}-webhooks/1.0`],
    ['Content-Type', 'application/json'],
    ['Content-Length', String(body.length)],
    ['X-Event-Type', event],
    ['X-Request-Id', `req_${i}`],
    ['Accept', '*/*'],
  ];
  const row: NewCapture = {
    endpointId: endpointIds.get(source.slug)!,
    receivedAt: now - (10_000_000 - i) * 50,
    method: 'POST',
    url: `http://127.0.0.1:8787/${source.slug}/hook`,
    path: `/${source.slug}/hook`,
    query: '',
    httpVersion: '1.1',
    remoteAddress: '127.0.0.1',
    remotePort: 40_000 + (i % 20_000),
    headers,
    body,
    bodySize: body.length,
    bodySha256: '0'.repeat(64),
    truncated: false,
    error: null,
    response: { kind: 'answered', status: 200, headers: [], body: null as unknown as string, delayMs: 0 },
  };
  const status = pick(rand, STATUSES);
  return {
    row,
    result: { provider: source.provider, eventType: event, signatureStatus: status, signature: { status } },
  };
}

/** Builds `rows` captures in `dataDir` (a fresh folder); reports where the time went. */
export async function buildDataset(
  dataDir: string,
  rows: number,
  log: (line: string) => void = () => {},
): Promise<Dataset> {
  const app = createApp({ dataDir });
  app.db.pragma('synchronous = OFF'); // a throwaway benchmark file: durability is not what is measured here
  for (const s of SOURCES) if (!app.endpoints.find(s.slug)) app.createEndpoint(s.slug);
  const endpointIds = new Map(app.endpoints.list().map((e) => [e.slug, e.id]));
  const analysis = createAnalysisRepo(app.db, (id) => app.captures.get(id));
  const rand = mulberry32(20_251_122);
  const now = Date.now();
  const batch = 20_000;
  const seconds = { insert: 0, analysis: 0, index: 0 };
  for (let start = 0; start < rows; start += batch) {
    const made = Array.from({ length: Math.min(batch, rows - start) }, (_, k) =>
      makeRow(start + k, rand, endpointIds, now),
    );
    let t = performance.now();
    const ids = app.captures.insertMany(made.map((m) => m.row));
    seconds.insert += (performance.now() - t) / 1000;
    t = performance.now();
    analysis.save(
      made.map((m, k) => ({ id: ids[k], ...m.result })),
      ids[ids.length - 1],
    );
    seconds.analysis += (performance.now() - t) / 1000;
    if ((start / batch) % 10 === 9) log(`  dataset: ${start + made.length} rows stored`);
  }
  const t = performance.now();
  for (let done = 0; ;) {
    const n = app.search.indexPending(20_000);
    if (n === 0) break;
    done += n;
    if (done % 200_000 === 0) log(`  dataset: ${done} rows indexed`);
  }
  seconds.index = (performance.now() - t) / 1000;
  await app.close();
  return { dataDir, rows, buildSeconds: seconds };
}
