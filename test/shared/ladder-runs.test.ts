import { describe, expect, it } from 'vitest';
import { ladderRuns, ladderRunsText } from '../../src/shared/ladder-runs';
import { describeLadder } from '../../renderer/src/deliveries/ladder';
import { formatDelay } from '../../src/cli/commands/provider-detail';
import { BUILTIN_PROVIDERS } from '../../src/core/providers/catalog';

const MIN = 60_000;

describe('a retry ladder as runs of equal delays', () => {
  it('folds repeats into one run and keeps the order and the total', () => {
    const paddle = [1, 2, 4, 8, 16, 32].map((m) => m * MIN).concat(Array(54).fill(70 * MIN));
    expect(ladderRuns(paddle)).toEqual([
      { ms: MIN, count: 1 },
      { ms: 2 * MIN, count: 1 },
      { ms: 4 * MIN, count: 1 },
      { ms: 8 * MIN, count: 1 },
      { ms: 16 * MIN, count: 1 },
      { ms: 32 * MIN, count: 1 },
      { ms: 70 * MIN, count: 54 },
    ]);
    expect(ladderRunsText(paddle, formatDelay)).toBe('1m, 2m, 4m, 8m, 16m, 32m, 70m ×54');
    expect(describeLadder([MIN, 70 * MIN, 70 * MIN], (ms) => `${ms / MIN} min`)).toBe(
      '4 attempts: first, then +1 min, +70 min ×2',
    );
  });

  it('keeps alternating delays apart (Typeform: 2m, 3m, 2m...) and an empty ladder empty', () => {
    expect(ladderRunsText([2 * MIN, 3 * MIN, 2 * MIN], formatDelay)).toBe('2m, 3m, 2m');
    expect(ladderRuns([])).toEqual([]);
  });

  it('with a bound on runs, shows the first ones and sums up the rest', () => {
    const typeform = Array.from({ length: 150 }, (_, i) => (i % 2 === 0 ? 2 : 3) * MIN);
    expect(ladderRunsText(typeform, formatDelay, 4)).toBe('2m, 3m, 2m, … (150 retries, 6 h 15 min of waits in all)');
    expect(ladderRunsText([MIN, 2 * MIN], formatDelay, 4)).toBe('1m, 2m');
  });

  it('loses nothing: every built-in ladder expands back to itself', () => {
    for (const p of BUILTIN_PROVIDERS) {
      const delays = p.delivery.retryDelaysMs;
      expect(
        ladderRuns(delays).flatMap((r) => Array<number>(r.count).fill(r.ms)),
        p.id,
      ).toEqual(delays);
    }
  });
});
