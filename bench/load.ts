import autocannon from 'autocannon';
import { startChild, type Child } from './child';

export interface LoadResult {
  server: 'bare' | 'floor' | 'capture';
  connections: number;
  bodyBytes: number;
  requestsPerSec: number;
  p99Ms: number;
  /** 2xx answers of the measured run. */
  acknowledged: number;
  errors: number;
  /** Rows stored during the measured run (capture only). */
  rows: number | null;
  maxRssMb: number;
  seconds: number;
}

interface Stats {
  rows: number | null;
  rssBytes: number;
  maxRssBytes: number;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the row count stops moving: requests cut off by the warm-up's end are stored (or stored as client-aborted). */
async function settled(child: Child): Promise<Stats> {
  let last = await child.ask<Stats>('stats');
  for (let i = 0; i < 40; i++) {
    await pause(250);
    const now = await child.ask<Stats>('stats');
    if (now.rows === last.rows) return now;
    last = now;
  }
  return last;
}

function fire(port: number, body: string, connections: number, limit: { duration: number } | { amount: number }) {
  return autocannon({
    url: `http://127.0.0.1:${port}/bench/hook`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    pipelining: 1,
    timeout: 30,
    ...limit,
  });
}

/**
 * One bounded run against a server in its own process, on loopback. A
 * two-second warm-up measures the rate; the measured run then sends a fixed
 * number of requests (that rate times `seconds`) and waits for every answer,
 * so the rows it stored can be compared with its acknowledgements exactly.
 */
export async function runLoad(options: {
  server: 'bare' | 'floor' | 'capture';
  dataDir?: string;
  connections: number;
  bodyBytes: number;
  seconds: number;
  /** Capture only: 'full' runs the store with synchronous=FULL (serve --durability full). */
  durability?: 'normal' | 'full';
}): Promise<LoadResult> {
  const args = options.dataDir ? [options.dataDir, ...(options.durability ? [options.durability] : [])] : [];
  const child = await startChild(`${options.server}.ts`, args);
  const filler = 'x'.repeat(Math.max(0, options.bodyBytes - 60));
  const body =
    JSON.stringify({ type: 'bench.test', id: 'evt_1', customer: 'cus_1', data: filler }).slice(
      0,
      options.bodyBytes - 2,
    ) + '"}';
  try {
    const warm = await fire(child.port, body, options.connections, { duration: 2 });
    const before = await settled(child);
    // The warm-up's best second is its steady rate (the first one includes JIT warm-up).
    const amount = Math.max(options.connections * 20, Math.round(Math.max(warm.requests.max, 1) * options.seconds));
    const result = await fire(child.port, body, options.connections, { amount });
    const after = await child.stop<Stats>();
    return {
      server: options.server,
      connections: options.connections,
      bodyBytes: Buffer.byteLength(body),
      requestsPerSec: Math.round(result.requests.total / Math.max(result.duration, 0.001)),
      p99Ms: result.latency.p99,
      acknowledged: result['2xx'],
      errors: result.errors + result.timeouts + result.non2xx,
      rows: after.rows === null || before.rows === null ? null : after.rows - before.rows,
      maxRssMb: Math.round(after.maxRssBytes / 1024 / 1024),
      seconds: result.duration,
    };
  } finally {
    child.process.kill();
  }
}
