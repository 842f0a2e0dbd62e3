/** Command-line options of `npm run bench`. */
export interface BenchOptions {
  quick: boolean;
  /** Seconds per capture load case. */
  seconds: number;
  /** Size of the history for reads and the UI. */
  rows: number;
  /** Captures imported beside a capture load. */
  importRows: number;
  retries: number;
  retryWindowSeconds: number;
  readRuns: number;
  senderSeconds: number;
  uiLoads: number;
  /** Sections to run (all by default). */
  only: Set<Section>;
  /** Reuse (or build and keep) the history in this folder instead of a temporary one. */
  dataset: string | null;
  buildUi: boolean;
}

export const SECTIONS = [
  'capture',
  'durability',
  'reads',
  'sender',
  'retries',
  'ui',
  'import',
  'index-stall',
  'responsive',
  'forward-proxy',
  'providers',
] as const;
export type Section = (typeof SECTIONS)[number];

export const USAGE = `npm run bench -- [--quick] [--seconds S] [--rows N] [--retries N] [--retry-window S]
  [--only ${SECTIONS.join(',')}] [--dataset DIR] [--build-ui]`;

function numberAfter(argv: string[], flag: string): number | undefined {
  const i = argv.indexOf(flag);
  if (i < 0) return undefined;
  const n = Number(argv[i + 1]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number\n${USAGE}`);
  return n;
}

export function parseBenchArgs(argv: string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const onlyAt = argv.indexOf('--only');
  const only = new Set<Section>(
    onlyAt >= 0 ? ((argv[onlyAt + 1] ?? '').split(',').filter(Boolean) as Section[]) : SECTIONS,
  );
  for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`unknown section "${s}"\n${USAGE}`);
  const datasetAt = argv.indexOf('--dataset');
  return {
    quick,
    seconds: numberAfter(argv, '--seconds') ?? (quick ? 3 : 10),
    rows: Math.round(numberAfter(argv, '--rows') ?? (quick ? 200_000 : 1_000_000)),
    importRows: 20_000,
    retries: Math.round(numberAfter(argv, '--retries') ?? (quick ? 20_000 : 100_000)),
    retryWindowSeconds: numberAfter(argv, '--retry-window') ?? (quick ? 20 : 120),
    readRuns: quick ? 100 : 300,
    senderSeconds: quick ? 4 : 10,
    uiLoads: quick ? 3 : 6,
    only,
    dataset: datasetAt >= 0 ? argv[datasetAt + 1] : null,
    buildUi: argv.includes('--build-ui'),
  };
}
