import { useEffect, useMemo, useRef, type RefObject } from 'react';
import type { SignatureStatus } from '../../../src/shared/providers';
import { useEndpoints } from '../endpoints/store';
import { useCaptures } from './store';
import { hasFilters } from './rows';
import { useCatalog } from './catalog';
import { ListTools } from '../cleanup/ListTools';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const SIGNATURE_STATUSES: SignatureStatus[] = ['valid', 'invalid', 'stale', 'missing', 'malformed', 'no-secret'];
const SEARCH_DELAY_MS = 250;

/** Known values plus the distinct non-empty values of a column among the loaded rows (first few thousand), for suggestions. */
function useSuggestions(
  pick: (r: { provider: string | null; eventType: string | null }) => string | null,
  known: string[],
): string[] {
  const rows = useCaptures((s) => s.rows);
  return useMemo(() => {
    const seen = new Set<string>(known);
    for (let i = 0; i < rows.length && i < 5000; i++) {
      const v = pick(rows[i]);
      if (v) seen.add(v);
    }
    return [...seen].sort();
  }, [rows, pick, known]);
}

const pickProvider = (r: { provider: string | null }) => r.provider;
const pickEvent = (r: { eventType: string | null }) => r.eventType;

/** Filters (the `captures.list` arguments) and full-text search over the capture list. */
export function CaptureFilters({ searchRef }: { searchRef: RefObject<HTMLInputElement | null> }) {
  const filters = useCaptures((s) => s.filters);
  const search = useCaptures((s) => s.search);
  const setFilter = useCaptures((s) => s.setFilter);
  const setSearch = useCaptures((s) => s.setSearch);
  const clearFilters = useCaptures((s) => s.clearFilters);
  const reload = useCaptures((s) => s.reload);
  const endpoints = useEndpoints((s) => s.endpoints);
  const catalog = useCatalog((s) => s.providers);
  // Every provider's definition is over a megabyte: asked for when a field that suggests from it is first used, not before the first rows are drawn.
  const loadCatalog = useCatalog((s) => s.load);
  const wantCatalog = () => void loadCatalog();
  const knownProviders = useMemo(() => catalog.map((p) => p.id), [catalog]);
  const knownEvents = useMemo(
    () => [
      ...new Set(
        catalog
          .filter((p) => !filters.provider.trim() || p.id === filters.provider.trim().toLowerCase())
          .flatMap((p) => p.events),
      ),
    ],
    [catalog, filters.provider],
  );
  const providers = useSuggestions(pickProvider, knownProviders);
  const eventTypes = useSuggestions(pickEvent, knownEvents);

  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => void reload(), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, reload]);

  return (
    <div className="filters" role="search">
      <input
        ref={searchRef}
        id="capture-search"
        className="search"
        type="search"
        placeholder="Search paths, headers, bodies   ( / )"
        aria-label="Full-text search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onKeyDown={(e) => {
          // Leave the field (keeping the text) so j/k walk the results; Escape would otherwise clear a search input.
          if (e.key === 'Escape' || e.key === 'Enter') {
            e.preventDefault();
            e.currentTarget.blur();
          }
        }}
      />
      <select aria-label="Endpoint" value={filters.endpoint} onChange={(e) => setFilter('endpoint', e.target.value)}>
        <option value="">all endpoints</option>
        {endpoints.map((e) => (
          <option key={e.id} value={e.slug}>
            {e.slug}
          </option>
        ))}
      </select>
      <select aria-label="Method" value={filters.method} onChange={(e) => setFilter('method', e.target.value)}>
        <option value="">any method</option>
        {METHODS.map((m) => (
          <option key={m}>{m}</option>
        ))}
      </select>
      <input
        aria-label="Provider"
        title="Any case: Prynt finds prynt"
        placeholder="provider"
        list="seen-providers"
        onFocus={wantCatalog}
        value={filters.provider}
        onChange={(e) => setFilter('provider', e.target.value)}
      />
      <datalist id="seen-providers">
        {providers.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <input
        aria-label="Event type"
        title="By prefix, any case: verdict finds verdict.created and verdict.updated"
        placeholder="event type"
        list="seen-events"
        onFocus={wantCatalog}
        value={filters.eventType}
        onChange={(e) => setFilter('eventType', e.target.value)}
      />
      <datalist id="seen-events">
        {eventTypes.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <select
        aria-label="Signature"
        value={filters.signatureStatus}
        onChange={(e) => setFilter('signatureStatus', e.target.value)}
      >
        <option value="">any signature</option>
        {SIGNATURE_STATUSES.map((s) => (
          <option key={s}>{s}</option>
        ))}
      </select>
      {(hasFilters(filters) || search) && (
        <button type="button" className="link" onClick={clearFilters}>
          Clear
        </button>
      )}
      <ListTools />
    </div>
  );
}
