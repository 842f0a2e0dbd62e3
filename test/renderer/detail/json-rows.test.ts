import { describe, expect, it } from 'vitest';
import {
  GROUP_SIZE,
  expandAll,
  flattenJson,
  groupSpan,
  initialState,
  labelText,
  newTreeState,
  parentRow,
  setRowOpen,
  summaryText,
  valueText,
  type JsonRow,
} from '../../../renderer/src/detail/json-rows';

/** `[[[ ... [leaf] ... ]]]`, built without recursion. */
function nested(depth: number, leaf: unknown): unknown[] {
  const root: unknown[] = [];
  let at = root;
  for (let i = 1; i < depth; i++) {
    const next: unknown[] = [];
    at.push(next);
    at = next;
  }
  at.push(leaf);
  return root;
}

const text = (rows: JsonRow[]) =>
  rows.map(
    (r) =>
      `${' '.repeat(r.depth)}${r.kind === 'leaf' ? `${r.label}: ${valueText(r.value)}` : r.kind === 'group' ? summaryText(r) : `${r.label ?? '$'} ${summaryText(r)}`}`,
  );

describe('flattening a JSON tree into rows', () => {
  it('lists only open nodes, in document order, with their depth', () => {
    const doc = { a: 1, b: { c: 'x', d: [true, null] }, e: [] };
    const state = newTreeState();
    expect(text(flattenJson(doc, state))).toEqual(['$ {…} 3 keys']);
    state.open.add(doc);
    expect(text(flattenJson(doc, state))).toEqual(['$ { 3 keys', ' a: 1', ' b {…} 2 keys', ' e []']);
    state.open.add(doc.b);
    state.open.add(doc.b.d);
    expect(text(flattenJson(doc, state))).toEqual([
      '$ { 3 keys',
      ' a: 1',
      ' b { 2 keys',
      '  c: "x"',
      '  d [ 2 items',
      '   0: true',
      '   1: null',
      ' e []',
    ]);
  });

  it('opens a small document whole at first, and a big one only as far as the first rows allow', () => {
    const small = { id: 'evt_1', data: { object: { amount: 5, tags: ['a', 'b'] } } };
    expect(
      flattenJson(small, initialState(small))
        .map((r) => r.kind === 'leaf' && r.value)
        .filter(Boolean),
    ).toEqual(['evt_1', 5, 'a', 'b']);
    const deep = nested(1000, 'bottom');
    const rows = flattenJson(deep, initialState(deep));
    expect(rows.length).toBeLessThanOrEqual(301);
    expect(rows.length).toBeGreaterThan(100);
  });

  it('shows an array nested 100,000 deep, down to its deepest value, without recursion', () => {
    const deep = nested(100_000, 'bottom');
    const state = newTreeState();
    expect(expandAll(state, deep)).toBe(100_000);
    const rows = flattenJson(deep, state);
    expect(rows).toHaveLength(100_001);
    expect(rows.at(-1)).toMatchObject({ kind: 'leaf', depth: 100_000, value: 'bottom' });
    expect(parentRow(rows, rows.length - 1)).toBe(rows.length - 2);
    expect(parentRow(rows, 0)).toBe(-1);
  });

  it('groups a 200,000-item array so opening it adds 20 rows, and each group at most GROUP_SIZE', () => {
    const big = Array.from({ length: 200_000 }, (_, i) => i);
    const state = newTreeState();
    state.open.add(big);
    let rows = flattenJson(big, state);
    expect(rows).toHaveLength(21);
    expect(summaryText(rows[1])).toBe('[0 … 9,999]');
    expect(summaryText(rows[20])).toBe('[190,000 … 199,999]');
    setRowOpen(state, rows[20], true);
    rows = flattenJson(big, state);
    expect(rows).toHaveLength(21 + GROUP_SIZE);
    expect(summaryText(rows.at(-1)!)).toBe('[199,900 … 199,999]');
    setRowOpen(state, rows.at(-1)!, true);
    rows = flattenJson(big, state);
    expect(rows.at(-1)).toMatchObject({ kind: 'leaf', label: 199_999, value: 199_999, depth: 3 });
    expect(rows).toHaveLength(21 + GROUP_SIZE + GROUP_SIZE);
  });

  it('expands all of a 200,000-item array: every item a row, in order', () => {
    const big = Array.from({ length: 200_000 }, (_, i) => ({ i }));
    const state = newTreeState();
    expandAll(state, big);
    const rows = flattenJson(big, state);
    const leaves = rows.filter((r) => r.kind === 'leaf');
    expect(leaves).toHaveLength(200_000);
    expect(leaves.at(-1)).toMatchObject({ label: 'i', value: 199_999 });
    expect(rows.filter((r) => r.kind === 'group')).toHaveLength(20 + 2000);
  });

  it('stops expanding all at its row budget, upper levels first', () => {
    const big = Array.from({ length: 1000 }, () => Array.from({ length: 50 }, (_, j) => j));
    const state = newTreeState();
    expandAll(state, big, 5000);
    const rows = flattenJson(big, state);
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows.length).toBeLessThan(5000 + 200);
  });

  it('groups objects with many keys the same way, by key order', () => {
    const wide = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`k${i}`, i]));
    const state = newTreeState();
    state.open.add(wide);
    const rows = flattenJson(wide, state);
    expect(rows.map((r) => summaryText(r))).toEqual([
      '{ 250 keys',
      '[0 … 9]',
      ...Array.from({ length: 24 }, (_, g) => `[${(g + 1) * 10} … ${(g + 1) * 10 + 9}]`),
    ]);
    setRowOpen(state, rows[25], true);
    expect(
      flattenJson(wide, state)
        .slice(-10)
        .map((r) => r.kind === 'leaf' && r.label),
    ).toEqual(Array.from({ length: 10 }, (_, i) => `k${240 + i}`));
  });

  it('picks group spans as powers of ten giving at most GROUP_SIZE groups', () => {
    expect([1, 100, 101, 1000, 1001, 10_000, 200_000, 10_000_001].map(groupSpan)).toEqual([
      1, 1, 10, 10, 100, 100, 10_000, 1_000_000,
    ]);
  });

  it('shows keys and strings as inert text: controls and direction marks as escapes, long ones cut', () => {
    expect(valueText('<img src=x onerror=alert(1)>')).toBe('"<img src=x onerror=alert(1)>"');
    expect(valueText('a\u001b[2Jb\u202ec')).toBe('"a\\u001b[2Jb\\u202ec"');
    expect(labelText('plain key')).toBe('plain key');
    expect(labelText('bad\nkey\u2066')).toBe('"bad\\nkey\\u2066"');
    expect(valueText('x'.repeat(5000))).toMatch(/… \(3,002 more characters\)$/);
    expect([valueText(1.5), valueText(false), valueText(null)]).toEqual(['1.5', 'false', 'null']);
    expect(text(flattenJson('scalar', newTreeState()))).toEqual(['null: "scalar"']);
  });
});
