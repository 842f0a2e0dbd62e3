import { duration } from './duration';

/** One step of a retry ladder and how many times in a row it repeats. */
export interface LadderRun {
  ms: number;
  count: number;
}

/**
 * A retry ladder as runs of equal delays: Paddle's sixty retries read
 * `1m, 2m, 4m, 8m, 16m, 32m, 70m ×54`, not sixty entries.
 */
export function ladderRuns(delays: readonly number[]): LadderRun[] {
  const runs: LadderRun[] = [];
  for (const ms of delays) {
    const last = runs[runs.length - 1];
    if (last && last.ms === ms) last.count += 1;
    else runs.push({ ms, count: 1 });
  }
  return runs;
}

/**
 * The runs in one line, each delay written by `format`, a repeat as `×N`. With `maxRuns`, a ladder of more
 * runs shows its first ones and then how many retries there are in all and their total wait (Typeform
 * alternates 2 and 3 minutes 150 times).
 */
export function ladderRunsText(delays: readonly number[], format: (ms: number) => string, maxRuns = Infinity): string {
  const runs = ladderRuns(delays);
  const text = (r: LadderRun) => (r.count === 1 ? format(r.ms) : `${format(r.ms)} ×${r.count}`);
  if (runs.length <= maxRuns) return runs.map(text).join(', ');
  const total = delays.reduce((a, b) => a + b, 0);
  return `${runs
    .slice(0, Math.max(1, maxRuns - 1))
    .map(text)
    .join(', ')}, … (${delays.length} retries, ${duration(total)} of waits in all)`;
}
