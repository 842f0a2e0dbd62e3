import { useEffect, useRef, useState } from 'react';
import type { ApiArgs } from '../../../src/shared/api';
import { byteSize } from '../captures/format';
import { call, errorText } from '../transport';
import { Dialog } from './Dialog';
import { downloadText } from './download';
import { ErrorNote } from '../components/ErrorNote';

type Scope = 'this' | 'list';
type Format = 'har' | 'ndjson';

const FORMATS: { id: Format; label: string; what: string }[] = [
  { id: 'har', label: 'HAR', what: 'HAR 1.2: opens in Chrome DevTools and other HTTP tools.' },
  {
    id: 'ndjson',
    label: 'NDJSON',
    what: "Everything Hookscope keeps (raw header pairs, body bytes, answer, verdict, replays), for another Hookscope's import.",
  },
];

async function exportText(format: Format, selection: ApiArgs<'export.har'>): Promise<string> {
  if (format === 'ndjson') return (await call('export.ndjson', selection)).text;
  return `${JSON.stringify(await call('export.har', selection), null, 2)}\n`;
}

/** Exports this capture, or every capture the list shows, as a HAR or NDJSON file (downloaded: nothing captured is rendered). */
export function ExportDialog({ id, listIds, onClose }: { id: number; listIds: number[]; onClose(): void }) {
  const [scope, setScope] = useState<Scope>('this');
  const [busy, setBusy] = useState<Format | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const choose = (next: Scope) => {
    setScope(next);
    setSaved(null);
    setError(null);
  };

  const run = async (format: Format) => {
    setBusy(format);
    setError(null);
    setSaved(null);
    try {
      const ids = scope === 'this' ? [id] : listIds;
      const text = await exportText(format, { ids });
      const name =
        scope === 'this' ? `hookscope-capture-${id}.${format}` : `hookscope-${ids.length}-captures.${format}`;
      const size = downloadText(name, text, format === 'har' ? 'application/json' : 'application/x-ndjson');
      setSaved(`${name} (${byteSize(size)})`);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Dialog label="Export" onClose={onClose} className="export-dialog">
      <fieldset className="export-scope">
        <legend>What</legend>
        <label className="check">
          <input
            ref={first}
            type="radio"
            name="exportScope"
            checked={scope === 'this'}
            onChange={() => choose('this')}
          />
          This capture (#{id})
        </label>
        <label className="check">
          <input
            type="radio"
            name="exportScope"
            checked={scope === 'list'}
            disabled={listIds.length === 0}
            onChange={() => choose('list')}
          />
          The {listIds.length} capture{listIds.length === 1 ? '' : 's'} the list shows (its filters and search)
        </label>
      </fieldset>
      <div className="export-formats">
        {FORMATS.map((f) => (
          <div key={f.id} className="export-format">
            <button type="button" className="primary" disabled={busy !== null} onClick={() => void run(f.id)}>
              {busy === f.id ? 'Exporting…' : `Download ${f.label}`}
            </button>
            <span className="muted">{f.what}</span>
          </div>
        ))}
      </div>
      <p className="muted">A cURL command for this capture: Copy as cURL, in the capture&apos;s header.</p>
      <ErrorNote message={error} />
      {saved && (
        <p className="export-saved" role="status" data-testid="export-saved">
          Saved {saved}.
        </p>
      )}
    </Dialog>
  );
}
