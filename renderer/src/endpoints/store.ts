import { create } from 'zustand';
import type { Endpoint } from '../../../src/shared/capture-types';
import { call, errorText } from '../transport';

/** An endpoint as the list shows it: with how many secrets it has, once the server said (endpoints.list). */
export type EndpointRow = Endpoint & { secretCount?: number };

/** An endpoint as pushed or saved (no count): it keeps the count already known for its slug. */
function withCount(endpoint: Endpoint, known: readonly EndpointRow[]): EndpointRow {
  const before = known.find((e) => e.slug === endpoint.slug);
  return 'secretCount' in endpoint || before?.secretCount === undefined
    ? endpoint
    : { ...endpoint, secretCount: before.secretCount };
}

interface EndpointsStore {
  endpoints: EndpointRow[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
  /** The list as pushed by `endpoints.changed`, or after a create/update. */
  replace(endpoints: Endpoint[]): void;
  upsert(endpoint: Endpoint): void;
}

export const useEndpoints = create<EndpointsStore>((set, get) => ({
  endpoints: [],
  loaded: false,
  error: null,
  async load() {
    try {
      set({ endpoints: await call('endpoints.list', {}), loaded: true, error: null });
    } catch (error) {
      set({ error: errorText(error), loaded: true });
    }
  },
  replace(endpoints) {
    const known = get().endpoints;
    set({ endpoints: endpoints.map((e) => withCount(e, known)), loaded: true });
  },
  upsert(endpoint) {
    const list = get().endpoints;
    const row = withCount(endpoint, list);
    const at = list.findIndex((e) => e.slug === endpoint.slug);
    set({ endpoints: at === -1 ? [...list, row] : list.map((e, i) => (i === at ? row : e)) });
  },
}));
