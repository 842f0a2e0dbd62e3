/** A tiny collector of payload rule violations, addressed by field path. */
import type { TimeFormat } from '../../../shared/providers';
import { MAX_JSON_DEPTH, valueNestingDepth } from '../../../shared/json-depth';
import { getPath } from '../json-path';

export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const ISO_S = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
export const ISO_ANY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  // A payload handed in as a value may nest deeper than JSON.stringify's recursion survives.
  if (valueNestingDepth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    return `${Array.isArray(value) ? 'an array' : 'an object'} nested deeper than ${MAX_JSON_DEPTH} levels`;
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export class Checker {
  readonly problems: string[] = [];
  constructor(private readonly root: unknown) {}

  get(path: string): unknown {
    return getPath(this.root, path);
  }

  fail(path: string, problem: string): void {
    this.problems.push(`${path}: ${problem}`);
  }

  str(
    path: string,
    opts: { prefix?: string; pattern?: RegExp; oneOf?: readonly string[]; optional?: boolean } = {},
  ): string | undefined {
    const value = this.get(path);
    if (value === undefined && opts.optional) return undefined;
    if (typeof value !== 'string') return void this.fail(path, `expected a string, got ${describe(value)}`);
    if (opts.prefix && !value.startsWith(opts.prefix))
      this.fail(path, `expected the prefix "${opts.prefix}", got ${describe(value)}`);
    if (opts.pattern && !opts.pattern.test(value))
      this.fail(path, `expected to match ${opts.pattern}, got ${describe(value)}`);
    if (opts.oneOf && !opts.oneOf.includes(value))
      this.fail(path, `expected one of ${opts.oneOf.join(', ')}, got ${describe(value)}`);
    return value;
  }

  num(
    path: string,
    opts: { min?: number; max?: number; integer?: boolean; above?: number; optional?: boolean } = {},
  ): number | undefined {
    const value = this.get(path);
    if (value === undefined && opts.optional) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value))
      return void this.fail(path, `expected a number, got ${describe(value)}`);
    if (opts.integer && !Number.isInteger(value)) this.fail(path, `expected a whole number, got ${value}`);
    if (opts.min !== undefined && value < opts.min) this.fail(path, `expected at least ${opts.min}, got ${value}`);
    if (opts.max !== undefined && value > opts.max) this.fail(path, `expected at most ${opts.max}, got ${value}`);
    if (opts.above !== undefined && !(value > opts.above))
      this.fail(path, `expected more than ${opts.above}, got ${value}`);
    return value;
  }

  bool(path: string, expected?: boolean): boolean | undefined {
    const value = this.get(path);
    if (typeof value !== 'boolean') return void this.fail(path, `expected a boolean, got ${describe(value)}`);
    if (expected !== undefined && value !== expected) this.fail(path, `expected ${expected}, got ${value}`);
    return value;
  }

  obj(path: string): Record<string, unknown> | undefined {
    const value = path === '' ? this.root : this.get(path);
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return void this.fail(path || '(payload)', `expected an object, got ${describe(value)}`);
    return value as Record<string, unknown>;
  }

  arr(path: string, opts: { minLength?: number } = {}): unknown[] | undefined {
    const value = this.get(path);
    if (!Array.isArray(value)) return void this.fail(path, `expected an array, got ${describe(value)}`);
    if (opts.minLength !== undefined && value.length < opts.minLength)
      this.fail(path, `expected at least ${opts.minLength} item(s), got ${value.length}`);
    return value;
  }

  time(path: string, format: TimeFormat): void {
    const value = this.get(path);
    switch (format) {
      case 'iso-ms':
        this.str(path, { pattern: ISO_MS });
        break;
      case 'iso-s':
        this.str(path, { pattern: ISO_S });
        break;
      case 'iso':
        this.str(path, { pattern: ISO_ANY });
        break;
      case 'unix-ms':
        this.num(path, { integer: true, min: 1e12, max: 1e13 - 1 });
        break;
      case 'unix-s':
        this.num(path, { integer: true, min: 1e9, max: 1e11 - 1 });
        break;
    }
    if (typeof value === 'string' && Number.isNaN(Date.parse(value)))
      this.fail(path, `is not a real date: ${describe(value)}`);
  }
}
