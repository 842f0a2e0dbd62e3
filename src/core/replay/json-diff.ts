import type { JsonChange } from '../../shared/replay-types';

/** Stops a pathological pair of documents from producing an unbounded list. */
export const MAX_JSON_CHANGES = 10_000;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
  }
  return false;
}

/**
 * Structural changes between two JSON values, as paths (`$.data.items[2].id`):
 * keys added or removed, values changed. Arrays are compared index by index;
 * key order does not count (a re-ordered object shows as equal here, and in
 * the line diff of the raw bytes).
 */
export function diffJson(a: unknown, b: unknown, path = '$', out: JsonChange[] = []): JsonChange[] {
  if (out.length >= MAX_JSON_CHANGES) return out;
  if (isObject(a) && isObject(b)) {
    for (const key of Object.keys(a)) {
      if (!Object.hasOwn(b, key)) out.push({ kind: 'removed', path: childPath(path, key), before: a[key] });
      else diffJson(a[key], b[key], childPath(path, key), out);
    }
    for (const key of Object.keys(b)) if (!Object.hasOwn(a, key)) out.push({ kind: 'added', path: childPath(path, key), after: b[key] });
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const common = Math.min(a.length, b.length);
    for (let i = 0; i < common; i++) diffJson(a[i], b[i], childPath(path, i), out);
    for (let i = common; i < a.length; i++) out.push({ kind: 'removed', path: childPath(path, i), before: a[i] });
    for (let i = common; i < b.length; i++) out.push({ kind: 'added', path: childPath(path, i), after: b[i] });
    return out;
  }
  if (!equal(a, b)) out.push({ kind: 'changed', path, before: a, after: b });
  return out;
}
