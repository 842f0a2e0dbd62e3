import { create } from 'zustand';
import type { ProviderDefinition } from '../../../src/shared/providers';
import { call, errorText } from '../transport';

interface ProvidersStore {
  providers: ProviderDefinition[];
  loaded: boolean;
  error: string | null;
  load(): Promise<void>;
}

/** The providers the app knows (built-in and the user's own files), loaded once. */
export const useProviders = create<ProvidersStore>((set, get) => ({
  providers: [],
  loaded: false,
  error: null,
  async load() {
    if (get().loaded && !get().error) return;
    try {
      set({ providers: await call('providers.list', {}), loaded: true, error: null });
    } catch (error) {
      set({ error: errorText(error), loaded: true });
    }
  },
}));

export function findProvider(providers: ProviderDefinition[], id: string): ProviderDefinition | undefined {
  return providers.find((p) => p.id === id);
}
