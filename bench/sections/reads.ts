// Read-side latency over a large history: search (common word, rare token),
// a provider + event type filter, and the capture list's first page, each
// through the API handlers the UI calls (arguments validated, summaries built).
import { createApiHandlers, callApi } from '../../src/core/api';
import { createApp } from '../../src/core/app';
import { COMMON_WORD, FILTER, RARE_EVERY, RARE_PREFIX } from '../dataset';
import { round, spread, type Spread } from '../stats';
import { formatTable } from '../table';

export interface ReadResult extends Spread {
  kind: string;
  args: string;
  results: number;
  /** Which target it is held to (ms, p99), if any. */
  targetP99Ms: number | null;
}

/** The UI's first page and search sizes (renderer/src/captures/store.ts). */
const UI_FIRST_PAGE = 200;
const UI_SEARCH_LIMIT = 1000;

export async function benchReads(
  dataDir: string,
  rows: number,
  options: { count: number; maxMs: number },
): Promise<ReadResult[]> {
  const app = createApp({ dataDir });
  const handlers = createApiHandlers(app, { version: 'bench', captureUrl: () => null });
  const call = (method: string, args: unknown) => callApi(handlers, method, args) as Promise<unknown[]>;
  const rareCount = Math.max(1, Math.floor(rows / RARE_EVERY));
  const kinds: {
    kind: string;
    method: string;
    args: (i: number) => Record<string, unknown>;
    targetP99Ms: number | null;
  }[] = [
    { kind: 'search: common word', method: 'captures.search', args: () => ({ text: COMMON_WORD }), targetP99Ms: 50 },
    {
      kind: 'search: rare token',
      method: 'captures.search',
      args: (i) => ({ text: `${RARE_PREFIX}${(i % rareCount) * RARE_EVERY + 7}` }),
      targetP99Ms: 50,
    },
    {
      kind: 'filter: provider + event type',
      method: 'captures.list',
      args: () => ({ ...FILTER, limit: UI_FIRST_PAGE }),
      targetP99Ms: 50,
    },
    {
      kind: 'first page of the list',
      method: 'captures.list',
      args: () => ({ limit: UI_FIRST_PAGE }),
      targetP99Ms: 20,
    },
    {
      kind: 'filter: signature status',
      method: 'captures.list',
      args: () => ({ signatureStatus: 'missing', limit: UI_FIRST_PAGE }),
      targetP99Ms: null,
    },
    {
      kind: 'filter: method nothing matches',
      method: 'captures.list',
      args: () => ({ method: 'PUT', limit: UI_FIRST_PAGE }),
      targetP99Ms: null,
    },
    {
      kind: 'search: common word, UI limit',
      method: 'captures.search',
      args: () => ({ text: COMMON_WORD, limit: UI_SEARCH_LIMIT }),
      targetP99Ms: null,
    },
    {
      kind: 'search: two common words',
      method: 'captures.search',
      args: () => ({ text: `${COMMON_WORD} alpha` }),
      targetP99Ms: null,
    },
  ];
  const out: ReadResult[] = [];
  try {
    for (const k of kinds) {
      let results = 0;
      // callApi is async only in signature: every handler here is synchronous, so time it as such.
      const samples: number[] = [];
      for (let i = 0; i < 3; i++) await call(k.method, k.args(i));
      const started = performance.now();
      for (let i = 0; i < options.count && performance.now() - started < options.maxMs; i++) {
        const t = performance.now();
        const found = await call(k.method, k.args(i));
        samples.push(performance.now() - t);
        results = found.length;
      }
      const s = spread(samples);
      out.push({
        kind: k.kind,
        args: JSON.stringify(k.args(0)),
        results,
        targetP99Ms: k.targetP99Ms,
        n: s.n,
        p50: round(s.p50),
        p99: round(s.p99),
        max: round(s.max),
      });
    }
  } finally {
    await app.close();
  }
  return out;
}

export function readsTable(results: ReadResult[]): string {
  const table = formatTable(
    ['query', 'runs', 'results', 'p50 ms', 'p99 ms', 'max ms', 'target p99'],
    results.map((r) => [
      r.kind,
      String(r.n),
      String(r.results),
      r.p50.toFixed(2),
      r.p99.toFixed(2),
      r.max.toFixed(2),
      r.targetP99Ms === null ? '-' : `< ${r.targetP99Ms} ms`,
    ]),
  );
  return `${table}\n${results.map((r) => `  ${r.kind}: ${r.args}`).join('\n')}`;
}
