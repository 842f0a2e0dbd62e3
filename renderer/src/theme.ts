import { useEffect, useSyncExternalStore } from 'react';
import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'hookscope.theme';

function storedChoice(): ThemeChoice {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

interface ThemeStore {
  choice: ThemeChoice;
  choose(choice: ThemeChoice): void;
}

/** The user's override (light or dark), or `system` to follow the OS; kept in localStorage. */
export const useThemeStore = create<ThemeStore>((set) => ({
  choice: storedChoice(),
  choose(choice) {
    try {
      if (choice === 'system') localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, choice);
    } catch {
      // storage disabled: the choice lasts for this page only
    }
    set({ choice });
  },
}));

const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

function subscribeOs(onChange: () => void): () => void {
  const query = darkQuery();
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** The theme in effect: the override, else the OS's preference (followed live). */
export function useTheme(): Theme {
  const choice = useThemeStore((s) => s.choice);
  const osDark = useSyncExternalStore(subscribeOs, () => darkQuery().matches);
  return choice === 'system' ? (osDark ? 'dark' : 'light') : choice;
}

/** Puts the theme in effect on <html data-theme>, where the stylesheet reads it. */
export function useApplyTheme(): Theme {
  const theme = useTheme();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);
  return theme;
}
