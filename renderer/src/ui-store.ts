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

/** The capture server's base URL as the server reports it; null until app.info answers (never a guessed port). */
export function captureBase(info: AppInfo | null): string | null {
  const url = info?.captureUrl;
  if (!url) return null;
  return url.endsWith('/') ? url : `${url}/`;
}
