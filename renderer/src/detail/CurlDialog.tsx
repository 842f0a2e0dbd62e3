import { useEffect, useRef, useState } from 'react';
import type { CurlCopy } from '../../../src/shared/replay-types';
import { CopyButton } from '../components/CopyButton';
import { ErrorNote } from '../components/ErrorNote';
import { Dialog } from '../export/Dialog';
import { call, errorText } from '../transport';

/**
 * The capture as a bash line that sends it again with curl, as the core
 * builds it (captures.curl): every captured byte quoted so it stays data, a
 * binary body piped in from base64. Shown as text only, ready to copy.
 */
export function CurlDialog({ id, onClose }: { id: number; onClose(): void }) {
  const [curl, setCurl] = useState<CurlCopy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    let live = true;
    setCurl(null);
    setError(null);
    call('captures.curl', { id }).then(
      (result) => live && setCurl(result),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [id]);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, [curl]);
  return (
    <Dialog
      label="Copy as cURL"
      onClose={onClose}
      actions={curl && <CopyButton text={curl.command} className="primary" />}
    >
      {!curl && !error && <p className="muted">Building the command…</p>}
      <ErrorNote message={error} />
      {curl?.notes.map((n) => (
        <p key={n} className="warn">
          {n}
        </p>
      ))}
      {curl && (
        <textarea
          ref={ref}
          className="curl-text mono"
          readOnly
          value={curl.command}
          spellCheck={false}
          rows={Math.min(24, Math.ceil(curl.command.length / 100) + 1)}
        />
      )}
    </Dialog>
  );
}
