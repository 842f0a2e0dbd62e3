import { useRef, useState } from 'react';
import type { ImportReport } from '../../../src/shared/replay-types';
import { ErrorNote } from '../components/ErrorNote';
import { call, errorText } from '../transport';
import { plural } from './delete';

function summary(r: ImportReport): string {
  const parts = [
    `Imported ${plural(r.captures, 'capture')} and ${plural(r.replays, 'replay')} (${r.format.toUpperCase()})`,
  ];
  if (r.skipped) parts.push(`skipped ${r.skipped} already here`);
  if (r.endpointsCreated.length)
    parts.push(`created endpoint${r.endpointsCreated.length === 1 ? '' : 's'} ${r.endpointsCreated.join(', ')}`);
  return parts.join('; ');
}

/**
 * Import an NDJSON export or a HAR file from a file picker: the same checks as
 * `hookscope import` (import.text validates the whole file before writing any
 * of it); the new captures arrive in the list as they are written.
 */
export function ImportButton() {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      const text = await file.text();
      if (!text) throw new Error(`${file.name} is empty; nothing was imported`);
      setResult(summary(await call('import.text', { text })));
    } catch (e) {
      setError(`${file.name}: ${errorText(e)}`);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        aria-label="File to import"
        accept=".ndjson,.jsonl,.har,.json,application/json,application/x-ndjson"
        onChange={(e) => void pick(e.target.files?.[0])}
      />
      <button
        type="button"
        disabled={busy}
        onClick={() => input.current?.click()}
        title="Import an NDJSON export or a HAR file"
      >
        {busy ? 'Importing…' : 'Import…'}
      </button>
      {(result || error) && (
        <div className="import-result" role="status">
          {result && <span>{result}</span>}
          <ErrorNote message={error} />
          <button type="button" className="link" onClick={() => (setResult(null), setError(null))} aria-label="Dismiss">
            ✕
          </button>
        </div>
      )}
    </>
  );
}
