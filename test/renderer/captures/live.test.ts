import { describe, expect, it } from 'vitest';
import type { CaptureSummary } from '../../../src/shared/capture-types';
import { hold, HOLD_LIMIT, NOTHING_HELD } from '../../../renderer/src/captures/live-hold';
import { mergeRows, NO_FILTERS } from '../../../renderer/src/captures/rows';
import { backlogText } from '../../../renderer/src/captures/backlog-text';

function summary(id: number, extra: Partial<CaptureSummary> = {}): CaptureSummary {
  return {
    id,
    endpoint: 'default',
    receivedAt: id,
    method: 'POST',
    path: `/p/${id}`,
    bodySize: 2,
    truncated: false,
    provider: null,
    eventType: null,
    signatureStatus: 'unsigned',
    responseStatus: 200,
    ...extra,
  } as CaptureSummary;
}

const ROWS = [summary(3), summary(2), summary(1)];

describe('pause live: what a paused list holds', () => {
  it('counts each new capture once, not an update to an older row; the held events fold in on resume', () => {
    let state = hold(NOTHING_HELD, [summary(4), summary(5)], ROWS, NO_FILTERS);
    state = hold(state, [summary(5, { provider: 'prynt' })], ROWS, NO_FILTERS); // its verdict arrives: not new twice
    state = hold(state, [summary(2, { provider: 'prynt' })], ROWS, NO_FILTERS); // an older row changes: not new
    expect(state.newCount).toBe(2);
    expect(state.overflowed).toBe(false);
    const resumed = mergeRows(ROWS, state.held, NO_FILTERS, false);
    expect(resumed.map((r) => r.id)).toEqual([5, 4, 3, 2, 1]);
    expect(resumed[0].provider).toBe('prynt');
    expect(resumed[3].provider).toBe('prynt');
  });

  it('counts only captures the filters let through', () => {
    const state = hold(NOTHING_HELD, [summary(4), summary(5, { method: 'GET' })], ROWS, {
      ...NO_FILTERS,
      method: 'GET',
    });
    expect(state.newCount).toBe(1);
  });

  it('past HOLD_LIMIT, stops holding and marks the list to be reloaded on resume, still counting', () => {
    const state = hold(
      NOTHING_HELD,
      Array.from({ length: HOLD_LIMIT + 1 }, (_, i) => summary(10 + i)),
      ROWS,
      NO_FILTERS,
    );
    expect(state).toMatchObject({ overflowed: true, held: [], newCount: HOLD_LIMIT + 1 });
    expect(hold(state, [summary(HOLD_LIMIT + 20)], ROWS, NO_FILTERS)).toMatchObject({
      overflowed: true,
      held: [],
      newCount: HOLD_LIMIT + 2,
    });
  });
});

describe('backlog note', () => {
  it('names what is pending, and nothing when nothing is', () => {
    expect(backlogText({ verdictsPending: 3200, indexPending: 0 })).toBe('verdicts for 3,200 captures pending');
    expect(backlogText({ verdictsPending: 1, indexPending: 12 })).toBe(
      'verdicts for 1 capture pending · 12 not yet in the search index',
    );
    expect(backlogText({ verdictsPending: 0, indexPending: 0 })).toBeNull();
  });
});
