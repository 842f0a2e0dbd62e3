import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffBodies } from '../../../src/core/replay/diff';
import { diffHeaders } from '../../../src/core/replay/header-diff';
import { diffJson } from '../../../src/core/replay/json-diff';
import { diffLines } from '../../../src/core/replay/line-diff';
import { startCaptureApp, type RunningCapture } from '../../helpers/capture-app';
import { sendRaw } from './support';

describe('header diff', () => {
  it('compares duplicates in order, and names added, removed and changed ones', () => {
    const a: [string, string][] = [
      ['Content-Type', 'application/json'],
      ['X-Dup', '1'],
      ['X-Dup', '2'],
      ['X-Gone', 'g'],
      ['x-case', 'v'],
    ];
    const b: [string, string][] = [
      ['X-Dup', '1'],
      ['Content-Type', 'application/json'],
      ['X-Dup', 'two'],
      ['X-Dup', '3'],
      ['X-Case', 'v'],
      ['X-New', 'n'],
    ];
    expect(diffHeaders(a, b).changes).toEqual([
      { kind: 'changed', name: 'X-Dup', occurrence: 1, before: ['X-Dup', '2'], after: ['X-Dup', 'two'] },
      { kind: 'added', name: 'X-Dup', occurrence: 2, after: ['X-Dup', '3'] },
      { kind: 'removed', name: 'X-Gone', occurrence: 0, before: ['X-Gone', 'g'] },
      { kind: 'changed', name: 'X-Case', occurrence: 0, before: ['x-case', 'v'], after: ['X-Case', 'v'] },
      { kind: 'added', name: 'X-New', occurrence: 0, after: ['X-New', 'n'] },
    ]);
    expect(diffHeaders(a, a)).toEqual({ changes: [], more: 0 });
  });
});

describe('JSON diff', () => {
  it('gives paths of added, removed and changed values', () => {
    const a = {
      type: 'bot.detected',
      data: { score: 0.9, tags: ['a', 'b', 'c'], 'odd key': 1, nested: { x: null } },
      gone: true,
    };
    const b = {
      type: 'bot.detected',
      data: { score: 0.95, tags: ['a', 'B'], 'odd key': 1, nested: { x: {} }, extra: [1] },
    };
    expect(diffJson(a, b).changes).toEqual([
      { kind: 'changed', path: '$.data.score', before: 0.9, after: 0.95 },
      { kind: 'changed', path: '$.data.tags[1]', before: 'b', after: 'B' },
      { kind: 'removed', path: '$.data.tags[2]', before: 'c' },
      { kind: 'changed', path: '$.data.nested.x', before: null, after: {} },
      { kind: 'added', path: '$.data.extra', after: [1] },
      { kind: 'removed', path: '$.gone', before: true },
    ]);
    expect(diffJson({ 'a.b': 1 }, { 'a.b': 2 }).changes).toEqual([
      { kind: 'changed', path: '$["a.b"]', before: 1, after: 2 },
    ]);
    expect(diffJson([1, { a: 1 }], [1, { a: 1 }])).toEqual({ changes: [], more: 0 });
  });
});

describe('line diff', () => {
  it('is a shortest edit script that rebuilds both sides', () => {
    const a = 'one\ntwo\nthree\nfour\nfive';
    const b = 'zero\none\nthree\nfour!\nfive\nsix';
    const lines = diffLines(a, b);
    expect(
      lines
        .filter((l) => l.op !== '+')
        .map((l) => l.text)
        .join('\n'),
    ).toBe(a);
    expect(
      lines
        .filter((l) => l.op !== '-')
        .map((l) => l.text)
        .join('\n'),
    ).toBe(b);
    expect(lines.filter((l) => l.op !== ' ')).toEqual([
      { op: '+', text: 'zero' },
      { op: '-', text: 'two' },
      { op: '-', text: 'four' },
      { op: '+', text: 'four!' },
      { op: '+', text: 'six' },
    ]);
    expect(diffLines('same', 'same')).toEqual([{ op: ' ', text: 'same' }]);
    expect(diffLines('', 'x')).toEqual([
      { op: '-', text: '' },
      { op: '+', text: 'x' },
    ]);
  });

  it('rebuilds both sides for many random texts', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: rand(12) }, () => 'abcd'[rand(4)]).join('\n');
      const b = Array.from({ length: rand(12) }, () => 'abcd'[rand(4)]).join('\n');
      const lines = diffLines(a, b);
      expect(
        lines
          .filter((l) => l.op !== '+')
          .map((l) => l.text)
          .join('\n'),
      ).toBe(a);
      expect(
        lines
          .filter((l) => l.op !== '-')
          .map((l) => l.text)
          .join('\n'),
      ).toBe(b);
    }
  });
});

describe('body diff', () => {
  it('picks JSON paths, text lines or binary digests', () => {
    expect(diffBodies(Buffer.from('{"a":1}'), Buffer.from('{"a":1}'))).toEqual({ kind: 'equal', size: 7 });
    expect(diffBodies(Buffer.from('{"a":1}'), Buffer.from('{"a":2}'))).toMatchObject({
      kind: 'json',
      changes: [{ path: '$.a' }],
    });
    // Equal in value, not in bytes (re-serialized): that breaks signatures, so the lines are shown.
    expect(diffBodies(Buffer.from('{"a":1}'), Buffer.from('{ "a": 1 }'))).toMatchObject({
      kind: 'text',
      added: 1,
      removed: 1,
    });
    expect(diffBodies(Buffer.from('a=1&b=2'), Buffer.from('a=1&b=3'))).toMatchObject({ kind: 'text' });
    expect(diffBodies(Buffer.from([0, 1]), Buffer.from([0, 2, 3]))).toMatchObject({
      kind: 'binary',
      sizeA: 2,
      sizeB: 3,
    });
  });
});

describe('diff of two captures', () => {
  let cap: RunningCapture;
  beforeAll(async () => {
    cap = await startCaptureApp();
  });
  afterAll(() => cap.close());

  it('compares request line, headers and gzip bodies after decoding', async () => {
    const a = await sendRaw(cap.port, {
      path: '/d/one',
      headers: [
        ['Content-Encoding', 'gzip'],
        ['X-Sig', 'a'],
      ],
      body: gzipSync('{"amount":100,"currency":"EUR"}'),
    });
    const b = await sendRaw(cap.port, {
      method: 'PUT',
      path: '/d/two?x=1',
      headers: [
        ['Content-Encoding', 'gzip'],
        ['X-Sig', 'b'],
      ],
      body: gzipSync('{"amount":250,"currency":"EUR"}'),
    });
    const diff = cap.app.replay.diff(a.id, b.id);
    expect(diff.request).toEqual([
      { field: 'method', before: 'POST', after: 'PUT' },
      { field: 'path', before: '/d/one', after: '/d/two' },
      { field: 'query', before: '', after: 'x=1' },
    ]);
    expect(diff.headers.map((h) => [h.kind, h.name])).toEqual([['changed', 'X-Sig']]);
    expect(diff.body).toEqual({
      kind: 'json',
      changes: [{ kind: 'changed', path: '$.amount', before: 100, after: 250 }],
      more: 0,
    });
    expect(diff.headersMore).toBe(0);
    expect(diff.decoded).toBe(true);
    expect(() => cap.app.replay.diff(a.id, 99_999)).toThrow(expect.objectContaining({ code: 'CAPTURE_NOT_FOUND' }));
  });
});
