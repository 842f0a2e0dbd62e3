// `npm run bench`: capture throughput with durable commits against a bare
// node:http server, same load generator, same run. Prints a table and ratios
// and writes bench/results.json. Loopback only; every run is bounded in time.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runLoad, type LoadResult } from './load';

const secondsArg = process.argv.indexOf('--seconds');
const seconds = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 10;

const cases = [
  { connections: 10, bodyBytes: 1024 },
  { connections: 100, bodyBytes: 1024 },
  { connections: 10, bodyBytes: 256 * 1024 },
  { connections: 100, bodyBytes: 256 * 1024 },
];

const rows: (LoadResult & { ratio: number; rowsEqualAcks: boolean | null })[] = [];
for (const c of cases) {
  const bare = await runLoad({ server: 'bare', ...c, seconds });
  const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-bench-'));
  const capture = await runLoad({ server: 'capture', dataDir, ...c, seconds });
  rmSync(dataDir, { recursive: true, force: true });
  rows.push({ ...bare, ratio: 1, rowsEqualAcks: null });
  rows.push({ ...capture, ratio: capture.requestsPerSec / bare.requestsPerSec, rowsEqualAcks: capture.rows === capture.acknowledged });
  const kb = c.bodyBytes >= 1024 ? `${c.bodyBytes / 1024} KB` : `${c.bodyBytes} B`;
  process.stdout.write(
    `c${c.connections} ${kb}: bare ${bare.requestsPerSec} req/s, capture ${capture.requestsPerSec} req/s ` +
      `(${(capture.requestsPerSec / bare.requestsPerSec).toFixed(2)}x), p99 ${capture.p99Ms} ms, ` +
      `rows ${capture.rows} / acks ${capture.acknowledged}, rss ${capture.maxRssMb} MB\n`,
  );
}

const header = ['server', 'conns', 'body', 'req/s', 'ratio', 'p99 ms', 'acks', 'rows', 'rows=acks', 'errors', 'peak RSS MB'];
const table = rows.map((r) => [
  r.server, String(r.connections), `${r.bodyBytes} B`, String(r.requestsPerSec), r.ratio.toFixed(2), String(r.p99Ms),
  String(r.acknowledged), r.rows === null ? '-' : String(r.rows), r.rowsEqualAcks === null ? '-' : String(r.rowsEqualAcks),
  String(r.errors), String(r.maxRssMb),
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join('  ');
process.stdout.write(`\n${line(header)}\n${table.map(line).join('\n')}\n`);
writeFileSync(resolve(import.meta.dirname, 'results.json'), JSON.stringify({ seconds, date: new Date().toISOString(), capture: rows }, null, 2));
