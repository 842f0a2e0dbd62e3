/**
 * Where a tunnel service's credential (ngrok's authtoken) is kept: never in the
 * database. The desktop app passes a vault encrypted by the OS (Electron
 * safeStorage); `serve` keeps one in memory until it stops.
 */
export interface TokenVault {
  get(name: string): string | undefined;
  /** Stores `value`, or forgets the name with null. */
  set(name: string, value: string | null): void;
  /** How a stored value is protected, as the UI says it. */
  readonly protection: 'memory' | 'os-encrypted';
}

export function createMemoryVault(): TokenVault {
  const values = new Map<string, string>();
  return {
    get: (name) => values.get(name),
    set: (name, value) => (value === null ? values.delete(name) : values.set(name, value)),
    protection: 'memory',
  };
}
