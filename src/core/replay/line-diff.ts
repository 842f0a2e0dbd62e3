import type { LineChange } from '../../shared/replay-types';

/** Beyond this many differing lines the diff is given as "all of A removed, all of B added". */
export const MAX_EDIT_DISTANCE = 4000;

/**
 * A shortest line diff (Myers' O(ND) algorithm): unchanged lines ' ', lines
 * only in A '-', lines only in B '+', in order.
 */
export function diffLines(aText: string, bText: string): LineChange[] {
  const a = aText.split('\n');
  const b = bText.split('\n');
  const n = a.length;
  const m = b.length;
  // trace[d] holds V before step d, for diagonals -d-1 .. d+1.
  const trace: Int32Array[] = [];
  let v = new Int32Array(3);
  v[2] = 0; // V[1] = 0
  const limit = Math.min(n + m, MAX_EDIT_DISTANCE);
  for (let d = 0; d <= limit; d++) {
    trace.push(v);
    const next = new Int32Array(2 * d + 5);
    const get = (k: number) => v[k + d + 1];
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && get(k - 1) < get(k + 1)) ? get(k + 1) : get(k - 1) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[k + d + 2] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b);
    }
    v = next;
  }
  return [...a.map((text) => ({ op: '-' as const, text })), ...b.map((text) => ({ op: '+' as const, text }))];
}

function backtrack(trace: Int32Array[], a: string[], b: string[]): LineChange[] {
  const out: LineChange[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d];
    const get = (k: number) => v[k + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && get(k - 1) < get(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : get(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ op: ' ', text: a[x - 1] });
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) out.push({ op: '+', text: b[y - 1] });
      else out.push({ op: '-', text: a[x - 1] });
    }
    x = prevX;
    y = prevY;
  }
  return out.reverse();
}
