import { create } from 'zustand';
import { call } from '../transport';

interface Catalog {
  /** Provider ids and the event types each sends, from `providers.list`. */
  providers: { id: string; name: string; events: string[] }[];
  loaded: boolean;
  load(): Promise<void>;
}

/** Known providers and their event types, for filter suggestions; empty (suggestions from rows only) if it cannot load. */
export const useCatalog = create<Catalog>((set, get) => ({
  providers: [],
  loaded: false,
  async load() {
    if (get().loaded) return;
    set({ loaded: true });
    try {
      const list = await call('providers.list', {});
      set({ providers: list.map((p) => ({ id: p.id, name: p.name, events: p.events.map((e) => e.type) })) });
    } catch {
      set({ loaded: false });
    }
  },
}));
