import { useMemo } from 'react';
import type { CaptureDiff } from '../../../src/shared/replay-types';
import { diffLines } from './diff-text';

const CLASS: Record<string, string> = { '#': 'd-head', '+': 'd-add', '-': 'd-del', ' ': 'd-same', '…': 'd-skip' };

/** A capture diff as text lines (A is '-', B is '+'); header values and body text stay text. */
export function DiffView({ diff }: { diff: CaptureDiff }) {
  const lines = useMemo(() => diffLines(diff), [diff]);
  return (
    <pre
      className="diff-text"
      data-testid="diff-text"
      aria-label={`Changes from capture ${diff.a} to capture ${diff.b}`}
    >
      <span className="d-file">
        --- capture #{diff.a}
        {'\n'}+++ capture #{diff.b}
        {'\n'}
      </span>
      {lines.map((l, i) => (
        <span key={i} className={CLASS[l.op]} data-op={l.op}>
          {l.op === '#' ? `## ${l.text}` : l.op === '…' ? `  … ${l.text}` : `${l.op} ${l.text}`}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}
