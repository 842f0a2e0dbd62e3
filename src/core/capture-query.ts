/**
 * The capture list as the UI and the CLI ask for it: the store's filters
 * (src/core/store/captures.ts ListFilter), optionally narrowed to the matches
 * of a full-text search. One implementation for both.
 */
import type { CaptureSummary } from '../shared/capture-types';
import type { CaptureRepo, ListFilter } from './store/captures';
import type { SearchRepo } from './store/search';

export interface CaptureQuery extends ListFilter {
  /** Full-text search words (all must match, each as a prefix); blank means no search. */
  search?: string;
}

/** Most search matches one listing pages through (newest first). */
export const MAX_SEARCH_MATCHES = 100_000;

export function queryCaptures(
  deps: { captures: CaptureRepo; search: SearchRepo },
  query: CaptureQuery,
): CaptureSummary[] {
  const { search, ...filter } = query;
  if (search === undefined || search.trim() === '') return deps.captures.list(filter);
  const found = deps.search.search(search, MAX_SEARCH_MATCHES);
  const within = filter.ids && new Set(filter.ids);
  return deps.captures.list({ ...filter, ids: within ? found.filter((id) => within.has(id)) : found });
}
