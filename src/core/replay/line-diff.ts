import type { DiffBounds, LineChange } from '../../shared/replay-types';

/** Beyond this many differing lines the middle is given as "all of A removed, all of B added". */
export const MAX_EDIT_DISTANCE = 2000;
/** Steps Myers' search may take (diagonals tried plus lines matched) before it gives up the same way. */
export const MAX_DIFF_STEPS = 5_000_000;
/** At most this many added or removed lines are listed; the rest are counted in `more`. */
export const MAX_LINE_CHANGES = 10_000;
/** A listed line keeps at most this many characters (`cut` counts the rest). */
export const MAX_LINE_TEXT = 4096;
/** Listing stops (the rest counted in `more`) once the listed lines hold this many characters. */
export const MAX_LISTED_TEXT = 4 * 1024 * 1024;
/** Unchanged lines kept either side of a change; longer unchanged stretches become one '@' entry. */
export const CONTEXT_LINES = 3;

type Op = ' ' | '+' | '-';

/**
 * A shortest line diff (Myers' O(ND) algorithm) of the part between the
 * common first and last lines: unchanged lines ' ', lines only in A '-', lines
 * only in B '+', in order. When the middle differs in more than
 * MAX_EDIT_DISTANCE lines, or the search would take more than MAX_DIFF_STEPS,
 * the middle is all of A's removed and all of B's added (still a correct edit
 * script, only not the shortest). Calls `out` once per line; never recursive.
 */
function editScript(a: string[], b: string[], out: (op: Op, text: string) => void): boolean {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  for (let i = 0; i < start; i++) out(' ', a[i]);
  const shortest = middle(a, b, start, endA, start, endB, (op, i) => out(op, op === '+' ? b[i] : a[i]));
  for (let i = endA; i < a.length; i++) out(' ', a[i]);
  return shortest;
}

/** Calls `out` with an index into A (' ', '-') or B ('+'). */
function middle(
  a: string[],
  b: string[],
  a0: number,
  a1: number,
  b0: number,
  b1: number,
  out: (op: Op, index: number) => void,
): boolean {
  const n = a1 - a0;
  const m = b1 - b0;
  // trace[d] holds V before step d, for diagonals -d-1 .. d+1.
  const trace: Int32Array[] = [];
  let v = new Int32Array(3);
  let steps = 0;
  const limit = Math.min(n + m, MAX_EDIT_DISTANCE);
  search: for (let d = 0; d <= limit; d++) {
    trace.push(v);
    const next = new Int32Array(2 * d + 5);
    const get = (k: number) => v[k + d + 1];
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && get(k - 1) < get(k + 1)) ? get(k + 1) : get(k - 1) + 1;
      let y = x - k;
      const from = x;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      next[k + d + 2] = x;
      if (x >= n && y >= m) {
        backtrack(trace, a0, b0, n, m, out);
        return true;
      }
      steps += 1 + x - from;
      if (steps > MAX_DIFF_STEPS) break search;
    }
    v = next;
  }
  for (let i = a0; i < a1; i++) out('-', i);
  for (let i = b0; i < b1; i++) out('+', i);
  return false;
}

function backtrack(
  trace: Int32Array[],
  a0: number,
  b0: number,
  n: number,
  m: number,
  out: (op: Op, index: number) => void,
): void {
  const script: Array<[Op, number]> = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d];
    const get = (k: number) => v[k + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && get(k - 1) < get(k + 1)) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : get(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      script.push([' ', a0 + x - 1]);
      x--;
      y--;
    }
    if (d > 0) {
      if (x === prevX) script.push(['+', b0 + y - 1]);
      else script.push(['-', a0 + x - 1]);
    }
    x = prevX;
    y = prevY;
  }
  for (let i = script.length - 1; i >= 0; i--) out(script[i][0], script[i][1]);
}

/** Every line of the diff, unchanged ones included (for small texts and tests). */
export function diffLines(aText: string, bText: string): LineChange[] {
  const lines: LineChange[] = [];
  editScript(aText.split('\n'), bText.split('\n'), (op, text) => lines.push({ op, text }));
  return lines;
}

export interface LineDiff extends DiffBounds {
  lines: LineChange[];
  added: number;
  removed: number;
}

/**
 * The line diff as shown: changed lines with CONTEXT_LINES unchanged lines
 * either side, each longer unchanged stretch as one '@' entry with its count,
 * at most MAX_LINE_CHANGES changed lines and MAX_LISTED_TEXT characters
 * listed (`more` counts the rest; `added` and `removed` count them all), each
 * line cut at MAX_LINE_TEXT characters.
 */
export function boundedLineDiff(aText: string, bText: string, maxChanges = MAX_LINE_CHANGES): LineDiff {
  const lines: LineChange[] = [];
  let added = 0;
  let removed = 0;
  let more = 0;
  let listed = 0;
  // Unchanged lines since the last change: only the first CONTEXT_LINES (after a change) and the last CONTEXT_LINES are kept.
  let run: string[] = [];
  let runLength = 0;
  let afterChange = false;
  let listedText = 0;
  const list = (op: ' ' | '+' | '-', text: string) => {
    if (text.length <= MAX_LINE_TEXT) lines.push({ op, text });
    else lines.push({ op, text: text.slice(0, MAX_LINE_TEXT), cut: text.length - MAX_LINE_TEXT });
    listedText += Math.min(text.length, MAX_LINE_TEXT);
  };
  const flushRun = (beforeChange: boolean) => {
    if (runLength === 0) return;
    const head = afterChange ? CONTEXT_LINES : 0;
    const tail = beforeChange ? CONTEXT_LINES : 0;
    if (runLength <= head + tail + 1) {
      for (const text of run) list(' ', text);
    } else {
      for (const text of run.slice(0, head)) list(' ', text);
      lines.push({ op: '@', text: '', count: runLength - head - tail });
      for (const text of run.slice(run.length - tail)) list(' ', text);
    }
    run = [];
    runLength = 0;
  };
  const shortest = editScript(aText.split('\n'), bText.split('\n'), (op, text) => {
    if (op === ' ') {
      if (more > 0) return;
      runLength++;
      // Keep the head verbatim and a rolling window for the tail; the middle is only counted.
      if (run.length < 2 * CONTEXT_LINES + 2) run.push(text);
      else {
        run.splice(CONTEXT_LINES, 1);
        run.push(text);
      }
      return;
    }
    if (op === '+') added++;
    else removed++;
    if (listed >= maxChanges || listedText >= MAX_LISTED_TEXT) {
      more++;
      return;
    }
    flushRun(true);
    list(op, text);
    listed++;
    afterChange = true;
  });
  if (more === 0) flushRun(false);
  const result: LineDiff = { lines, added, removed, more };
  if (!shortest)
    result.partial = `more than ${MAX_EDIT_DISTANCE.toLocaleString('en-US')} lines differ: the differing part is shown as all of A's lines removed, then all of B's added`;
  return result;
}
