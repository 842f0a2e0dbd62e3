// `npx tsx bench/diff.ts`: how long the bounded capture diff takes on hostile
// pairs of bodies (the work a `captures.diff` call does on serve's main thread,
// where capture runs too). Each pair is diffed 3 times; the table shows the
// slowest run, what was listed, what was counted, and whether it stopped early.
import { loadavg } from 'node:os';
import { diffBodies } from '../src/core/replay/diff';
import { formatTable } from './table';

const numbers = (n: number, v: number) => `[${new Array(n).fill(String(v)).join(',')}]`;
const lines = (n: number, change: (i: number) => boolean) =>
  Array.from({ length: n }, (_, i) => (change(i) ? `changed ${i}` : `line ${i} with some padding text`)).join('\n');
const keys = (n: number, k: number) =>
  JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, i * k])));
let seed = 1;
const random = (n: number) =>
  Array.from({ length: n }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), 'abcdefgh'[seed % 8])).join('\n');

const pairs: Array<[string, () => [string, string]]> = [
  ['[] vs 1,000,000 items', () => ['[]', numbers(1_000_000, 1)]],
  ['1,000,000 items all changed (2 MB each)', () => [numbers(1_000_000, 0), numbers(1_000_000, 1)]],
  ['200,000 keys all changed (3 MB each)', () => [keys(200_000, 1), keys(200_000, 2)]],
  ['5,000,000 items (10 MB each, over the JSON cap)', () => [numbers(5_000_000, 0), numbers(5_000_000, 1)]],
  ['400,000 lines, 1 changed (11 MB each)', () => [lines(400_000, () => false), lines(400_000, (i) => i === 200_000)]],
  ['400,000 lines, 400 changed', () => [lines(400_000, () => false), lines(400_000, (i) => i % 1000 === 0)]],
  ['400,000 lines, 4,000 changed', () => [lines(400_000, () => false), lines(400_000, (i) => i % 100 === 0)]],
  ['300,000 random one-letter lines', () => [random(300_000), random(300_000)]],
];

const rows: string[][] = [];
for (const [name, make] of pairs) {
  const [a, b] = make().map((t) => Buffer.from(t));
  let worst = 0;
  let result = diffBodies(a, b);
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    result = diffBodies(a, b);
    worst = Math.max(worst, performance.now() - started);
  }
  const listed = result.kind === 'json' ? result.changes.length : result.kind === 'text' ? result.lines.length : 0;
  const more = result.kind === 'json' || result.kind === 'text' ? result.more : 0;
  const partial = result.kind === 'json' || result.kind === 'text' ? (result.partial ?? '') : '';
  rows.push([
    name,
    `${(a.length / 1024 / 1024).toFixed(1)} MiB`,
    `${worst.toFixed(0)} ms`,
    result.kind,
    String(listed),
    String(more),
    partial ? 'yes' : 'no',
    `${(JSON.stringify(result).length / 1024).toFixed(0)} KiB`,
  ]);
}
process.stdout.write(`# Bounded diff, load average ${loadavg()[0].toFixed(2)}\n`);
process.stdout.write(
  `${formatTable(['pair', 'size A', 'slowest of 3', 'kind', 'listed', 'more', 'stopped early', 'result'], rows)}\n`,
);
