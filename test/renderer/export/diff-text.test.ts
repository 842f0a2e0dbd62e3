import { describe, expect, it } from 'vitest';
import { diffLines, diffText } from '../../../renderer/src/export/diff-text';
import type { CaptureDiff } from '../../../src/shared/replay-types';

const base: Omit<CaptureDiff, 'body'> = { a: 1, b: 2, request: [], headers: [], headersMore: 0, decoded: false };

describe('the diff as the UI shows it', () => {
  it('says how many JSON changes were not listed, and why the comparison stopped', () => {
    const lines = diffLines({
      ...base,
      body: {
        kind: 'json',
        changes: [{ kind: 'changed', path: '$[0]', before: 0, after: 1 }],
        more: 989_999,
        partial: 'stopped after 1,000,000 values and keys; the rest was not compared',
      },
    });
    expect(lines).toContainEqual({ op: '#', text: 'Body: JSON, 990000 changes' });
    expect(lines).toContainEqual({ op: '…', text: 'at least 989,999 more changes not listed' });
    expect(lines).toContainEqual({
      op: '…',
      text: 'diff stopped early: stopped after 1,000,000 values and keys; the rest was not compared',
    });
  });

  it('shows folded stretches from the core with their count, and cut lines with what was left out', () => {
    const text = diffText({
      ...base,
      body: {
        kind: 'text',
        added: 1,
        removed: 1,
        more: 0,
        lines: [
          { op: '@', text: '', count: 199_996 },
          { op: ' ', text: 'ctx' },
          { op: '-', text: 'aaa', cut: 5000 },
          { op: '+', text: 'b' },
        ],
      },
    });
    expect(text.split('\n')).toEqual(
      expect.arrayContaining(['… 199,996 unchanged lines', '  ctx', '- aaa… (5,000 more characters)', '+ b']),
    );
  });

  it('counts header changes past the cap', () => {
    const lines = diffLines({
      ...base,
      headers: [{ kind: 'added', name: 'X-A', occurrence: 0, after: ['X-A', '1'] }],
      headersMore: 4,
      body: { kind: 'equal', size: 0 },
    });
    expect(lines).toContainEqual({ op: '…', text: '4 more changes not listed' });
    expect(diffLines({ ...base, body: { kind: 'equal', size: 0 } }).some((l) => l.op === '…')).toBe(false);
  });

  it('says when two captures are the same but for their body, and whether the body was decoded first', () => {
    const lines = diffLines({ ...base, decoded: true, body: { kind: 'equal', size: 1 } });
    expect(lines).toEqual([
      { op: '#', text: 'Request: same method, path, query and endpoint' },
      { op: '#', text: 'Headers: the same' },
      { op: '#', text: 'Body: identical, 1 byte (compared after undoing Content-Encoding)' },
    ]);
  });

  it('shows A as removed and B as added: request fields, headers (which duplicate), JSON paths', () => {
    const lines = diffLines({
      ...base,
      request: [{ field: 'method', before: 'POST', after: 'PUT' }],
      headers: [
        { kind: 'changed', name: 'X-Sig', occurrence: 1, before: ['X-Sig', 'a'], after: ['X-Sig', 'b'] },
        { kind: 'removed', name: 'X-Old', occurrence: 0, before: ['X-Old', '1'] },
      ],
      body: {
        kind: 'json',
        more: 0,
        changes: [
          { kind: 'added', path: '$.n', after: 1 },
          { kind: 'removed', path: '$.m', before: 'x' },
        ],
      },
    });
    expect(lines).toEqual([
      { op: '#', text: 'Request: 1 field differs' },
      { op: '-', text: 'method: POST' },
      { op: '+', text: 'method: PUT' },
      { op: '#', text: 'Headers: 1 changed, 1 removed' },
      { op: '-', text: 'X-Sig: a  (2nd X-Sig)' },
      { op: '+', text: 'X-Sig: b  (2nd X-Sig)' },
      { op: '-', text: 'X-Old: 1' },
      { op: '#', text: 'Body: JSON, 2 changes' },
      { op: '+', text: '$.n: 1' },
      { op: '-', text: '$.m: "x"' },
    ]);
  });

  it('folds long unchanged stretches to three lines of context either side, and none at the ends', () => {
    const same = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) => ({ op: ' ' as const, text: `l${from + i}` }));
    const lines = diffLines({
      ...base,
      body: {
        kind: 'text',
        added: 1,
        removed: 0,
        more: 0,
        lines: [...same(10, 0), { op: '+', text: 'new' }, ...same(10, 10)],
      },
    });
    const body = lines.slice(lines.findIndex((l) => l.text.startsWith('Body:')) + 1);
    expect(body).toEqual([
      { op: '…', text: '7 unchanged lines' },
      { op: ' ', text: 'l7' },
      { op: ' ', text: 'l8' },
      { op: ' ', text: 'l9' },
      { op: '+', text: 'new' },
      { op: ' ', text: 'l10' },
      { op: ' ', text: 'l11' },
      { op: ' ', text: 'l12' },
      { op: '…', text: '7 unchanged lines' },
    ]);
  });

  it('compares binary bodies by size and digest only', () => {
    const lines = diffLines({ ...base, body: { kind: 'binary', sizeA: 1, sizeB: 2, sha256A: 'aa', sha256B: 'bb' } });
    expect(lines.slice(-3)).toEqual([
      { op: '#', text: 'Body: binary, not compared byte by byte' },
      { op: '-', text: '1 byte, sha256 aa' },
      { op: '+', text: '2 bytes, sha256 bb' },
    ]);
  });
});
