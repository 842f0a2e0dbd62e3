import { useState } from 'react';
import { useCaptures } from '../captures/store';
import { useReplay } from '../replay/store';
import { DiffDialog } from './DiffDialog';
import { ExportDialog } from './ExportDialog';

/** The capture's neighbour in the list (the one received before it, else after), as the diff's first guess. */
function neighbour(ids: number[], id: number): number | null {
  const at = ids.indexOf(id);
  if (at === -1) return ids.find((x) => x !== id) ?? null;
  return ids[at + 1] ?? ids[at - 1] ?? null;
}

/** Replay, Export and Diff for the open capture, in its detail header. */
export function DetailActions({ id, disabled }: { id: number; disabled: boolean }) {
  const [dialog, setDialog] = useState<'export' | 'diff' | null>(null);
  const rows = useCaptures((s) => s.rows);
  const ids = dialog === null ? [] : rows.map((r) => r.id);
  return (
    <>
      <button
        type="button"
        disabled={disabled}
        onClick={() => useReplay.getState().openFrom(id)}
        title="Send this capture again, as received or edited"
      >
        Replay
      </button>
      <button type="button" disabled={disabled} onClick={() => setDialog('diff')}>
        Diff…
      </button>
      <button type="button" disabled={disabled} onClick={() => setDialog('export')}>
        Export…
      </button>
      {dialog === 'export' && <ExportDialog id={id} listIds={ids} onClose={() => setDialog(null)} />}
      {dialog === 'diff' && <DiffDialog id={id} suggestion={neighbour(ids, id)} onClose={() => setDialog(null)} />}
    </>
  );
}
