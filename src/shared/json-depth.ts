/**
 * Nesting depth of a JSON text, measured without recursion and without
 * parsing, so that hostile input (an array nested 100,000 deep) is refused
 * before anything recursive (JSON.stringify, a diff, a tree view) meets it.
 */

/** The deepest nesting Hookscope accepts in JSON that came from outside. */
export const MAX_JSON_DEPTH = 256;

/**
 * The deepest level of `[`/`{` nesting in `text` (0 for a scalar), counting
 * only brackets outside strings. Stops early and returns `limit + 1` as soon
 * as `limit` is passed, so a huge hostile text costs no more than it must.
 */
export function jsonNestingDepth(text: string, limit = Number.MAX_SAFE_INTEGER): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return limit + 1;
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return deepest;
}

/** Depth of an already-parsed value, iteratively (a parsed value can be deeper than the stack allows). */
export function valueNestingDepth(value: unknown, limit = Number.MAX_SAFE_INTEGER): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [node, level] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    const here = level + 1;
    if (here > deepest) {
      deepest = here;
      if (deepest > limit) return limit + 1;
    }
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') stack.push([child, here]);
    }
  }
  return deepest;
}

/** True when `text` nests deeper than `limit` (default {@link MAX_JSON_DEPTH}). */
export function isTooDeep(text: string, limit = MAX_JSON_DEPTH): boolean {
  return jsonNestingDepth(text, limit) > limit;
}
