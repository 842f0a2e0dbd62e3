import { describe, expect, it } from 'vitest';
import { diffLines, diffText } from '../../../renderer/src/export/diff-text';
import type { CaptureDiff } from '../../../src/shared/replay-types';

const base: Omit<CaptureDiff, 'body'> = { a: 1, b: 2, request: [], headers: [], headersMore: 0, decoded: false };

describe('the diff as the UI shows it', () => {
  it('says how many JSON changes were not listed, and why the comparison stopped', () => {
    const lines = diffLines({ ...base, body: { kind: 'json', changes: [{ kind: 'changed', path: '$[0]', before: 0, after: 1 }], more: 989_999, partial: 'stopped after 1,000,000 values and keys; the rest was not compared' } });
    expect(lines).toContainEqual({ op: '#', text: 'Body: JSON, 990000 changes' });
    expect(lines).toContainEqual({ op: '…', text: 'at least 989,999 more changes not listed' });
    expect(lines).toContainEqual({ op: '…', text: 'diff stopped early: stopped after 1,000,000 values and keys; the rest was not compared' });
  });

  it('shows folded stretches from the core with their count, and cut lines with what was left out', () => {
    const text = diffText({
      ...base,
      body: { kind: 'text', added: 1, removed: 1, more: 0, lines: [{ op: '@', text: '', count: 199_996 }, { op: ' ', text: 'ctx' }, { op: '-', text: 'aaa', cut: 5000 }, { op: '+', text: 'b' }] },
    });
    expect(text.split('\n')).toEqual(expect.arrayContaining(['… 199,996 unchanged lines', '  ctx', '- aaa… (5,000 more characters)', '+ b']));
  });

  it('counts header changes past the cap', () => {
    const lines = diffLines({ ...base, headers: [{ kind: 'added', name: 'X-A', occurrence: 0, after: ['X-A', '1'] }], headersMore: 4, body: { kind: 'equal', size: 0 } });
    expect(lines).toContainEqual({ op: '…', text: '4 more changes not listed' });
    expect(diffLines({ ...base, body: { kind: 'equal', size: 0 } }).some((l) => l.op === '…')).toBe(false);
  });
});
