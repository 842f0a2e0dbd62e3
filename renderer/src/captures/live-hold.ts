import type { CaptureSummary } from '../../../src/shared/capture-types';
import { locate, matches, type Filters } from './rows';

/** Captures held while paused; past this many, resuming reloads the first page instead of folding them in. */
export const HOLD_LIMIT = 5000;

/** What a paused list keeps aside. */
export interface Held {
  /** New captures (passing the filters) that arrived while paused. */
  newCount: number;
  /** Events held, folded in on resume. */
  held: CaptureSummary[];
  /** More than HOLD_LIMIT arrived: resume reloads. */
  overflowed: boolean;
  /** Ids counted as new (an update to a capture already counted is not counted twice). */
  counted: ReadonlySet<number>;
}

export const NOTHING_HELD: Held = { newCount: 0, held: [], overflowed: false, counted: new Set() };

/** Holds live events while paused, counting the captures the list would show as new. Pure. */
export function hold(
  state: Held,
  incoming: readonly CaptureSummary[],
  rows: readonly CaptureSummary[],
  filters: Filters,
): Held {
  const counted = new Set(state.counted);
  let added = 0;
  for (const row of incoming) {
    if (counted.has(row.id) || !matches(row, filters) || locate(rows, row.id).found) continue;
    if (rows.length > 0 && row.id < rows[0].id) continue; // an older capture changed: not new
    counted.add(row.id);
    added++;
  }
  const overflowed = state.overflowed || state.held.length + incoming.length > HOLD_LIMIT;
  return { newCount: state.newCount + added, held: overflowed ? [] : state.held.concat(incoming), overflowed, counted };
}
