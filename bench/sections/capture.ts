// Capture throughput and p99 against a bare node:http server, same generator,
// same run; and against the durable floor (servers/floor.ts): the same store
// and group commit with nothing else, which shows what the commit costs alone.
// At 1 KB, floor and capture run in alternating pairs (floor, capture, capture,
// floor, ...) and capture/floor is the median of the pairs' ratios: on a
// machine whose cores others share, one run of each a minute apart measured
// the machine's load more than the servers (0.05x to 1.05x between runs).
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
  /** capture / bare. */
  ratio: number;
  /** floor / bare. */
  floorRatio: number;
  /** capture / floor, the target: the median of the alternating pairs' ratios (one pair for the 256 KB cases). */
  captureOfFloor: number;
  /** Each pair's capture / floor, in the order run. */
  pairRatios: number[];
  rowsEqualAcks: boolean;
}

/** Alternating floor/capture pairs per 1 KB case. */
export const CAPTURE_PAIRS = { quick: 3, full: 5 };

export const CAPTURE_CASES = [
  { connections: 10, bodyBytes: 1024 },
  { connections: 100, bodyBytes: 1024 },
  { connections: 10, bodyBytes: 256 * 1024 },
  { connections: 100, bodyBytes: 256 * 1024 },
];

export async function benchCapture(
  seconds: number,
  log: (line: string) => void,
  pairs: number = CAPTURE_PAIRS.full,
): Promise<CaptureCase[]> {
  const out: CaptureCase[] = [];
  for (const c of CAPTURE_CASES) {
    const bare = await runLoad({ server: 'bare', ...c, seconds });
    const floors: LoadResult[] = [];
    const captures: LoadResult[] = [];
    const runFloor = async () =>
      void floors.push(await inDataDir((dataDir) => runLoad({ server: 'floor', dataDir, ...c, seconds })));
    const runCapture = async () =>
      void captures.push(await inDataDir((dataDir) => runLoad({ server: 'capture', dataDir, ...c, seconds })));
    for (let i = 0; i < (c.bodyBytes <= 1024 ? pairs : 1); i++) {
      // floor, capture / capture, floor: a drift in the machine's load favours neither.
      if (i % 2 === 0) await runFloor().then(runCapture);
      else await runCapture().then(runFloor);
    }
    const pairRatios = captures.map((x, i) => x.requestsPerSec / Math.max(1, floors[i].requestsPerSec));
    const floor = medianRun(floors);
    const capture = medianRun(captures);
    const row: CaptureCase = {
      ...c,
      bare,
      floor,
      capture,
      ratio: capture.requestsPerSec / bare.requestsPerSec,
      floorRatio: floor.requestsPerSec / bare.requestsPerSec,
      captureOfFloor: median(pairRatios),
      pairRatios,
      rowsEqualAcks: captures.every((x) => x.rows === x.acknowledged),
    };
    out.push(row);
    log(
      `  capture c${c.connections} ${kb(c.bodyBytes)}: bare ${bare.requestsPerSec} req/s, floor ${floor.requestsPerSec} (${row.floorRatio.toFixed(2)}x), ` +
        `capture ${capture.requestsPerSec} req/s (${row.ratio.toFixed(2)}x), p99 ${capture.p99Ms} ms, rows ${capture.rows} / acks ${capture.acknowledged}; ` +
        `capture/floor per pair ${pairRatios.map((r) => r.toFixed(2)).join(', ')} (median ${row.captureOfFloor.toFixed(2)}x)`,
    );
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The run with the median rate (the lower middle one of an even count). */
function medianRun(runs: LoadResult[]): LoadResult {
  return [...runs].sort((a, b) => a.requestsPerSec - b.requestsPerSec)[(runs.length - 1) >> 1];
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
    'capture/floor (pairs)',
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
    `${c.captureOfFloor.toFixed(2)}x (${c.pairRatios.length})`,
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
