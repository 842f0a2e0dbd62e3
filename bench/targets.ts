// The numbers the report is held to, and whether this run met them.
import type { CaptureCase } from './sections/capture';
import { IMPORT_TARGET_P99_MS, type ImportCase } from './sections/import';
import { kb } from './sections/capture';
import type { ReadResult } from './sections/reads';
import type { RetriesResult } from './sections/retries';
import type { IndexStallResult } from './sections/index-stall';
import { formatTable } from './table';

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
  /** Where to look when it is missed. */
  hint: string;
}

export function checkTargets(results: {
  capture?: CaptureCase[];
  reads?: ReadResult[];
  retries?: RetriesResult;
  imports?: ImportCase[];
  indexStall?: IndexStallResult;
}): TargetCheck[] {
  const out: TargetCheck[] = [];
  for (const c of results.imports ?? []) {
    out.push({
      target: `import ${c.rows} via ${c.via}: webhooks meanwhile p99 < ${IMPORT_TARGET_P99_MS} ms, all 200`,
      measured: `p99 ${c.probeMs.p99} ms over ${c.probes} webhooks, ${c.non200} not 200; ${c.imported} imported in ${c.importSeconds} s (idle p99 ${c.idleProbeMs.p99} ms)`,
      met: c.probeMs.p99 < IMPORT_TARGET_P99_MS && c.non200 === 0 && c.imported === c.rows,
      hint: 'slices and pauses: src/core/replay/import.ts (DEFAULT_SLICE_MS, yieldToEventLoop) and CLI_SLICE_MS in src/cli/commands/import.ts',
    });
  }
  for (const c of results.capture ?? []) {
    if (c.bodyBytes <= 1024) {
      out.push({
        target: `capture c${c.connections} ${kb(c.bodyBytes)} >= 0.70x bare`,
        measured: `${c.ratio.toFixed(2)}x (${c.capture.requestsPerSec} vs ${c.bare.requestsPerSec} req/s; the durable floor alone: ${c.floorRatio.toFixed(2)}x)`,
        met: c.ratio >= 0.7,
        hint: 'the floor row is one SQLite commit per turn and nothing else (bench/servers/floor.ts): below 0.70x, the target is out of reach of a commit per turn on this machine; above it, profile node --cpu-prof bench/servers/capture.ts',
      });
    }
    out.push({
      target: `capture c${c.connections} ${kb(c.bodyBytes)} rows = acks`,
      measured: `${c.capture.rows} rows, ${c.capture.acknowledged} acks, ${c.capture.errors} errors`,
      met: c.rowsEqualAcks,
      hint: 'every acknowledged request must be a row, and nothing unacknowledged',
    });
  }
  for (const r of results.reads ?? []) {
    if (r.targetP99Ms === null) continue;
    out.push({
      target: `${r.kind} p99 < ${r.targetP99Ms} ms`,
      measured: `p99 ${r.p99.toFixed(2)} ms (p50 ${r.p50.toFixed(2)})`,
      met: r.p99 < r.targetP99Ms,
      hint: 'node --cpu-prof --import tsx bench/run.ts --only reads --dataset DIR',
    });
  }
  if (results.retries) {
    const r = results.retries;
    out.push({
      target: `${r.retries} pending retries: p99 lateness < 10 ms`,
      measured: `p50 ${r.lateMs.p50} / p99 ${r.lateMs.p99} / max ${r.lateMs.max} ms over ${r.fired} fired`,
      met: r.lateMs.p99 < 10,
      hint: 'node --cpu-prof --import tsx bench/run.ts --only retries',
    });
    out.push({
      target: `${r.retries} pending retries: every one fires and is delivered`,
      measured: `${r.delivered} delivered, ${r.engineErrors} dropped on an engine error`,
      met: r.delivered === r.retries,
      hint: 'a claim or settle that meets SQLITE_BUSY is tried again after a backoff: test/core/sender/engine-errors.test.ts',
    });
  }
  if (results.indexStall) {
    const s = results.indexStall;
    out.push({
      target: `capture p99 < ${s.targetP99Ms} ms while a ${(s.bodyBytes / 1e6).toFixed(0)} MB body is indexed`,
      measured: `p99 ${s.during.p99} ms, max ${s.during.max} ms over ${s.during.n} captures (before it: p99 ${s.before.p99} ms); indexed in ${s.indexMs} ms`,
      met: s.during.p99 < s.targetP99Ms && s.errors === 0,
      hint: 'node --cpu-prof --import tsx bench/servers/index-stall.ts DIR, then npm run bench -- --only index-stall (src/core/store/search-slices.ts)',
    });
    out.push({
      target: 'a body indexed in slices is found by each of its words',
      measured: s.found.map((f) => `${f.word}: ${f.found ? 'found' : 'not found'}`).join(', '),
      met: s.found.every((f) => f.found === f.expected),
      hint: 'test/core/store/search-slices.test.ts',
    });
  }
  return out;
}

export function targetsTable(checks: TargetCheck[]): string {
  return formatTable(
    ['target', 'measured', 'result'],
    checks.map((c) => [c.target, c.measured, c.met ? 'met' : 'MISSED']),
  );
}
