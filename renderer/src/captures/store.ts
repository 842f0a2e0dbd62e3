import { create } from 'zustand';
import type { CaptureSummary } from '../../../src/shared/capture-types';
import { call, errorText } from '../transport';
import { listArgs, locate, matches, mergeRows, NO_FILTERS, withoutIds, type Filters } from './rows';

/** The first page fills a screen quickly; later pages are larger so deep scrolling needs few round trips. */
export const FIRST_PAGE = 200;
export const NEXT_PAGE = 2000;
export const SEARCH_LIMIT = 1000;

interface CapturesStore {
  filters: Filters;
  search: string;
  rows: CaptureSummary[];
  /** The first page (or search result) for the current filters has arrived. */
  loaded: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  error: string | null;
  /** Bumped on every reload so answers to outdated requests are dropped. */
  generation: number;
  /** The generation of the first page or search answer still awaited; null when none is. */
  awaiting: number | null;
  selectedId: number | null;
  openId: number | null;
  setFilter<K extends keyof Filters>(key: K, value: string): void;
  clearFilters(): void;
  setSearch(text: string): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  /** Captures added or updated (live events, or a resync after reconnecting). */
  merge(incoming: readonly CaptureSummary[]): void;
  /** Captures deleted (here or elsewhere): their rows go, and the detail closes if it showed one. */
  remove(ids: readonly number[]): void;
  /** After missed events: fetches the newest page and folds it in. */
  resync(): Promise<void>;
  /**
   * Pausing live: the list stays as shown, so a first page or search answer
   * still in flight is dropped (it would bring captures that arrived since).
   * Returns whether one was, for resume to load it again.
   */
  freeze(): boolean;
  select(id: number | null): void;
  open(id: number | null): void;
  move(delta: number): void;
}

export const useCaptures = create<CapturesStore>((set, get) => ({
  filters: NO_FILTERS,
  search: '',
  rows: [],
  loaded: false,
  hasMore: false,
  loadingMore: false,
  error: null,
  generation: 0,
  awaiting: null,
  selectedId: null,
  openId: null,

  setFilter(key, value) {
    set({ filters: { ...get().filters, [key]: value } });
    void get().reload();
  },
  clearFilters() {
    set({ filters: NO_FILTERS, search: '' });
    void get().reload();
  },
  setSearch(text) {
    set({ search: text });
  },

  async reload() {
    const generation = get().generation + 1;
    const { filters, search } = get();
    set({ generation, awaiting: generation, loadingMore: false, error: null });
    try {
      const text = search.trim();
      const rows = text
        ? (await call('captures.search', { text, limit: SEARCH_LIMIT })).filter((r) => matches(r, filters))
        : await call('captures.list', { ...listArgs(filters), limit: FIRST_PAGE });
      if (get().generation !== generation) return;
      set({ rows, loaded: true, awaiting: null, hasMore: !text && rows.length === FIRST_PAGE });
    } catch (error) {
      if (get().generation === generation)
        set({ error: errorText(error), loaded: true, awaiting: null, hasMore: false });
    }
  },

  freeze() {
    const { awaiting, generation } = get();
    if (awaiting === null) return false;
    set({ generation: generation + 1, awaiting: null });
    return true;
  },

  async loadMore() {
    const { rows, hasMore, loadingMore, filters, generation } = get();
    if (!hasMore || loadingMore || rows.length === 0) return;
    set({ loadingMore: true });
    try {
      const beforeId = rows[rows.length - 1].id;
      const page = await call('captures.list', { ...listArgs(filters), beforeId, limit: NEXT_PAGE });
      if (get().generation !== generation) return;
      const current = get().rows;
      const older = page.filter((r) => r.id < current[current.length - 1].id);
      set({ rows: current.concat(older), hasMore: page.length === NEXT_PAGE, loadingMore: false });
    } catch (error) {
      if (get().generation === generation) set({ error: errorText(error), loadingMore: false });
    }
  },

  merge(incoming) {
    const { rows, filters, hasMore, search, loaded } = get();
    if (!loaded) return;
    const next = mergeRows(rows, incoming, filters, hasMore, search.trim() === '');
    if (next !== rows) set({ rows: next });
  },

  remove(ids) {
    const { rows, openId, selectedId } = get();
    const next = withoutIds(rows, ids);
    const gone = new Set(ids);
    if (next === rows && !gone.has(openId ?? 0) && !gone.has(selectedId ?? 0)) return;
    set({
      rows: next,
      ...(openId !== null && gone.has(openId) ? { openId: null } : {}),
      ...(selectedId !== null && gone.has(selectedId) ? { selectedId: null } : {}),
    });
  },

  async resync() {
    if (get().search.trim()) return get().reload();
    const generation = get().generation;
    try {
      const page = await call('captures.list', { ...listArgs(get().filters), limit: FIRST_PAGE });
      if (get().generation === generation) get().merge(page);
    } catch (error) {
      set({ error: errorText(error) });
    }
  },

  select(id) {
    set({ selectedId: id });
  },
  open(id) {
    set(id === null ? { openId: null } : { openId: id, selectedId: id });
  },
  move(delta) {
    const { rows, selectedId } = get();
    if (rows.length === 0) return;
    let at: number;
    if (selectedId === null) at = delta > 0 ? delta - 1 : 0;
    else {
      // A selection the list no longer shows (filtered out): step to its neighbour in id order.
      const where = locate(rows, selectedId);
      at = where.found ? where.at + delta : delta > 0 ? where.at + delta - 1 : where.at + delta;
    }
    const id = rows[Math.max(0, Math.min(rows.length - 1, at))].id;
    // With a capture open, the detail follows the highlight.
    set(get().openId !== null ? { selectedId: id, openId: id } : { selectedId: id });
  },
}));
