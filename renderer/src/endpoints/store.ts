import { create } from 'zustand';
import type { Endpoint } from '../../../src/shared/capture-types';
import { call, errorText } from '../transport';

interface EndpointsStore {
  endpoints: Endpoint[];
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
    set({ endpoints, loaded: true });
  },
  upsert(endpoint) {
    const list = get().endpoints;
    const at = list.findIndex((e) => e.slug === endpoint.slug);
    set({ endpoints: at === -1 ? [...list, endpoint] : list.map((e, i) => (i === at ? endpoint : e)) });
  },
}));
