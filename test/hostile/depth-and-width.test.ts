/**
 * Hostile depth and width (issue 13, deliverables 5 and 6): JSON nested
 * 100,000 deep, arrays of a million items, keys a hundred kilobytes long,
 * provider files nested 2,000 and 100,000 deep. Nothing may throw a RangeError,
 * print a stack, answer 500 or stop another provider from loading; every cap
 * holds and says what it left out.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GROUP_SIZE,
  expandAll,
  flattenJson,
  initialState,
  newTreeState,
  setRowOpen,
} from '../../renderer/src/detail/json-rows';
import { diffBodies } from '../../src/core/replay/diff';
import { MAX_HEADER_CHANGES, diffHeaders } from '../../src/core/replay/header-diff';
import { MAX_JSON_CHANGES, MAX_LISTED_PATHS, diffJson } from '../../src/core/replay/json-diff';
import { MAX_LINE_CHANGES, MAX_LINE_TEXT, boundedLineDiff } from '../../src/core/replay/line-diff';
import { loadUserProviders } from '../../src/core/providers/user-loader';
import { parseJsonBody } from '../../src/core/providers/bytes';
import { bodyInForm } from '../../src/core/providers/signed-content';
import { renderTemplate, templateProblems } from '../../src/core/providers/samples/template';
import { createRng } from '../../src/core/providers/samples/prng';
import { describe as describeValue } from '../../src/core/providers/rules/check';
import { MAX_JSON_DEPTH } from '../../src/shared/json-depth';
import type { JsonValue } from '../../src/shared/providers';
import type { CaptureDiff } from '../../src/shared/replay-types';
import { ACME_PROVIDER } from '../core/providers/fixtures/acme-provider';
import { cliJson, runCli } from '../helpers/cli';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

const deepText = (depth: number, leaf = '1') => `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`;
/** `[[[...[leaf]...]]]` as a value, built without recursion. */
function deepValue(depth: number, leaf: unknown = 1): unknown[] {
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
const numbers = (n: number, v: number) => `[${new Array(n).fill(String(v)).join(',')}]`;

/** Asserts that `fn` throws a HookscopeError with `code`, not a RangeError. */
function throwsCode(fn: () => unknown, code: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toMatchObject({ name: 'HookscopeError', code });
}

describe('diff: depth', () => {
  it('JSON bodies nested 100,000 deep answer INPUT_TOO_DEEP, never a RangeError', () => {
    throwsCode(() => diffBodies(Buffer.from(deepText(100_000)), Buffer.from('[1]')), 'INPUT_TOO_DEEP');
    throwsCode(() => diffBodies(Buffer.from('{"a":1}'), Buffer.from(deepText(100_000, '"x"'))), 'INPUT_TOO_DEEP');
    throwsCode(
      () => diffBodies(Buffer.from(deepText(100_000, '1')), Buffer.from(deepText(100_000, '2'))),
      'INPUT_TOO_DEEP',
    );
  });

  it('names the capture whose body is too deep', () => {
    expect(() => diffBodies(Buffer.from('[1]'), Buffer.from(deepText(1000)), ['capture 7', 'capture 8'])).toThrow(
      /capture 8.*deeper than 256/,
    );
  });

  it('compares JSON up to MAX_JSON_DEPTH exactly, and refuses one level more', () => {
    const ok = diffBodies(Buffer.from(deepText(MAX_JSON_DEPTH, '1')), Buffer.from(deepText(MAX_JSON_DEPTH, '2')));
    expect(ok).toMatchObject({ kind: 'json', changes: [{ kind: 'changed', before: 1, after: 2 }], more: 0 });
    throwsCode(
      () => diffBodies(Buffer.from(deepText(MAX_JSON_DEPTH + 1, '1')), Buffer.from(deepText(MAX_JSON_DEPTH + 1, '2'))),
      'INPUT_TOO_DEEP',
    );
  });

  it('diffJson walks parsed values 100,000 deep on its own stack and answers INPUT_TOO_DEEP', () => {
    throwsCode(() => diffJson(deepValue(100_000, 1), deepValue(100_000, 2)), 'INPUT_TOO_DEEP');
    // With the depth limit lifted, the explicit stack reaches the bottom: no recursion anywhere.
    const far = diffJson(deepValue(100_000, 1), deepValue(100_000, 2), { maxDepth: 200_000 });
    expect(far.changes).toHaveLength(1);
    expect(far.changes[0].path.endsWith('[0][0]')).toBe(true);
  });

  it('refuses to list a value that nests too deep, even where the walk itself stays shallow', () => {
    throwsCode(() => diffJson({ a: 1 }, { a: deepValue(100_000) }), 'INPUT_TOO_DEEP');
    throwsCode(() => diffJson([], [deepValue(5_000)]), 'INPUT_TOO_DEEP');
    throwsCode(() => diffJson({}, { added: deepValue(5_000) }), 'INPUT_TOO_DEEP');
  });

  it('a too-deep JSON body against plain text is a line diff, not an error', () => {
    const d = diffBodies(Buffer.from(deepText(100_000)), Buffer.from('plain text'));
    expect(d).toMatchObject({ kind: 'text', added: 1, removed: 1, more: 0 });
  });
});

describe('diff: width', () => {
  it('1,000,000 added items: 10,000 listed, 990,000 counted', () => {
    const d = diffBodies(Buffer.from('[]'), Buffer.from(numbers(1_000_000, 1)));
    expect(d).toMatchObject({ kind: 'json', more: 990_000 });
    if (d.kind !== 'json') throw new Error('not json');
    expect(d.changes).toHaveLength(MAX_JSON_CHANGES);
    expect(d.changes.every((c) => c.kind === 'added')).toBe(true);
    expect(d.changes.at(-1)!.path).toBe('$[9999]');
  });

  it('1,000,000 removed items: the same cap', () => {
    const d = diffJson(new Array(1_000_000).fill(0), []);
    expect(d.changes).toHaveLength(MAX_JSON_CHANGES);
    expect(d.more).toBe(990_000);
    expect(d.changes[0]).toEqual({ kind: 'removed', path: '$[0]', before: 0 });
  });

  it('200,000 added and removed keys: capped, counted', () => {
    const a = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`old${i}`, i]));
    const b = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`new${i}`, i]));
    const d = diffJson(a, b);
    expect(d.changes).toHaveLength(MAX_JSON_CHANGES);
    expect(d.changes.length + d.more).toBe(200_000);
  });

  it('nested changes, added and removed together never pass the cap, and the count is exact', () => {
    const a = { x: [1, 2, 3, 4], y: { p: 1, q: 2 }, gone: true, list: [1, 2, 3] };
    const b = { x: [9, 9, 9, 9], y: { p: 0, q: 0, r: 1 }, list: [1], extra: [1, 2] };
    const full = diffJson(a, b);
    expect(full.more).toBe(0);
    const total = full.changes.length;
    for (const cap of [0, 1, 3, 5, 8]) {
      const d = diffJson(a, b, { maxChanges: cap });
      expect(d.changes).toEqual(full.changes.slice(0, cap));
      expect(d.changes.length + d.more).toBe(total);
    }
  });

  it('1,000,000 changed items in 2 MB bodies: capped, and the walk stops at its budget and says so', () => {
    const d = diffBodies(Buffer.from(numbers(1_000_000, 0)), Buffer.from(numbers(1_000_000, 1)));
    if (d.kind !== 'json') throw new Error('not json');
    expect(d.changes).toHaveLength(MAX_JSON_CHANGES);
    expect(d.more).toBeGreaterThan(980_000);
    const small = diffJson(new Array(100).fill(0), new Array(100).fill(1), { maxVisits: 50, maxChanges: 10 });
    expect(small.partial).toMatch(/stopped after 50 values and keys/);
    expect(small.changes).toHaveLength(10);
  });

  it('keys 100,000 characters long: the listed paths stay bounded', () => {
    const key = 'k'.repeat(100_000);
    const d = diffJson({ [key]: new Array(1000).fill(0) }, { [key]: new Array(1000).fill(1) });
    const listed = d.changes.reduce((n, c) => n + c.path.length, 0);
    expect(listed).toBeLessThan(MAX_LISTED_PATHS + 200_000);
    expect(d.changes.length + d.more).toBe(1000);
    expect(d.more).toBeGreaterThan(0);
  });

  it('JSON bodies over 4 MiB are compared as lines, and the result says so', () => {
    const a = Buffer.from(numbers(2_500_000, 0));
    const b = Buffer.from(numbers(2_500_000, 1));
    const d = diffBodies(a, b);
    expect(d).toMatchObject({
      kind: 'text',
      added: 1,
      removed: 1,
      partial: expect.stringMatching(/over 4 MiB are compared line by line/),
    });
    if (d.kind !== 'text') throw new Error('not text');
    // One 5 MB line each: listed cut, the rest counted.
    expect(d.lines.find((l) => l.op === '-')).toMatchObject({ cut: a.length - MAX_LINE_TEXT });
    expect(JSON.stringify(d).length).toBeLessThan(20_000);
  });
});

describe('diff: lines and headers', () => {
  it('400,000 lines with one change: unchanged stretches folded into counts', () => {
    const a = Array.from({ length: 400_000 }, (_, i) => `line ${i}`);
    const b = [...a];
    b[200_000] = 'changed';
    const d = boundedLineDiff(a.join('\n'), b.join('\n'));
    expect(d).toMatchObject({ added: 1, removed: 1, more: 0 });
    expect(d.lines.map((l) => l.op).join('')).toBe('@   -+   @');
    expect(d.lines[0].count! + d.lines.at(-1)!.count! + 6).toBe(399_999);
    expect(d.partial).toBeUndefined();
  });

  it('every line different: a bounded fallback, capped listing, exact totals', () => {
    const a = Array.from({ length: 100_000 }, (_, i) => `a${i}`).join('\n');
    const b = Array.from({ length: 100_000 }, (_, i) => `b${i}`).join('\n');
    const d = boundedLineDiff(a, b);
    expect(d.added + d.removed).toBe(200_000);
    expect(d.lines.filter((l) => l.op !== ' ' && l.op !== '@')).toHaveLength(MAX_LINE_CHANGES);
    expect(d.more).toBe(200_000 - MAX_LINE_CHANGES);
    expect(d.partial).toMatch(/more than 2,000 lines differ/);
  });

  it('many short random lines: the search gives up within its step budget, still a valid script', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), 'abc'[seed % 3]);
    const a = Array.from({ length: 30_000 }, rand).join('\n');
    const b = Array.from({ length: 30_000 }, rand).join('\n');
    const d = boundedLineDiff(a, b, Number.MAX_SAFE_INTEGER);
    const listed = d.lines.filter((l) => l.op !== '@');
    expect(d.more).toBe(0);
    expect(d.added).toBe(listed.filter((l) => l.op === '+').length);
  });

  it('5,000 changed headers: 1,000 listed, the rest counted', () => {
    const a = Array.from({ length: 5000 }, (_, i) => [`X-H${i}`, 'a'] as [string, string]);
    const b = Array.from({ length: 5000 }, (_, i) => [`X-H${i}`, 'b'] as [string, string]);
    const d = diffHeaders(a, b);
    expect(d.changes).toHaveLength(MAX_HEADER_CHANGES);
    expect(d.more).toBe(5000 - MAX_HEADER_CHANGES);
  });
});

describe('JSON view rows: depth and width', () => {
  it('a 100,000-deep array opens at first to a bounded number of rows, and Expand all reaches the bottom', () => {
    const deep = deepValue(100_000, 'bottom');
    expect(flattenJson(deep, initialState(deep)).length).toBeLessThanOrEqual(301);
    const state = newTreeState();
    expandAll(state, deep);
    expect(flattenJson(deep, state).at(-1)).toMatchObject({ kind: 'leaf', value: 'bottom', depth: 100_000 });
  });

  it('opening a 1,000,000-item array adds at most GROUP_SIZE rows at each step down to an item', () => {
    const wide = new Array(1_000_000).fill(7);
    const state = newTreeState();
    state.open.add(wide);
    let rows = flattenJson(wide, state);
    for (let step = 0; step < 3; step++) {
      const before = rows.length;
      setRowOpen(state, rows.at(-1)!, true);
      rows = flattenJson(wide, state);
      expect(rows.length - before).toBeLessThanOrEqual(GROUP_SIZE);
    }
    expect(rows.at(-1)).toMatchObject({ kind: 'leaf', label: 999_999, value: 7 });
  });

  it('Expand all shows every scalar of any JSON value exactly once, in order', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const scalars: unknown[] = [];
        const stack: unknown[] = [value];
        while (stack.length) {
          const v = stack.pop();
          if (v !== null && typeof v === 'object') stack.push(...Object.values(v as object).reverse());
          else scalars.push(v);
        }
        const state = newTreeState();
        expandAll(state, value);
        const leaves = flattenJson(value, state).flatMap((r) => (r.kind === 'leaf' ? [r.value] : []));
        expect(leaves).toEqual(scalars);
      }),
      { numRuns: 200, seed: 13 },
    );
  });
});

describe('provider data: depth', () => {
  it('a body nested 100,000 deep is not JSON to detection or re-serialization (no JSON.stringify overflow)', () => {
    const body = Buffer.from(deepText(100_000));
    expect(parseJsonBody(body)).toBeUndefined();
    expect(bodyInForm(body, 're-serialized')).toBeUndefined();
    expect(bodyInForm(body, 'raw')).toBe(body);
    expect(parseJsonBody(Buffer.from(deepText(MAX_JSON_DEPTH)))).toBeDefined();
  });

  it('template checks and payload-rule messages walk a 100,000-deep value without recursion', () => {
    const deep = deepValue(100_000, '{{nope}}') as JsonValue;
    expect(templateProblems(deep)).toEqual([
      { path: `${'[0]'.repeat(100_000)}`, problem: expect.stringMatching(/not a known placeholder/) },
    ]);
    expect(describeValue(deepValue(100_000))).toMatch(/nested deeper than 256/);
    expect(describeValue({ a: 1 })).toBe('{"a":1}');
  });

  it('a sample is rendered without recursion, in document order, keeping a "__proto__" key as data', () => {
    const ctx = () => ({ rng: createRng(5), eventType: 'deep.event', timeMs: 0 });
    const rendered = renderTemplate(deepValue(100_000, '{{eventType}}') as JsonValue, ctx());
    let at: unknown = rendered;
    for (let i = 0; i < 100_000; i++) at = (at as unknown[])[0];
    expect(at).toBe('deep.event');
    const template = JSON.parse('{"a":"{{hex:8}}","__proto__":{"b":"{{hex:8}}"},"c":["{{hex:8}}"]}') as JsonValue;
    const out = renderTemplate(template, ctx()) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['a', '__proto__', 'c']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    // Same seed, same values in the same places: document order is kept.
    expect(renderTemplate(template, ctx())).toEqual(out);
    const rng = createRng(5);
    expect([out.a, (out.__proto__ as { b: string }).b, (out.c as string[])[0]]).toEqual([
      rng.hex(8),
      rng.hex(8),
      rng.hex(8),
    ]);
  });

  for (const depth of [2_000, 100_000]) {
    it(`a provider file nested ${depth.toLocaleString('en-US')} deep is reported and skipped; the others load`, () => {
      const dir = tempDir();
      try {
        writeProviderFiles(dir.path, depth);
        const result = loadUserProviders(dir.path);
        expect(result.providers.map((p) => p.id)).toEqual(['acme-billing']);
        expect(result.errors).toEqual([
          { file: 'deep.json', field: '(file)', problem: expect.stringMatching(/nests deeper than 256 levels/) },
        ]);
      } finally {
        dir.remove();
      }
    });
  }
});

/** acme.json (valid) and deep.json (a sample nested `depth` deep) in `<dir>`. */
function writeProviderFiles(dir: string, depth: number): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'acme.json'), JSON.stringify(ACME_PROVIDER));
  const deep = { ...structuredClone(ACME_PROVIDER), id: 'deep-one', events: [{ type: 'x', sample: '__DEEP__' }] };
  writeFileSync(join(dir, 'deep.json'), JSON.stringify(deep).replace('"__DEEP__"', deepText(depth)));
}

describe('through the CLI and the control API of a real serve', () => {
  let dir: { path: string; remove(): void };
  let serve: ServeProcess;
  const data = () => ['--data', dir.path];
  const ids: Record<string, number> = {};

  async function post(path: string, body: string): Promise<number> {
    const res = await fetch(`${serve.info.captureUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
    });
    return ((await res.json()) as { id: number }).id;
  }
  async function callApi(
    method: string,
    args: unknown,
  ): Promise<{
    status: number;
    reply: { ok: boolean; result?: CaptureDiff; error?: { code: string; message: string } };
  }> {
    const res = await fetch(`${new URL(serve.info.uiUrl).origin}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serve.info.token}` },
      body: JSON.stringify(args),
    });
    return { status: res.status, reply: (await res.json()) as never };
  }

  beforeAll(async () => {
    dir = tempDir();
    writeProviderFiles(join(dir.path, 'providers'), 2_000);
    const deep = { ...structuredClone(ACME_PROVIDER), id: 'deeper-one', events: [{ type: 'x', sample: '__DEEP__' }] };
    writeFileSync(
      join(dir.path, 'providers', 'deeper.json'),
      JSON.stringify(deep).replace('"__DEEP__"', deepText(100_000)),
    );
    serve = await startServeProcess(dir.path);
    ids.shallow = await post('h/a', '[1]');
    ids.deep = await post('h/b', deepText(100_000));
    ids.zeros = await post('h/c', numbers(1_000_000, 0));
    ids.ones = await post('h/d', numbers(1_000_000, 1));
  });
  afterAll(async () => {
    serve?.child.kill('SIGTERM');
    await serve?.exited;
    dir?.remove();
  });

  it('serve starts beside provider files 2,000 and 100,000 deep, and reports each with its code', () => {
    expect(serve.stderr()).toMatch(
      /provider file deep\.json: \(file\): nests deeper than 256 levels.*\[PROVIDER_FILE_INVALID\]/,
    );
    expect(serve.stderr()).toMatch(/provider file deeper\.json: .*\[PROVIDER_FILE_INVALID\]/);
    expect(serve.stderr()).not.toMatch(/RangeError|\n\s+at /);
  });

  it('`providers` and `list` keep working; the good user provider is listed', async () => {
    const providers = await runCli(['providers', '--json', ...data()]);
    expect(providers.code).toBe(0);
    expect((JSON.parse(providers.stdout) as { id: string }[]).map((p) => p.id)).toEqual(
      expect.arrayContaining(['acme-billing', 'prynt', 'stripe']),
    );
    expect(providers.stderr.trim().split('\n')).toHaveLength(2);
    expect(providers.stderr).not.toMatch(/RangeError|\n\s+at /);
    const list = await cliJson<{ id: number }[]>(['list', ...data()]);
    expect(list.map((c) => c.id)).toEqual(expect.arrayContaining([ids.shallow, ids.deep]));
    const table = await runCli(['providers', ...data()]);
    expect(table.stdout).toContain('acme-billing');
  });

  it('the control API answers a diff of a 100,000-deep body with 400 INPUT_TOO_DEEP, not 500', async () => {
    const { status, reply } = await callApi('captures.diff', { a: ids.shallow, b: ids.deep });
    expect(status).toBe(400);
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'INPUT_TOO_DEEP', message: expect.stringContaining(`capture ${ids.deep}`) },
    });
  });

  it('the control API lists 10,000 of a million changes and counts the rest', async () => {
    const { status, reply } = await callApi('captures.diff', { a: ids.zeros, b: ids.ones });
    expect(status).toBe(200);
    const body = reply.result!.body;
    expect(body.kind).toBe('json');
    if (body.kind !== 'json') return;
    expect(body.changes).toHaveLength(MAX_JSON_CHANGES);
    expect(body.more).toBeGreaterThan(980_000);
  });

  it('the CLI prints one line and exits 2 for a too-deep diff', async () => {
    const out = await runCli(['diff', String(ids.shallow), String(ids.deep), ...data()]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        /^hookscope: The body of capture \d+ is JSON nested deeper than 256 levels.*\[INPUT_TOO_DEEP\]$/,
      ),
    ]);
  });

  it('the CLI says how many changes it did not list', async () => {
    const out = await runCli(['diff', String(ids.zeros), String(ids.ones), ...data()]);
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('  ~ $['))).toHaveLength(MAX_JSON_CHANGES);
    expect(out.stdout).toMatch(/\.\.\. (at least )?9\d\d,\d{3} more changes not listed/);
  });
});
