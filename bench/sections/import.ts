// Import beside a capture load: 20,000 captures imported into a running
// `hookscope serve` (a real child process), once by `hookscope import` in
// another process and once through the control API (`import.text`), while
// probe senders deliver webhooks to its capture port the whole time. Each
// probe's latency is measured; the target is p99 < 100 ms and no answer but 200.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runCli } from '../../test/helpers/cli';
import { ndjsonCorpus } from '../../test/helpers/ndjson-corpus';
import { startProbes, type ProbeResult } from '../../test/helpers/probes';
import { startServeProcess } from '../../test/helpers/serve-process';
import { round, spread, type Spread } from '../stats';
import { formatTable } from '../table';

export const IMPORT_TARGET_P99_MS = 100;

export interface ImportCase {
  via: 'cli beside serve' | 'control API';
  rows: number;
  importSeconds: number;
  imported: number;
  probes: number;
  non200: number;
  probeMs: Spread;
  /** The same probes for as long, with no import: what the machine gives anyway. */
  idleProbeMs: Spread;
}

const API_PART = 5000;

/** An NDJSON export cut into exports of at most `n` captures each (header and endpoint lines repeated). */
function parts(text: string, n: number): string[] {
  const lines = text.trimEnd().split('\n');
  const head = lines.slice(0, 2);
  const out: string[] = [];
  for (let i = 2; i < lines.length; i += n) out.push([...head, ...lines.slice(i, i + n)].join('\n'));
  return out;
}

async function probeFor(url: string, ms: number, lanes: number): Promise<ProbeResult> {
  const probes = startProbes(url, lanes);
  await new Promise((r) => setTimeout(r, ms));
  return probes.stop();
}

const non200 = (r: ProbeResult) =>
  Object.entries(r.statuses).reduce((n, [status, k]) => n + (status === '200' ? 0 : k), 0);

export async function benchImport(rows: number, log: (line: string) => void, lanes = 4): Promise<ImportCase[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-bench-import-'));
  const out: ImportCase[] = [];
  try {
    for (const via of ['cli beside serve', 'control API'] as const) {
      const dataDir = join(dir, via === 'control API' ? 'api' : 'cli');
      const serve = await startServeProcess(dataDir);
      try {
        const probeUrl = `${serve.info.captureUrl}/probe/hook`;
        const text = ndjsonCorpus(rows, via === 'control API' ? 'via-api' : 'via-cli');
        const file = join(dir, `${via === 'control API' ? 'api' : 'cli'}.ndjson`);
        writeFileSync(file, text);
        const probes = startProbes(probeUrl, lanes);
        const started = performance.now();
        let imported = 0;
        if (via === 'cli beside serve') {
          const result = await runCli(['import', file, '--data', dataDir, '--json']);
          if (result.code !== 0) throw new Error(`hookscope import exited ${result.code}: ${result.stderr}`);
          imported = (JSON.parse(result.stdout) as { captures: number }).captures;
        } else {
          // A control API call carries at most 16 MiB: the file goes in parts of API_PART captures.
          for (const part of parts(text, API_PART)) {
            const res = await fetch(`${new URL(serve.info.uiUrl).origin}/api/import.text`, {
              method: 'POST',
              headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serve.info.token}` },
              body: JSON.stringify({ text: part }),
            });
            const answer = (await res.json()) as { ok: boolean; result?: { captures: number } };
            if (!res.ok || !answer.result)
              throw new Error(`import.text answered ${res.status}: ${JSON.stringify(answer)}`);
            imported += answer.result.captures;
          }
        }
        const importSeconds = (performance.now() - started) / 1000;
        const during = await probes.stop();
        const idle = await probeFor(probeUrl, Math.min(5000, importSeconds * 1000), lanes);
        const row: ImportCase = {
          via,
          rows,
          importSeconds: round(importSeconds, 1),
          imported,
          probes: during.sent,
          non200: non200(during),
          probeMs: roundSpread(spread(during.latenciesMs)),
          idleProbeMs: roundSpread(spread(idle.latenciesMs)),
        };
        out.push(row);
        log(
          `  import ${rows} via ${via}: ${row.importSeconds} s, ${row.probes} probes (${row.non200} not 200), probe p99 ${row.probeMs.p99} ms (idle ${row.idleProbeMs.p99} ms)`,
        );
      } finally {
        serve.child.kill('SIGTERM');
        await serve.exited;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

function roundSpread(s: Spread): Spread {
  return { n: s.n, p50: round(s.p50, 1), p99: round(s.p99, 1), max: round(s.max, 1) };
}

export function importTable(cases: ImportCase[]): string {
  return formatTable(
    [
      'via',
      'rows',
      'imported',
      'seconds',
      'probes',
      'not 200',
      'probe p50 ms',
      'probe p99 ms',
      'probe max ms',
      `p99 < ${IMPORT_TARGET_P99_MS} ms`,
      'idle p99 ms',
    ],
    cases.map((c) => [
      c.via,
      String(c.rows),
      String(c.imported),
      String(c.importSeconds),
      String(c.probes),
      String(c.non200),
      String(c.probeMs.p50),
      String(c.probeMs.p99),
      String(c.probeMs.max),
      c.probeMs.p99 < IMPORT_TARGET_P99_MS ? 'yes' : 'NO',
      String(c.idleProbeMs.p99),
    ]),
  );
}
