import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../export/Dialog';
import { ErrorNote } from '../components/ErrorNote';
import { errorText } from '../transport';

/**
 * Asks before deleting, naming exactly what goes and how many (`count` null
 * while it is being counted); Delete has the focus, Escape or Cancel keeps everything.
 */
export function ConfirmDelete({
  title,
  what,
  count,
  onConfirm,
  onClose,
}: {
  title: string;
  what: string;
  count: number | null;
  onConfirm(): Promise<unknown>;
  onClose(): void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (count !== null) button.current?.focus();
  }, [count]);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };
  return (
    <Dialog label={title} onClose={onClose} className="confirm-delete">
      <p className="confirm-what" data-testid="confirm-what">
        {count === null ? 'Counting…' : what}
      </p>
      <p className="muted">This cannot be undone. Captures arriving from now on are kept.</p>
      <ErrorNote message={error} />
      <div className="form-actions">
        <button
          ref={button}
          type="button"
          className="danger"
          disabled={busy || count === null || count === 0}
          onClick={() => void confirm()}
        >
          {busy ? 'Deleting…' : 'Delete'}
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
