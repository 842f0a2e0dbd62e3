import { create } from 'zustand';
import type { CaptureSummary } from '../../../src/shared/capture-types';
import { hold, NOTHING_HELD, type Held } from './live-hold';
import { useCaptures } from './store';

interface LiveStore extends Held {
  paused: boolean;
  /** A list load was dropped when pausing: resume loads the list again. */
  reloadOnResume: boolean;
  pause(): void;
  resume(): void;
  toggle(): void;
  /** Captures added or updated (a live event): folded in now, or held while paused. */
  receive(incoming: readonly CaptureSummary[]): void;
  /** Events may have been missed (the connection came up): the first page is fetched again now, or on resume. */
  resync(): void;
}

/**
 * Pause live: while paused the list does not move (nothing is folded in) and
 * the new captures are counted; resuming folds them in, or reloads when too
 * many arrived.
 */
export const useLive = create<LiveStore>((set, get) => ({
  paused: false,
  reloadOnResume: false,
  ...NOTHING_HELD,
  pause() {
    if (!get().paused) set({ paused: true, reloadOnResume: useCaptures.getState().freeze(), ...NOTHING_HELD });
  },
  resume() {
    const { paused, held, overflowed, reloadOnResume } = get();
    if (!paused) return;
    set({ paused: false, reloadOnResume: false, ...NOTHING_HELD });
    if (overflowed || reloadOnResume) void useCaptures.getState().reload();
    else if (held.length > 0) useCaptures.getState().merge(held);
  },
  toggle() {
    if (get().paused) get().resume();
    else get().pause();
  },
  receive(incoming) {
    if (!get().paused) return useCaptures.getState().merge(incoming);
    const { rows, filters } = useCaptures.getState();
    set(hold(get(), incoming, rows, filters));
  },
  resync() {
    if (get().paused) set({ reloadOnResume: true });
    else void useCaptures.getState().resync();
  },
}));
