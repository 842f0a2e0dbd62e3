// `forward --proxy` in front of a local handler against calling the handler
// directly: the same autocannon load (1 KB JSON, c10) on the handler alone and
// through Hookscope's capture server forwarding as a proxy, in one run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startChild } from '../child';
import { formatTable } from '../table';

export const PROXY_TARGET_RATIO = 0.8;
export const PROXY_TARGET_ADDED_P50_MS = 1;

interface Run {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  acknowledged: number;
  errors: number;
}

/** One handler called directly and through the proxy, one after the other. */
export interface ProxyPair {
  direct: Run;
  proxied: Run;
  /** proxied / direct throughput. */
  ratio: number;
  addedP50Ms: number;
  addedP99Ms: number;
  /** Captures stored by the proxy during the measured run, against its 2xx answers. */
  rows: number;
}

/** The targets are held against the empty handler (`direct`, `proxied`, ...); `working` is shown beside it. */
export interface ForwardProxyResult extends ProxyPair {
  connections: number;
  /** The same in front of a handler that commits each webhook to a SQLite file of its own (servers/sink.ts --store). */
  working?: ProxyPair;
}

const BODY = JSON.stringify({ type: 'invoice.paid', id: 'evt_1', data: 'x'.repeat(980) }).slice(0, 1022) + '"}';

async function fire(url: string, connections: number, seconds: number): Promise<Run> {
  const r = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: 30,
  });
  return {
    requestsPerSec: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    acknowledged: r['2xx'],
    errors: r.errors + r.timeouts + r.non2xx,
  };
}

/** The sink (storing each webhook, with `store`) called directly, then through a proxying endpoint. */
async function measurePair(store: boolean, connections: number, seconds: number): Promise<ProxyPair> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-bench-proxy-'));
  const target = await startChild('sink.ts', store ? ['--store', dataDir] : []);
  try {
    await fire(`http://127.0.0.1:${target.port}/hook`, connections, 1); // warm-up
    const direct = await fire(`http://127.0.0.1:${target.port}/hook`, connections, seconds);
    const proxy = await startChild('proxy.ts', [dataDir, String(target.port)]);
    try {
      await fire(`http://127.0.0.1:${proxy.port}/bench/hook`, connections, 1);
      const before = (await proxy.ask<{ rows: number }>('stats')).rows;
      const proxied = await fire(`http://127.0.0.1:${proxy.port}/bench/hook`, connections, seconds);
      const after = (await proxy.stop<{ rows: number }>()).rows;
      return {
        direct,
        proxied,
        ratio: proxied.requestsPerSec / Math.max(1, direct.requestsPerSec),
        addedP50Ms: proxied.p50Ms - direct.p50Ms,
        addedP99Ms: proxied.p99Ms - direct.p99Ms,
        rows: after - before,
      };
    } finally {
      proxy.process.kill();
    }
  } finally {
    await target.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchForwardProxy(seconds: number, log: (line: string) => void): Promise<ForwardProxyResult> {
  const connections = 10;
  const line = (name: string, p: ProxyPair) =>
    log(
      `  forward --proxy, ${name}: direct ${p.direct.requestsPerSec} req/s, proxied ${p.proxied.requestsPerSec} (${p.ratio.toFixed(2)}x), added p50 ${p.addedP50Ms} ms`,
    );
  const empty = await measurePair(false, connections, seconds);
  line('empty handler', empty);
  const working = await measurePair(true, connections, seconds);
  line('handler committing to SQLite', working);
  return { connections, ...empty, working };
}

export function forwardProxyTable(r: ForwardProxyResult): string {
  const row = (name: string, x: Run) => [
    name,
    String(x.requestsPerSec),
    String(x.p50Ms),
    String(x.p99Ms),
    String(x.acknowledged),
    String(x.errors),
  ];
  return (
    formatTable(
      ['c10, 1 KB', 'req/s', 'p50 ms', 'p99 ms', '2xx', 'errors'],
      [
        row('empty handler, directly', r.direct),
        row('empty handler, through forward --proxy', r.proxied),
        ...(r.working
          ? [
              row('handler committing to SQLite, directly', r.working.direct),
              row('the same, through forward --proxy', r.working.proxied),
            ]
          : []),
      ],
    ) +
    `\n  empty handler: ratio ${r.ratio.toFixed(2)}x; added latency p50 ${r.addedP50Ms} ms, p99 ${r.addedP99Ms} ms; ${r.rows} captures stored in the proxied run` +
    (r.working
      ? `\n  handler committing to SQLite: ratio ${r.working.ratio.toFixed(2)}x; added latency p50 ${r.working.addedP50Ms} ms, p99 ${r.working.addedP99Ms} ms; ${r.working.rows} captures stored in the proxied run`
      : '')
  );
}
