import { vi } from 'vitest';

type Probe<T> = () => T | undefined | null | false | Promise<T | undefined | null | false>;

/**
 * Polls `probe` (vitest's `vi.waitFor`, on real timers even under fake ones)
 * until it gives a value other than undefined, null or false, and returns it;
 * fails naming `what` after `timeout` ms. The one polling helper of the tests:
 * for background work (indexing, a tunnel reconnecting, a process writing).
 */
export function waitFor<T>(
  what: string,
  probe: Probe<T>,
  options: { timeout?: number; interval?: number } = {},
): Promise<T> {
  const timeout = options.timeout ?? 10_000;
  return vi.waitFor(
    async () => {
      const value = await probe();
      if (value === undefined || value === null || value === false)
        throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
      return value;
    },
    { timeout, interval: options.interval ?? 20 },
  );
}
