/**
 * The visible part of a JSON tree as a flat list of rows, built without
 * recursion, so that any depth (an array nested 100,000 deep) and any width
 * (an array of 200,000 items) can be shown through a virtualized list.
 *
 * Only open nodes' children become rows. A node with more than GROUP_SIZE
 * children shows them in groups ("[0 … 9,999]", then "[0 … 99]" inside), so
 * opening one never builds more than GROUP_SIZE rows at once. Expansion is
 * kept by identity of the parsed containers (no path strings, which would
 * grow with depth), in a JsonTreeState the caller owns.
 */

/** At most this many children (or groups) are listed under one node or group. */
export const GROUP_SIZE = 100;
/** Rows the tree opens to at first, breadth first (a small webhook shows whole). */
export const INITIAL_ROWS = 300;
/** "Expand all" stops opening nodes once this many rows would be shown. */
export const MAX_EXPANDED_ROWS = 500_000;

type Container = object;

export interface JsonTreeState {
  /** Open objects and arrays. */
  open: Set<Container>;
  /** Open groups, per container, as "start:end". */
  groups: Map<Container, Set<string>>;
}

export type JsonRow =
  | { kind: 'leaf'; depth: number; label: string | number | null; value: unknown }
  | {
      kind: 'node';
      depth: number;
      label: string | number | null;
      node: Container;
      isArray: boolean;
      size: number;
      open: boolean;
    }
  | { kind: 'group'; depth: number; owner: Container; start: number; end: number; open: boolean };

const keysCache = new WeakMap<Container, string[]>();

function keysOf(node: Container): string[] {
  let keys = keysCache.get(node);
  if (!keys) keysCache.set(node, (keys = Object.keys(node)));
  return keys;
}

export function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** How many children a container has. */
export function childCount(node: Container): number {
  return Array.isArray(node) ? node.length : keysOf(node).length;
}

/** The span of each group under a range of `count` children: 1 (no groups) up to GROUP_SIZE, else a power of ten giving at most GROUP_SIZE groups. */
export function groupSpan(count: number): number {
  if (count <= GROUP_SIZE) return 1;
  let span = 10;
  while (Math.ceil(count / span) > GROUP_SIZE) span *= 10;
  return span;
}

function child(node: Container, index: number): { label: string | number; value: unknown } {
  if (Array.isArray(node)) return { label: index, value: node[index] };
  const key = keysOf(node)[index];
  return { label: key, value: (node as Record<string, unknown>)[key] };
}

export function newTreeState(): JsonTreeState {
  return { open: new Set(), groups: new Map() };
}

export function isGroupOpen(state: JsonTreeState, owner: Container, start: number, end: number): boolean {
  return state.groups.get(owner)?.has(`${start}:${end}`) ?? false;
}

function setGroup(state: JsonTreeState, owner: Container, start: number, end: number, open: boolean): void {
  let set = state.groups.get(owner);
  if (!set) state.groups.set(owner, (set = new Set()));
  if (open) set.add(`${start}:${end}`);
  else set.delete(`${start}:${end}`);
}

/** A range of children being listed: items one by one (span 1) or groups of `span`. */
interface Frame {
  owner: Container;
  at: number;
  end: number;
  span: number;
  depth: number;
}

function frameFor(owner: Container, start: number, end: number, depth: number): Frame {
  return { owner, at: start, end, span: groupSpan(end - start), depth };
}

/** The rows to show for `root` in `state`, in order. O(rows shown), whatever the depth. */
export function flattenJson(root: unknown, state: JsonTreeState): JsonRow[] {
  if (!isContainer(root)) return [{ kind: 'leaf', depth: 0, label: null, value: root }];
  const rows: JsonRow[] = [];
  const rootOpen = state.open.has(root);
  rows.push({
    kind: 'node',
    depth: 0,
    label: null,
    node: root,
    isArray: Array.isArray(root),
    size: childCount(root),
    open: rootOpen,
  });
  if (!rootOpen) return rows;
  const stack: Frame[] = [frameFor(root, 0, childCount(root), 1)];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.at >= frame.end) {
      stack.pop();
      continue;
    }
    if (frame.span > 1) {
      const start = frame.at;
      const end = Math.min(start + frame.span, frame.end);
      frame.at = end;
      const open = isGroupOpen(state, frame.owner, start, end);
      rows.push({ kind: 'group', depth: frame.depth, owner: frame.owner, start, end, open });
      if (open) stack.push(frameFor(frame.owner, start, end, frame.depth + 1));
      continue;
    }
    const { label, value } = child(frame.owner, frame.at++);
    if (!isContainer(value)) {
      rows.push({ kind: 'leaf', depth: frame.depth, label, value });
      continue;
    }
    const open = state.open.has(value);
    const size = childCount(value);
    rows.push({ kind: 'node', depth: frame.depth, label, node: value, isArray: Array.isArray(value), size, open });
    if (open && size > 0) stack.push(frameFor(value, 0, size, frame.depth + 1));
  }
  return rows;
}

/** Opens or closes the node or group of a row (leaves have nothing to toggle). */
export function setRowOpen(state: JsonTreeState, row: JsonRow, open: boolean): void {
  if (row.kind === 'node') {
    if (open) state.open.add(row.node);
    else state.open.delete(row.node);
  } else if (row.kind === 'group') setGroup(state, row.owner, row.start, row.end, open);
}

/** How many rows opening one range of `count` children adds: its items, or its groups. */
function rowsWhenOpen(count: number): number {
  const span = groupSpan(count);
  return span === 1 ? count : Math.ceil(count / span);
}

/**
 * Opens everything under `from` (a node, or a whole tree's root), breadth
 * first, until about `budget` rows would be shown: every container and every
 * group. Returns how many rows the opened part adds (an estimate the budget
 * is checked against).
 */
export function expandAll(state: JsonTreeState, from: unknown, budget = MAX_EXPANDED_ROWS): number {
  if (!isContainer(from)) return 0;
  let rows = 0;
  // Breadth first, so a budget cut leaves the upper levels open.
  const queue: Array<{ owner: Container; start: number; end: number; group: boolean }> = [];
  let head = 0;
  const openNode = (node: Container) => {
    state.open.add(node);
    const size = childCount(node);
    rows += rowsWhenOpen(size);
    queue.push({ owner: node, start: 0, end: size, group: false });
  };
  openNode(from);
  while (head < queue.length && rows <= budget) {
    const range = queue[head++];
    if (range.group) {
      setGroup(state, range.owner, range.start, range.end, true);
      rows += rowsWhenOpen(range.end - range.start);
    }
    const span = groupSpan(range.end - range.start);
    if (span > 1) {
      for (let s = range.start; s < range.end; s += span)
        queue.push({ owner: range.owner, start: s, end: Math.min(s + span, range.end), group: true });
      continue;
    }
    for (let i = range.start; i < range.end && rows <= budget; i++) {
      const { value } = child(range.owner, i);
      if (isContainer(value)) openNode(value);
    }
  }
  // Free the queue before returning: on a huge tree it holds many entries.
  queue.length = 0;
  return rows;
}

/** The first expansion: open nodes breadth first while the tree stays within `budget` rows. */
export function initialState(root: unknown, budget = INITIAL_ROWS): JsonTreeState {
  const state = newTreeState();
  if (!isContainer(root)) return state;
  let rows = 1;
  const queue: Container[] = [root];
  let head = 0;
  while (head < queue.length) {
    const node = queue[head++];
    const size = childCount(node);
    const added = rowsWhenOpen(size);
    if (rows + added > budget && node !== root) break;
    state.open.add(node);
    rows += added;
    if (groupSpan(size) > 1) continue; // a grouped node stays with its groups closed
    for (let i = 0; i < size; i++) {
      const { value } = child(node, i);
      if (isContainer(value)) queue.push(value);
    }
  }
  return state;
}

/** Index of the row that is the parent of row `index` (the nearest earlier row one level up), or -1. */
export function parentRow(rows: readonly JsonRow[], index: number): number {
  const depth = rows[index]?.depth ?? 0;
  for (let i = index - 1; i >= 0; i--) if (rows[i].depth < depth) return i;
  return -1;
}

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;
/** Longest text shown for one value or key; the rest is counted. */
export const MAX_SHOWN_CHARS = 2000;

function clip(text: string): string {
  return text.length > MAX_SHOWN_CHARS
    ? `${text.slice(0, MAX_SHOWN_CHARS)}… (${(text.length - MAX_SHOWN_CHARS).toLocaleString('en-US')} more characters)`
    : text;
}

/** A key as shown: as is when plain, as a JSON string (escapes visible) when it holds controls or direction marks. */
export function labelText(label: string | number): string {
  if (typeof label === 'number') return String(label);
  return clip(
    UNSAFE.test(label)
      ? JSON.stringify(label).replace(
          /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g,
          (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
        )
      : label,
  );
}

/** A scalar as shown: strings as JSON literals (so control characters show as escapes), the rest as JSON. */
export function valueText(value: unknown): string {
  if (typeof value === 'string')
    return clip(
      JSON.stringify(value).replace(
        /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g,
        (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
      ),
    );
  if (value === undefined) return 'undefined';
  return String(value);
}

export function valueClass(value: unknown): string {
  if (typeof value === 'string') return 'jt-string';
  if (typeof value === 'number') return 'jt-number';
  if (typeof value === 'boolean') return 'jt-boolean';
  return 'jt-null';
}

/** What a node or group row says: "{…} 3 keys", "[ 200,000 items", "[0 … 9,999]". */
export function summaryText(row: JsonRow): string {
  if (row.kind === 'group') return `[${row.start.toLocaleString('en-US')} … ${(row.end - 1).toLocaleString('en-US')}]`;
  if (row.kind !== 'node') return '';
  const count = `${row.size.toLocaleString('en-US')} ${row.isArray ? (row.size === 1 ? 'item' : 'items') : row.size === 1 ? 'key' : 'keys'}`;
  const [openB, closeB] = row.isArray ? ['[', ']'] : ['{', '}'];
  if (row.size === 0) return `${openB}${closeB}`;
  return row.open ? `${openB} ${count}` : `${openB}…${closeB} ${count}`;
}
