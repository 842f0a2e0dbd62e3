import { create } from 'zustand';
import type { CaptureSummary } from '../../../src/shared/capture-types';
import { locate, matches } from './rows';
import { useCaptures } from './store';

/** Captures held while paused; past this many, resuming reloads the first page instead of folding them in. */
export const HOLD_LIMIT = 5000;

interface LiveStore {
  paused: boolean;
  /** New captures (passing the filters) that arrived while paused. */
  newCount: number;
  /** Events held while paused, folded in on resume. */
  held: CaptureSummary[];
  /** More than HOLD_LIMIT arrived: resume reloads. */
  overflowed: boolean;
  pause(): void;
  resume(): void;
  toggle(): void;
  /** Captures added or updated (a live event): folded in now, or held while paused. */
  receive(incoming: readonly CaptureSummary[]): void;
}

/** Ids counted as new during this pause (an update to a capture already counted is not counted twice). */
let counted = new Set<number>();

/**
 * Pause live: while paused the list does not move (nothing is folded in) and
 * the new captures are counted; resuming folds them in, or reloads when too
 * many arrived.
 */
export const useLive = create<LiveStore>((set, get) => ({
  paused: false,
  newCount: 0,
  held: [],
  overflowed: false,
  pause() {
    if (get().paused) return;
    counted = new Set();
    set({ paused: true, newCount: 0, held: [], overflowed: false });
  },
  resume() {
    const { paused, held, overflowed } = get();
    if (!paused) return;
    counted = new Set();
    set({ paused: false, newCount: 0, held: [], overflowed: false });
    if (overflowed) void useCaptures.getState().reload();
    else if (held.length > 0) useCaptures.getState().merge(held);
  },
  toggle() {
    if (get().paused) get().resume();
    else get().pause();
  },
  receive(incoming) {
    if (!get().paused) return useCaptures.getState().merge(incoming);
    const { rows, filters } = useCaptures.getState();
    let added = 0;
    for (const row of incoming) {
      if (counted.has(row.id) || !matches(row, filters) || locate(rows, row.id).found) continue;
      if (rows.length > 0 && row.id < rows[0].id) continue; // an older capture changed: not new
      counted.add(row.id);
      added++;
    }
    const { held, overflowed, newCount } = get();
    const overflowing = overflowed || held.length + incoming.length > HOLD_LIMIT;
    set({ newCount: newCount + added, held: overflowing ? [] : held.concat(incoming), overflowed: overflowing });
  },
}));
