import type { ApiArgs } from '../../../src/shared/api';
import { useCaptures } from '../captures/store';
import { useMarks } from '../captures/marks';
import { listArgs, hasFilters } from '../captures/rows';
import { call } from '../transport';

/** What a deletion from the list takes: picked or shown ids, the list's filters, or everything. */
export type DeleteScope = { kind: 'ids'; ids: number[] } | { kind: 'filters' } | { kind: 'all' };

export const plural = (n: number, word: string) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

/** The `captures.delete` arguments of a scope (the list's current filters for 'filters'). */
export function deleteArgs(scope: DeleteScope): ApiArgs<'captures.delete'> {
  if (scope.kind === 'ids') return { ids: scope.ids };
  if (scope.kind === 'all') return { all: true };
  return listArgs(useCaptures.getState().filters);
}

/**
 * The widest scope the list's "Delete…" means now: with a search, the rows it
 * found (the search is not a filter the store can delete by); with filters,
 * every capture they match (loaded or not); else every capture.
 */
export function listScope(): DeleteScope {
  const { search, filters, rows } = useCaptures.getState();
  if (search.trim()) return { kind: 'ids', ids: rows.slice(0, 10_000).map((r) => r.id) };
  return hasFilters(filters) ? { kind: 'filters' } : { kind: 'all' };
}

/** How many captures the scope takes now (nothing deleted). */
export async function countScope(scope: DeleteScope): Promise<number> {
  return (await call('captures.delete', { ...deleteArgs(scope), dryRun: true })).count;
}

/**
 * Deletes; the rows go from the list at once (the rest of a large deletion
 * follows as the background commits it: `captures.deleted`).
 */
export async function deleteScope(scope: DeleteScope): Promise<number> {
  const { count } = await call('captures.delete', deleteArgs(scope));
  const { rows, remove } = useCaptures.getState();
  // Every loaded row matches the list's filters and existed before the call: all of them go.
  const ids = scope.kind === 'ids' ? scope.ids : rows.map((r) => r.id);
  remove(ids);
  useMarks.getState().drop(ids);
  return count;
}
