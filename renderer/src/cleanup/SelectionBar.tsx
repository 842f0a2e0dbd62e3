import { useState } from 'react';
import { useMarks } from '../captures/marks';
import { DiffDialog } from '../export/DiffDialog';
import { DeleteCapturesButton } from './DeleteCapturesButton';
import { plural } from './delete';

/**
 * The captures picked in the list (Ctrl/Cmd-click, Shift-click): diff two of
 * them (the older as A), delete them, or let go of them.
 */
export function SelectionBar() {
  const marked = useMarks((s) => s.marked);
  const clear = useMarks((s) => s.clear);
  const [diffing, setDiffing] = useState<[number, number] | null>(null);
  if (marked.length === 0)
    return diffing ? (
      <DiffDialog id={diffing[0]} suggestion={diffing[1]} compareAtOnce onClose={() => setDiffing(null)} />
    ) : null;
  const pair = marked.length === 2 ? ([...marked].sort((a, b) => a - b) as [number, number]) : null;
  return (
    <div className="selection-bar" role="toolbar" aria-label="Picked captures">
      <strong data-testid="picked-count">{plural(marked.length, 'capture')} picked</strong>
      <button
        type="button"
        disabled={!pair}
        onClick={() => pair && setDiffing(pair)}
        title={pair ? `Compare #${pair[0]} with #${pair[1]}` : 'Pick exactly two captures to compare them'}
      >
        {pair ? `Diff #${pair[0]} ↔ #${pair[1]}` : 'Diff (pick two)'}
      </button>
      <DeleteCapturesButton
        className="danger"
        label={`Delete ${plural(marked.length, 'capture')}…`}
        scope={() => ({ kind: 'ids', ids: [...marked] })}
      />
      <button type="button" className="link" onClick={clear}>
        Clear picks
      </button>
      <span className="muted hint">Ctrl/⌘-click picks one more, Shift-click a run</span>
      {diffing && <DiffDialog id={diffing[0]} suggestion={diffing[1]} compareAtOnce onClose={() => setDiffing(null)} />}
    </div>
  );
}
