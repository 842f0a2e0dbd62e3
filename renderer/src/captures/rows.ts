import type { ApiArgs } from '../../../src/shared/api';
import type { CaptureFilter } from '../../../src/shared/capture-filter';
import type { CaptureSummary } from '../../../src/shared/capture-types';

/** The list filters, as the `captures.list` arguments name them (src/shared/capture-filter.ts); '' means any. */
export type Filters = Record<keyof CaptureFilter, string>;

export const NO_FILTERS: Filters = { endpoint: '', method: '', provider: '', eventType: '', signatureStatus: '' };

/** The set filters as `captures.list` arguments (empty ones left out). */
export function listArgs(filters: Filters): ApiArgs<'captures.list'> {
  const args: ApiArgs<'captures.list'> = {};
  for (const key of Object.keys(filters) as (keyof Filters)[]) {
    const value = filters[key].trim();
    if (value) args[key] = value;
  }
  return args;
}

export function hasFilters(filters: Filters): boolean {
  return Object.values(filters).some((v) => v.trim() !== '');
}

/**
 * Whether a row passes the filters, the same way the store's SQL does
 * (src/core/store/capture-filter.ts): method and provider in any case, the
 * event type as a prefix in any case; the rest equal.
 */
export function matches(row: CaptureSummary, filters: Filters): boolean {
  const f = listArgs(filters);
  if (f.endpoint && row.endpoint !== f.endpoint) return false;
  if (f.method && row.method !== f.method.toUpperCase()) return false;
  if (f.provider && row.provider !== f.provider.toLowerCase()) return false;
  if (f.eventType && !asciiLower(row.eventType ?? '\u0000').startsWith(asciiLower(f.eventType))) return false;
  if (f.signatureStatus && row.signatureStatus !== f.signatureStatus) return false;
  return true;
}

/** Lower case for ASCII letters only, as SQLite's LIKE folds them. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** The rows without the given ids (deleted); the same array when none of them was there. */
export function withoutIds(rows: CaptureSummary[], ids: readonly number[]): CaptureSummary[] {
  const gone = new Set(ids);
  return rows.some((r) => gone.has(r.id)) ? rows.filter((r) => !gone.has(r.id)) : rows;
}

/** Where `id` is, or would go, in rows sorted newest (highest id) first. */
export function locate(rows: readonly CaptureSummary[], id: number): { at: number; found: boolean } {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid].id > id) lo = mid + 1;
    else hi = mid;
  }
  return { at: lo, found: lo < rows.length && rows[lo].id === id };
}

/**
 * Folds new or changed captures into the loaded rows: changed rows are patched
 * (or dropped when they no longer pass the filters); rows that pass are put in
 * id order when they fall inside the loaded range (or anywhere when all is loaded).
 * Returns the same array when nothing changed.
 */
export function mergeRows(
  rows: CaptureSummary[],
  incoming: readonly CaptureSummary[],
  filters: Filters,
  hasMore: boolean,
  insert = true,
): CaptureSummary[] {
  let next = rows;
  const edit = () => {
    if (next === rows) next = rows.slice();
    return next;
  };
  for (const row of incoming) {
    const { at, found } = locate(next, row.id);
    const passes = matches(row, filters);
    if (found) {
      if (passes) edit()[at] = row;
      else edit().splice(at, 1);
    } else if (insert && passes && (!hasMore || at < next.length)) {
      edit().splice(at, 0, row);
    }
  }
  return next;
}
