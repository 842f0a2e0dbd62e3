import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CaptureDiff } from '../../../src/shared/replay-types';
import { CopyButton } from '../components/CopyButton';
import { call, errorText } from '../transport';
import { Dialog } from './Dialog';
import { diffText } from './diff-text';
import { DiffView } from './DiffView';
import { ErrorNote } from '../components/ErrorNote';

/** What changed between this capture and another (captures.diff): request line, headers, and the body as JSON paths or lines. */
export function DiffDialog({
  id,
  suggestion,
  compareAtOnce,
  onClose,
}: {
  id: number;
  suggestion: number | null;
  compareAtOnce?: boolean;
  onClose(): void;
}) {
  const [other, setOther] = useState(suggestion === null ? '' : String(suggestion));
  const [reversed, setReversed] = useState(false);
  const [diff, setDiff] = useState<CaptureDiff | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const compare = async (swap: boolean) => {
    const b = Number(other.trim());
    if (!Number.isInteger(b) || b < 1) {
      setError('a capture id is a whole number, 1 or more');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setDiff(await call('captures.diff', swap ? { a: b, b: id } : { a: id, b }));
      setReversed(swap);
    } catch (e) {
      setDiff(null);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
    // Two captures picked in the list: compare them straight away.
    if (compareAtOnce && suggestion !== null) void compare(false);
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void compare(reversed);
  };

  return (
    <Dialog
      label={`Diff capture #${id}`}
      onClose={onClose}
      className="diff-dialog"
      actions={diff && <CopyButton text={diffText(diff)} label="Copy diff" />}
    >
      <form className="diff-pick" onSubmit={submit} aria-label="Compare with">
        <label htmlFor="f-diffOther">Compare #{id} with capture</label>
        <input
          id="f-diffOther"
          name="diffOther"
          ref={input}
          inputMode="numeric"
          value={other}
          onChange={(e) => setOther(e.target.value)}
        />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Comparing…' : 'Compare'}
        </button>
        <button
          type="button"
          disabled={busy || !diff}
          onClick={() => void compare(!reversed)}
          title="Swap which capture is A and which is B"
        >
          Swap
        </button>
      </form>
      <ErrorNote message={error} />
      {diff ? (
        <DiffView diff={diff} />
      ) : (
        !error && (
          <p className="muted">
            Type the other capture&apos;s id (the # in its detail header) and Compare, or pick two rows in the list
            (Ctrl/⌘-click) and press Diff.
          </p>
        )
      )}
    </Dialog>
  );
}
