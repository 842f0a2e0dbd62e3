import { describe, expect, it } from 'vitest';
import { isTooDeep, jsonNestingDepth, MAX_JSON_DEPTH, valueNestingDepth } from '../../src/shared/json-depth';

describe('jsonNestingDepth', () => {
  it('counts brackets outside strings only', () => {
    expect(jsonNestingDepth('1')).toBe(0);
    expect(jsonNestingDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonNestingDepth('{"a":"[[[[{{{{\\"[["}')).toBe(1);
    expect(jsonNestingDepth('["\\\\",[]]')).toBe(2);
  });

  it('stops past the limit on a hostile text without recursion', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(jsonNestingDepth(deep)).toBe(100_000);
    expect(jsonNestingDepth(deep, 10)).toBe(11);
    expect(isTooDeep(deep)).toBe(true);
    expect(isTooDeep('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBe(false);
  });
});

describe('valueNestingDepth', () => {
  it('measures a parsed value deeper than the stack would allow recursively', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(valueNestingDepth(deep)).toBe(100_000);
    expect(valueNestingDepth(deep, 5)).toBe(6);
    expect(valueNestingDepth({ a: [1, { b: null }] })).toBe(3);
    expect(valueNestingDepth('x')).toBe(0);
  });
});
