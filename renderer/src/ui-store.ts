import { create } from 'zustand';
import type { AppInfo } from '../../src/shared/api';
import { call, errorText } from './transport';

export type Screen = 'captures' | 'endpoints' | 'sender' | 'replay' | 'tunnel' | 'settings';

interface UiStore {
  screen: Screen;
  go(screen: Screen): void;
  info: AppInfo | null;
  infoError: string | null;
  loadInfo(): Promise<void>;
}

/** Which screen is shown, and what app.info said (capture URL, data folder). */
export const useUi = create<UiStore>((set) => ({
  screen: 'captures',
  go: (screen) => set({ screen }),
  info: null,
  infoError: null,
  async loadInfo() {
    try {
      set({ info: await call('app.info', {}), infoError: null });
    } catch (error) {
      set({ infoError: errorText(error) });
    }
  },
}));

/** The capture server's base URL, with a conventional fallback while app.info loads. */
export function captureBase(info: AppInfo | null): string {
  const url = info?.captureUrl ?? 'http://127.0.0.1:8787/';
  return url.endsWith('/') ? url : `${url}/`;
}
