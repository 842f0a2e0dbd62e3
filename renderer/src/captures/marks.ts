import { create } from 'zustand';
import type { CaptureSummary } from '../../../src/shared/capture-types';
import { locate } from './rows';

/**
 * Captures picked in the list for an action on several (Ctrl/Cmd-click
 * toggles one, Shift-click takes the run from the last picked): delete them,
 * or diff two. Kept in the order they were picked; apart from the highlight
 * (j/k) and the open detail.
 */
interface MarksStore {
  marked: number[];
  /** The last one toggled on: where a Shift-click's run starts. */
  anchor: number | null;
  toggle(id: number): void;
  /** Marks every row from the anchor (or the open capture) to `id`, as the list shows them. */
  extend(id: number, rows: readonly CaptureSummary[], from: number | null): void;
  drop(ids: readonly number[]): void;
  clear(): void;
}

export const useMarks = create<MarksStore>((set, get) => ({
  marked: [],
  anchor: null,
  toggle(id) {
    const { marked } = get();
    set(
      marked.includes(id)
        ? { marked: marked.filter((m) => m !== id), anchor: null }
        : { marked: [...marked, id], anchor: id },
    );
  },
  extend(id, rows, from) {
    const start = get().anchor ?? from;
    if (start === null) return get().toggle(id);
    const a = locate(rows, start);
    const b = locate(rows, id);
    if (!a.found || !b.found) return get().toggle(id);
    const [lo, hi] = a.at < b.at ? [a.at, b.at] : [b.at, a.at];
    const run = rows.slice(lo, hi + 1).map((r) => r.id);
    const marked = get().marked.filter((m) => !run.includes(m));
    set({ marked: [...marked, ...run], anchor: start });
  },
  drop(ids) {
    const gone = new Set(ids);
    const { marked, anchor } = get();
    if (!marked.some((m) => gone.has(m))) return;
    set({ marked: marked.filter((m) => !gone.has(m)), anchor: anchor !== null && gone.has(anchor) ? null : anchor });
  },
  clear() {
    if (get().marked.length > 0) set({ marked: [], anchor: null });
  },
}));
