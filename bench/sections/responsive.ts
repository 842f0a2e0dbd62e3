import { startServe, type ServeChild } from '../serve-child';
// The window stays responsive under load: `hookscope serve` with an event
// socket open (as the UI keeps one), while autocannon sends captures at a
// steady 2,000 req/s and then a 20,000-request burst at full speed, the UI's
// own reads go through the control API a few times a second: captures.get,
// the first page of captures.list, and search. Then the same reads during the
// second after the burst. Latencies side by side in one run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import WebSocket from 'ws';
import { round, spread, type Spread } from '../stats';
import { formatTable } from '../table';

export const READ_TARGET_P99_MS = 100;
export const AFTER_TARGET_P99_MS = 50;
export const CAPTURE_TARGET_P99_MS = 50;
const READS = ['captures.get', 'captures.list', 'captures.search'] as const;
type Read = (typeof READS)[number];

export interface ResponsivePhase {
  phase: 'idle' | 'steady 2,000 req/s' | 'burst 20,000' | 'first second after the burst';
  reads: Record<Read, Spread>;
  /** The load's own numbers (null: no load in this phase). */
  capture: { requestsPerSec: number; p99Ms: number; acknowledged: number; rows: number; errors: number } | null;
}

export interface ResponsiveResult {
  phases: ResponsivePhase[];
  /** Captures still without a verdict / not indexed at the end of the burst, and ms until both reached zero. */
  backlogAtBurstEnd: { verdictsPending: number; indexPending: number };
  drainMs: number | null;
}

type Served = ServeChild;

async function call(s: Served, method: string, args: unknown): Promise<unknown> {
  const res = await fetch(`${s.ui}/api/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${s.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  const reply = (await res.json()) as { ok: boolean; result: unknown; error?: { message: string } };
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.message}`);
  return reply.result;
}

const newestId = async (s: Served) => ((await call(s, 'captures.list', { limit: 1 })) as { id: number }[])[0]?.id ?? 0;

/** Sends the UI's three reads in turn, every `gapMs`, until `stop` resolves; their latencies. */
async function probeReads(s: Served, stop: Promise<unknown>, gapMs = 50): Promise<Record<Read, Spread>> {
  const times: Record<Read, number[]> = { 'captures.get': [], 'captures.list': [], 'captures.search': [] };
  let stopped = false;
  void stop.then(() => (stopped = true));
  while (!stopped) {
    const id = Math.max(1, (await newestId(s)) - 10);
    const args: Record<Read, unknown> = {
      'captures.get': { id },
      'captures.list': { limit: 200 },
      'captures.search': { text: 'invoice', limit: 1000 },
    };
    for (const m of READS) {
      const t = performance.now();
      await call(s, m, args[m]);
      times[m].push(performance.now() - t);
    }
    await new Promise((r) => setTimeout(r, gapMs));
  }
  return Object.fromEntries(READS.map((m) => [m, roundSpread(spread(times[m]))])) as Record<Read, Spread>;
}

const roundSpread = (s: Spread): Spread => ({
  n: s.n,
  p50: round(s.p50, 1),
  p99: round(s.p99, 1),
  max: round(s.max, 1),
});

const BODY = JSON.stringify({ type: 'invoice.paid', id: 'evt_1', customer: 'cus_1', data: 'x'.repeat(380) });

function load(s: Served, options: { amount: number; connections: number; overallRate?: number }) {
  return autocannon({
    url: `${s.captureUrl}bench/hook`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    pipelining: 1,
    timeout: 30,
    ...options,
  });
}

async function loaded(
  s: Served,
  options: { amount: number; connections: number; overallRate?: number },
): Promise<{ reads: Record<Read, Spread>; capture: NonNullable<ResponsivePhase['capture']> }> {
  const before = await newestId(s);
  const running = load(s, options);
  const reads = probeReads(s, running);
  const result = await running;
  const rows = (await newestId(s)) - before;
  return {
    reads: await reads,
    capture: {
      requestsPerSec: Math.round(result.requests.average),
      p99Ms: result.latency.p99,
      acknowledged: result['2xx'],
      rows,
      errors: result.errors + result.timeouts + result.non2xx,
    },
  };
}

export async function benchResponsive(
  options: { steadySeconds: number; burst: number },
  log: (line: string) => void,
): Promise<ResponsiveResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-bench-responsive-'));
  const s = await startServe(dataDir);
  // The UI keeps an event socket open: every commit is pushed to it.
  const ws = new WebSocket(
    `${s.ui.replace('http', 'ws')}/api/events`,
    ['hookscope.events', `hookscope.token.${s.token}`],
    { headers: { Origin: s.ui } },
  );
  await new Promise((done, fail) => ws.once('open', done).once('error', fail));
  ws.on('message', () => undefined);
  try {
    const phases: ResponsivePhase[] = [];
    await load(s, { amount: 200, connections: 2 }); // something to read, and a warm JIT
    while ((await newestId(s)) < 200) await new Promise((r) => setTimeout(r, 50));
    const idleStop = new Promise((r) => setTimeout(r, 1500));
    phases.push({ phase: 'idle', reads: await probeReads(s, idleStop), capture: null });
    log('  responsive: steady 2,000 req/s');
    const steady = await loaded(s, { amount: 2000 * options.steadySeconds, connections: 10, overallRate: 2000 });
    phases.push({ phase: 'steady 2,000 req/s', ...steady });
    await new Promise((r) => setTimeout(r, 2000));
    log(`  responsive: burst of ${options.burst.toLocaleString('en')}`);
    const burst = await loaded(s, { amount: options.burst, connections: 10 });
    phases.push({ phase: 'burst 20,000', ...burst });
    const burstEnd = performance.now();
    const backlogAtBurstEnd = (await call(s, 'app.backlog', {})) as ResponsiveResult['backlogAtBurstEnd'];
    const after = await probeReads(
      s,
      new Promise((r) => setTimeout(r, Math.max(0, 1000 - (performance.now() - burstEnd)))),
    );
    phases.push({ phase: 'first second after the burst', reads: after, capture: null });
    let drainMs: number | null = null;
    for (let i = 0; i < 600; i++) {
      const b = (await call(s, 'app.backlog', {})) as ResponsiveResult['backlogAtBurstEnd'];
      if (b.verdictsPending === 0 && b.indexPending === 0) {
        drainMs = Math.round(performance.now() - burstEnd);
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return { phases, backlogAtBurstEnd, drainMs };
  } finally {
    ws.terminate();
    s.child.kill('SIGTERM');
    await new Promise((r) => s.child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function responsiveTable(r: ResponsiveResult): string {
  const rows = r.phases.map((p) => [
    p.phase,
    ...READS.map((m) => `${p.reads[m].p50} / ${p.reads[m].p99}`),
    p.capture ? String(p.capture.requestsPerSec) : '',
    p.capture ? String(p.capture.p99Ms) : '',
    p.capture ? `${p.capture.rows} / ${p.capture.acknowledged}` : '',
  ]);
  return (
    formatTable(
      [
        'phase',
        'captures.get p50/p99 ms',
        'list page p50/p99 ms',
        'search p50/p99 ms',
        'capture req/s',
        'capture p99 ms',
        'rows / acks',
      ],
      rows,
    ) +
    `\n  backlog at the end of the burst: verdicts for ${r.backlogAtBurstEnd.verdictsPending} captures, ${r.backlogAtBurstEnd.indexPending} not indexed; drained ${r.drainMs === null ? 'not within 60 s' : `${r.drainMs} ms after the burst`}`
  );
}
