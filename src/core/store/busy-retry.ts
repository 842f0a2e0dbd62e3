import { HookscopeError } from '../../shared/errors';

/** How many times a write that found the database busy past its busy timeout (5 s each) is tried again. */
export const BUSY_RETRIES = 5;

export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'SQLITE_BUSY' || (typeof code === 'string' && code.startsWith('SQLITE_BUSY_')) || code === 'SQLITE_LOCKED'
  );
}

/**
 * Runs a write transaction, trying it again (after `pause`) while another
 * process holds the database past SQLite's busy timeout; a transaction that
 * failed busy was rolled back, so trying again is safe. After BUSY_RETRIES
 * more tries it gives up with DB_BUSY, saying what had been done (`done()`).
 */
export async function withBusyRetry<T>(
  write: () => T,
  pause: (ms: number) => Promise<void>,
  done: () => string,
  retries = BUSY_RETRIES,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return write();
    } catch (error) {
      if (!isBusy(error)) throw error;
      if (attempt >= retries) {
        throw new HookscopeError(
          'DB_BUSY',
          `another process kept the database busy through ${attempt + 1} waits of 5 s; ${done()}`,
        );
      }
      await pause(50);
    }
  }
}
