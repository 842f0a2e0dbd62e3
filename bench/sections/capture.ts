// Capture throughput and p99 against a bare node:http server, same generator,
// same run; and against the durable floor (servers/floor.ts): the same store
// and group commit with nothing else, which shows what the commit costs alone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoad, type LoadResult } from '../load';
import { formatTable } from '../table';

export interface CaptureCase {
  connections: number;
  bodyBytes: number;
  bare: LoadResult;
  /** Hookscope's store and group commit behind a bare handler: the cost of the durable commit alone. */
  floor: LoadResult;
  capture: LoadResult;
  /** capture / bare: the target. */
  ratio: number;
  /** floor / bare. */
  floorRatio: number;
  rowsEqualAcks: boolean;
}

export const CAPTURE_CASES = [
  { connections: 10, bodyBytes: 1024 },
  { connections: 100, bodyBytes: 1024 },
  { connections: 10, bodyBytes: 256 * 1024 },
  { connections: 100, bodyBytes: 256 * 1024 },
];

export async function benchCapture(seconds: number, log: (line: string) => void): Promise<CaptureCase[]> {
  const out: CaptureCase[] = [];
  for (const c of CAPTURE_CASES) {
    const bare = await runLoad({ server: 'bare', ...c, seconds });
    const floor = await inDataDir((dataDir) => runLoad({ server: 'floor', dataDir, ...c, seconds }));
    const capture = await inDataDir((dataDir) => runLoad({ server: 'capture', dataDir, ...c, seconds }));
    const row: CaptureCase = {
      ...c,
      bare,
      floor,
      capture,
      ratio: capture.requestsPerSec / bare.requestsPerSec,
      floorRatio: floor.requestsPerSec / bare.requestsPerSec,
      rowsEqualAcks: capture.rows === capture.acknowledged,
    };
    out.push(row);
    log(
      `  capture c${c.connections} ${kb(c.bodyBytes)}: bare ${bare.requestsPerSec} req/s, floor ${floor.requestsPerSec} (${row.floorRatio.toFixed(2)}x), ` +
        `capture ${capture.requestsPerSec} req/s (${row.ratio.toFixed(2)}x), p99 ${capture.p99Ms} ms, rows ${capture.rows} / acks ${capture.acknowledged}`,
    );
  }
  return out;
}

async function inDataDir<T>(run: (dataDir: string) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-bench-'));
  try {
    return await run(dataDir);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function kb(bytes: number): string {
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} B`;
}

export function captureTable(cases: CaptureCase[]): string {
  const header = [
    'case',
    'bare req/s',
    'floor req/s',
    'floor/bare',
    'capture req/s',
    'capture/bare',
    'capture/floor',
    'bare p99 ms',
    'capture p99 ms',
    'acks',
    'rows',
    'rows=acks',
    'errors',
    'peak RSS MB',
  ];
  const rows = cases.map((c) => [
    `c${c.connections} ${kb(c.bodyBytes)}`,
    String(c.bare.requestsPerSec),
    String(c.floor.requestsPerSec),
    `${c.floorRatio.toFixed(2)}x`,
    String(c.capture.requestsPerSec),
    `${c.ratio.toFixed(2)}x`,
    `${(c.capture.requestsPerSec / c.floor.requestsPerSec).toFixed(2)}x`,
    String(c.bare.p99Ms),
    String(c.capture.p99Ms),
    String(c.capture.acknowledged),
    String(c.capture.rows),
    c.rowsEqualAcks ? 'yes' : 'NO',
    String(c.capture.errors),
    String(c.capture.maxRssMb),
  ]);
  return formatTable(header, rows);
}
