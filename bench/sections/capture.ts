// Capture throughput and p99 against a bare node:http server, same generator, same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoad, type LoadResult } from '../load';
import { formatTable } from '../table';

export interface CaptureCase {
  connections: number;
  bodyBytes: number;
  bare: LoadResult;
  capture: LoadResult;
  ratio: number;
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
    const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-bench-'));
    try {
      const capture = await runLoad({ server: 'capture', dataDir, ...c, seconds });
      const row: CaptureCase = { ...c, bare, capture, ratio: capture.requestsPerSec / bare.requestsPerSec, rowsEqualAcks: capture.rows === capture.acknowledged };
      out.push(row);
      log(
        `  capture c${c.connections} ${kb(c.bodyBytes)}: bare ${bare.requestsPerSec} req/s, capture ${capture.requestsPerSec} req/s ` +
          `(${row.ratio.toFixed(2)}x), p99 ${capture.p99Ms} ms, rows ${capture.rows} / acks ${capture.acknowledged}`,
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return out;
}

export function kb(bytes: number): string {
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} B`;
}

export function captureTable(cases: CaptureCase[]): string {
  const header = ['case', 'bare req/s', 'capture req/s', 'ratio', 'bare p99 ms', 'capture p99 ms', 'acks', 'rows', 'rows=acks', 'errors', 'peak RSS MB'];
  const rows = cases.map((c) => [
    `c${c.connections} ${kb(c.bodyBytes)}`,
    String(c.bare.requestsPerSec),
    String(c.capture.requestsPerSec),
    `${c.ratio.toFixed(2)}x`,
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
