import { HookscopeError } from '../../shared/errors';
import { MAX_JSON_DEPTH, valueNestingDepth } from '../../shared/json-depth';
import type { DiffBounds, JsonChange } from '../../shared/replay-types';

/** At most this many changes are listed; the rest are counted in `more`. */
export const MAX_JSON_CHANGES = 10_000;
/**
 * The walk takes at most this many steps (a pair of values compared, a key
 * looked up), then stops and says so in `partial`: about a second on a busy
 * 2-core machine, whatever the bodies hold.
 */
export const MAX_JSON_VISITS = 1_000_000;

/** Listing stops (the rest counted in `more`) once the listed paths hold this many characters: keys can be long. */
export const MAX_LISTED_PATHS = 2 * 1024 * 1024;

export interface JsonDiffLimits {
  maxChanges: number;
  maxVisits: number;
  maxDepth: number;
}

const DEFAULT_LIMITS: JsonDiffLimits = {
  maxChanges: MAX_JSON_CHANGES,
  maxVisits: MAX_JSON_VISITS,
  maxDepth: MAX_JSON_DEPTH,
};

export interface JsonDiff extends DiffBounds {
  changes: JsonChange[];
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One step of the walk: a pair to compare, or an array or object part-way through its children. */
type Frame =
  | { t: 'pair'; a: unknown; b: unknown; path: string; depth: number }
  | { t: 'array'; a: unknown[]; b: unknown[]; path: string; depth: number; i: number }
  | {
      t: 'object';
      a: Record<string, unknown>;
      b: Record<string, unknown>;
      path: string;
      depth: number;
      keys: string[];
      i: number;
    };

const stopped = (maxVisits: number) =>
  `stopped after ${maxVisits.toLocaleString('en-US')} values and keys; the rest was not compared`;

function tooDeep(maxDepth: number): HookscopeError {
  return new HookscopeError(
    'INPUT_TOO_DEEP',
    `The JSON nests deeper than ${maxDepth} levels of arrays and objects; diff compares JSON up to that depth.`,
    { maxDepth },
  );
}

/**
 * Structural changes between two JSON values, as paths (`$.data.items[2].id`):
 * keys added or removed, values changed. Arrays are compared index by index;
 * key order does not count (a re-ordered object shows as equal here, and in
 * the line diff of the raw bytes).
 *
 * Bounded every way: an explicit stack (no recursion, whatever the depth),
 * at most `maxChanges` listed (added and removed tails and nested changes
 * alike; the rest counted in `more`, a million added items in O(1)), at most
 * `maxVisits` pairs compared (then `partial` says so), and INPUT_TOO_DEEP for
 * nesting past `maxDepth`, in the walk or in a listed value.
 */
export function diffJson(a: unknown, b: unknown, limits: Partial<JsonDiffLimits> = {}): JsonDiff {
  const { maxChanges, maxVisits, maxDepth } = { ...DEFAULT_LIMITS, ...limits };
  const changes: JsonChange[] = [];
  let more = 0;
  let visits = 0;
  let partial: string | undefined;

  const listable = (value: unknown, depth: number) => {
    if (value !== null && typeof value === 'object' && valueNestingDepth(value, maxDepth - depth) > maxDepth - depth)
      throw tooDeep(maxDepth);
  };
  let pathChars = 0;
  const emit = (change: JsonChange, depth: number) => {
    if (changes.length >= maxChanges || pathChars >= MAX_LISTED_PATHS) {
      more++;
      return;
    }
    listable(change.before, depth);
    listable(change.after, depth);
    changes.push(change);
    pathChars += change.path.length;
  };
  /** Items from..to of an array's tail, all added or all removed: past the cap they are only counted. */
  const emitTail = (items: unknown[], from: number, path: string, depth: number, kind: 'added' | 'removed') => {
    let i = from;
    for (; i < items.length && changes.length < maxChanges && pathChars < MAX_LISTED_PATHS; i++) {
      emit(
        kind === 'added'
          ? { kind, path: childPath(path, i), after: items[i] }
          : { kind, path: childPath(path, i), before: items[i] },
        depth,
      );
    }
    more += items.length - i;
  };

  const stack: Frame[] = [{ t: 'pair', a, b, path: '$', depth: 0 }];
  walk: while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.t === 'pair') {
      stack.pop();
      if (++visits > maxVisits) {
        partial = stopped(maxVisits);
        break;
      }
      const { a: x, b: y, path, depth } = frame;
      if (isObject(x) && isObject(y)) {
        if (depth + 1 > maxDepth) throw tooDeep(maxDepth);
        stack.push({ t: 'object', a: x, b: y, path, depth: depth + 1, keys: Object.keys(x), i: 0 });
      } else if (Array.isArray(x) && Array.isArray(y)) {
        if (depth + 1 > maxDepth) throw tooDeep(maxDepth);
        stack.push({ t: 'array', a: x, b: y, path, depth: depth + 1, i: 0 });
      } else if (x !== y) {
        emit({ kind: 'changed', path, before: x, after: y }, depth);
      }
    } else if (frame.t === 'array') {
      const common = Math.min(frame.a.length, frame.b.length);
      if (frame.i < common) {
        const i = frame.i++;
        const x = frame.a[i];
        const y = frame.b[i];
        // Equal scalars (most of any large body) cost one visit and no path.
        if (x === y || (typeof x !== 'object' && typeof y !== 'object')) {
          if (++visits > maxVisits) {
            partial = stopped(maxVisits);
            break;
          }
          if (x !== y) emit({ kind: 'changed', path: childPath(frame.path, i), before: x, after: y }, frame.depth);
        } else stack.push({ t: 'pair', a: x, b: y, path: childPath(frame.path, i), depth: frame.depth });
        continue;
      }
      stack.pop();
      emitTail(frame.a, common, frame.path, frame.depth, 'removed');
      emitTail(frame.b, common, frame.path, frame.depth, 'added');
    } else {
      if (frame.i < frame.keys.length) {
        const key = frame.keys[frame.i++];
        if (!Object.hasOwn(frame.b, key)) {
          if (++visits > maxVisits) {
            partial = stopped(maxVisits);
            break;
          }
          emit({ kind: 'removed', path: childPath(frame.path, key), before: frame.a[key] }, frame.depth);
          continue;
        }
        const x = frame.a[key];
        const y = frame.b[key];
        if (x === y || (typeof x !== 'object' && typeof y !== 'object')) {
          if (++visits > maxVisits) {
            partial = stopped(maxVisits);
            break;
          }
          if (x !== y) emit({ kind: 'changed', path: childPath(frame.path, key), before: x, after: y }, frame.depth);
        } else stack.push({ t: 'pair', a: x, b: y, path: childPath(frame.path, key), depth: frame.depth });
        continue;
      }
      stack.pop();
      for (const key of Object.keys(frame.b)) {
        if (++visits > maxVisits) {
          partial = stopped(maxVisits);
          break walk;
        }
        if (Object.hasOwn(frame.a, key)) continue;
        emit({ kind: 'added', path: childPath(frame.path, key), after: frame.b[key] }, frame.depth);
      }
    }
  }
  return partial === undefined ? { changes, more } : { changes, more, partial };
}
