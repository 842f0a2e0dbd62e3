// What `serve --durability full` costs: the same capture load against the
// capture server with synchronous=NORMAL (the default: a commit survives the
// process being killed, the last ones can be lost on a power cut) and with
// synchronous=FULL (every commit waits for the disk), printed as a ratio.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLoad, type LoadResult } from '../load';
import { formatTable } from '../table';
import { kb } from './capture';

export interface DurabilityCase {
  connections: number;
  bodyBytes: number;
  normal: LoadResult;
  full: LoadResult;
  /** full / normal req/s. */
  ratio: number;
  rowsEqualAcks: boolean;
}

export const DURABILITY_CASES = [
  { connections: 10, bodyBytes: 1024 },
  { connections: 100, bodyBytes: 1024 },
];

async function inDataDir<T>(run: (dataDir: string) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hookscope-bench-'));
  try {
    return await run(dataDir);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchDurability(seconds: number, log: (line: string) => void): Promise<DurabilityCase[]> {
  const out: DurabilityCase[] = [];
  for (const c of DURABILITY_CASES) {
    const normal = await inDataDir((dataDir) =>
      runLoad({ server: 'capture', dataDir, durability: 'normal', ...c, seconds }),
    );
    const full = await inDataDir((dataDir) =>
      runLoad({ server: 'capture', dataDir, durability: 'full', ...c, seconds }),
    );
    const row: DurabilityCase = {
      ...c,
      normal,
      full,
      ratio: full.requestsPerSec / normal.requestsPerSec,
      rowsEqualAcks: normal.rows === normal.acknowledged && full.rows === full.acknowledged,
    };
    out.push(row);
    log(
      `  durability c${c.connections} ${kb(c.bodyBytes)}: normal ${normal.requestsPerSec} req/s (p99 ${normal.p99Ms} ms), full ${full.requestsPerSec} req/s (p99 ${full.p99Ms} ms), full/normal ${row.ratio.toFixed(2)}x`,
    );
  }
  return out;
}

export function durabilityTable(cases: DurabilityCase[]): string {
  const header = ['case', 'normal req/s', 'full req/s', 'full/normal', 'normal p99 ms', 'full p99 ms', 'rows=acks'];
  const rows = cases.map((c) => [
    `c${c.connections} ${kb(c.bodyBytes)}`,
    String(c.normal.requestsPerSec),
    String(c.full.requestsPerSec),
    `${c.ratio.toFixed(2)}x`,
    String(c.normal.p99Ms),
    String(c.full.p99Ms),
    c.rowsEqualAcks ? 'yes' : 'NO',
  ]);
  return formatTable(header, rows);
}
