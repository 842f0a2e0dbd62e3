/** Small choices this browser remembers between visits (localStorage); with storage disabled, for this page only. */
const memory = new Map<string, string>();

export function recall(key: string): string | null {
  try {
    return localStorage.getItem(key) ?? memory.get(key) ?? null;
  } catch {
    return memory.get(key) ?? null;
  }
}

export function remember(key: string, value: string): void {
  memory.set(key, value);
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage disabled: kept in memory
  }
}

/** A JSON object kept under one key; a damaged value reads as empty. */
export function recallRecord(key: string): Record<string, string> {
  try {
    const value = JSON.parse(recall(key) ?? '{}') as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  } catch {
    return {};
  }
}
