import type { HeaderPair } from '../../shared/capture-types';
import type { HeaderChange } from '../../shared/replay-types';

/** At most this many header changes are listed; the rest are counted. */
export const MAX_HEADER_CHANGES = 1000;

function byName(headers: readonly HeaderPair[]): Map<string, HeaderPair[]> {
  const map = new Map<string, HeaderPair[]>();
  for (const pair of headers) {
    const key = pair[0].toLowerCase();
    const list = map.get(key);
    if (list) list.push(pair);
    else map.set(key, [pair]);
  }
  return map;
}

/**
 * Header changes from A to B. Names match case-insensitively; several headers
 * of one name are compared in the order they came (the second X-Dup of A with
 * the second of B), so a changed, added or dropped duplicate is named by its
 * occurrence. A name whose case changed counts as changed. At most
 * `maxChanges` are listed; `more` counts the rest.
 */
export function diffHeaders(
  a: readonly HeaderPair[],
  b: readonly HeaderPair[],
  maxChanges = MAX_HEADER_CHANGES,
): { changes: HeaderChange[]; more: number } {
  const left = byName(a);
  const right = byName(b);
  const names = [...new Set([...left.keys(), ...right.keys()])];
  const changes: HeaderChange[] = [];
  let more = 0;
  const push = (change: HeaderChange) => {
    if (changes.length < maxChanges) changes.push(change);
    else more++;
  };
  for (const key of names) {
    const before = left.get(key) ?? [];
    const after = right.get(key) ?? [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const x = before[i];
      const y = after[i];
      if (x && y) {
        if (x[0] !== y[0] || x[1] !== y[1])
          push({ kind: 'changed', name: y[0], occurrence: i, before: [...x], after: [...y] });
      } else if (x) push({ kind: 'removed', name: x[0], occurrence: i, before: [...x] });
      else if (y) push({ kind: 'added', name: y[0], occurrence: i, after: [...y] });
    }
  }
  return { changes, more };
}
