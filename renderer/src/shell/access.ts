import { create } from 'zustand';

/**
 * Why this browser tab cannot reach the control API, if it cannot:
 * - missing: the tab was opened without the `#token=...` that `hookscope serve` prints;
 * - stale: its token was refused (serve makes a new one at every start);
 * - unreachable: nothing answers at this address (serve stopped, or started again on another port).
 */
export type AccessProblem = 'missing' | 'stale' | 'unreachable';

interface AccessStore {
  problem: AccessProblem | null;
  report(problem: AccessProblem): void;
  clear(): void;
}

export const useAccess = create<AccessStore>((set, get) => ({
  problem: null,
  report(problem) {
    // A refused token says more than a later failed fetch.
    if (get().problem === 'stale' || get().problem === 'missing') return;
    set({ problem });
  },
  clear: () => set({ problem: null }),
}));

/** Whether the tab is known to be shut out (its event socket stops retrying then). */
export function accessBlocked(): boolean {
  return useAccess.getState().problem !== null;
}
