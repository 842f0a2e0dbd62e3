// `npm run soak -- --seconds S --rate R [--connections C] [--body-bytes B]`:
// steady load at a fixed request rate on Hookscope's capture server (in its
// own process, with background analysis, indexing and checkpoints running)
// for S seconds. Prints requests acknowledged, rows stored (they must be
// equal), errors, and the server's RSS at the start, every 10 s and the end.
// Loopback only; bounded by S (at most 3600) plus a 60 s drain.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startChild } from './child';
import { mb } from './stats';

/** autocannon's run: a promise of its result that also emits a 'tick' every second. */
type Tracker = Promise<autocannon.Result> & {
  on(event: 'tick', fn: (t: { counter: number }) => void): void;
  stop(): void;
};

interface Stats {
  rows: number;
  rssBytes: number;
  maxRssBytes: number;
}

function flag(name: string, fallback: number, max: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isFinite(n) || n <= 0 || n > max) {
    process.stderr.write(
      `${name} must be a number in (0, ${max}]\nusage: npm run soak -- --seconds S --rate R [--connections C] [--body-bytes B]\n`,
    );
    process.exit(2);
  }
  return Math.round(n);
}

const seconds = flag('--seconds', 60, 3600);
const rate = flag('--rate', 2000, 100_000);
const connections = flag('--connections', 32, 1000);
const bodyBytes = flag('--body-bytes', 1024, 10 * 1024 * 1024);

const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-soak-'));
const server = await startChild('capture.ts', [dataDir]);
const out = (line: string) => process.stdout.write(`${line}\n`);
try {
  const start = await server.ask<Stats>('stats');
  out(
    `soak: ${seconds} s at ${rate} req/s, ${connections} connections, ${bodyBytes}-byte bodies; server RSS at start ${mb(start.rssBytes)} MB`,
  );
  const body =
    JSON.stringify({ type: 'soak.test', customer: 'cus_1', data: 'x'.repeat(Math.max(0, bodyBytes - 60)) }).slice(
      0,
      bodyBytes - 2,
    ) + '"}';
  // A fixed number of requests at a fixed overall rate: the run ends when every one is answered,
  // so rows stored can be compared with acknowledgements exactly.
  const tracker = (autocannon as unknown as (o: autocannon.Options) => Tracker)({
    url: `http://127.0.0.1:${server.port}/soak/hook`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    overallRate: rate,
    amount: seconds * rate,
    timeout: 30,
  });
  let elapsed = 0;
  let done = 0;
  const samples: number[] = [mb(start.rssBytes)];
  tracker.on('tick', ({ counter }) => {
    elapsed++;
    done += counter;
    if (elapsed % 10 === 0) {
      void server.ask<Stats>('stats').then((s) => {
        samples.push(mb(s.rssBytes));
        out(`  ${String(elapsed).padStart(4)} s: ${done} answered, ${s.rows} rows, RSS ${mb(s.rssBytes)} MB`);
      });
    }
  });
  const drain = setTimeout(() => tracker.stop(), (seconds + 60) * 1000);
  const result = await tracker;
  clearTimeout(drain);
  const end = await server.stop<Stats>();
  const acked = result['2xx'];
  const errors = result.errors + result.timeouts + result.non2xx;
  out('');
  out(`requests made        ${seconds * rate} (${seconds} s x ${rate} req/s)`);
  out(`acknowledged (2xx)   ${acked}`);
  out(`rows stored          ${end.rows}${end.rows === acked ? '  (= acknowledged)' : '  (NOT EQUAL to acknowledged)'}`);
  out(
    `errors               ${errors} (${result.errors} socket, ${result.timeouts} timeouts, ${result.non2xx} non-2xx)`,
  );
  out(
    `achieved rate        ${Math.round(result.requests.total / result.duration)} req/s over ${result.duration} s; p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`,
  );
  out(
    `server RSS           start ${mb(start.rssBytes)} MB, end ${mb(end.rssBytes)} MB, peak ${mb(end.maxRssBytes)} MB; samples ${samples.join(' ')}`,
  );
  process.exitCode = end.rows === acked && errors === 0 ? 0 : 1;
} finally {
  server.process.kill();
  rmSync(dataDir, { recursive: true, force: true });
}
