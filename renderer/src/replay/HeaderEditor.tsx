import type { HeaderPair } from '../../../src/shared/capture-types';
import { blankRow, setByClient, type HeaderRow } from './form';

/** With re-signing on: the values the re-sign writes over rows (by row key), and the headers it adds. */
export interface ResignedView {
  changed: Map<number, string>;
  added: HeaderPair[];
}

/**
 * The request's headers as an editable table, in order, duplicates kept.
 * Host, Content-Length and hop-by-hop headers stay listed but are marked:
 * the HTTP client sets them for the new connection. With re-signing on, the
 * signature headers show the values that will be sent, read-only.
 */
export function HeaderEditor({
  rows,
  onChange,
  error,
  resigned = null,
}: {
  rows: HeaderRow[];
  onChange(rows: HeaderRow[]): void;
  error?: string;
  resigned?: ResignedView | null;
}) {
  const edit = (key: number, patch: Partial<HeaderRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <div className={`field header-editor${error ? ' invalid' : ''}`} data-field="headers">
      <div className="header-editor-head">
        <span className="field-label">Headers</span>
        <span className="count">{rows.length}</span>
        <div className="spacer" />
        <button type="button" className="small" onClick={() => onChange([...rows, blankRow()])}>
          Add header
        </button>
      </div>
      <table className="kv header-rows" aria-label="Headers to send">
        <tbody>
          {rows.map((row, i) => {
            const fresh = resigned?.changed.get(row.key);
            return (
              <tr
                key={row.key}
                className={setByClient(row.name) ? 'not-sent' : fresh !== undefined ? 'resigned' : undefined}
              >
                <td className="kv-index">{i + 1}</td>
                <td className="hr-name">
                  <input
                    aria-label={`Header ${i + 1} name`}
                    className="mono"
                    spellCheck={false}
                    value={row.name}
                    onChange={(e) => edit(row.key, { name: e.target.value })}
                  />
                </td>
                <td className="hr-value">
                  <input
                    aria-label={`Header ${i + 1} value`}
                    className="mono"
                    spellCheck={false}
                    value={fresh ?? row.value}
                    readOnly={fresh !== undefined}
                    title={fresh !== undefined ? `Re-signed: the captured value was ${row.value}` : undefined}
                    onChange={(e) => edit(row.key, { value: e.target.value })}
                  />
                  {fresh !== undefined && (
                    <span className="tag tag-resigned" title="Written by the re-sign; turn re-signing off to edit it">
                      re-signed
                    </span>
                  )}
                  {setByClient(row.name) && (
                    <span
                      className="tag"
                      title="The HTTP client sets this one for the new connection; the captured value is not sent"
                    >
                      set by the client
                    </span>
                  )}
                </td>
                <td className="hr-remove">
                  <button
                    type="button"
                    className="small"
                    aria-label={`Remove header ${i + 1}`}
                    title="Remove"
                    onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
          {resigned?.added.map(([name, value], i) => (
            <tr key={`added-${name}-${i}`} className="resigned">
              <td className="kv-index">+</td>
              <td className="hr-name">
                <input aria-label={`Added header ${i + 1} name`} className="mono" readOnly value={name} />
              </td>
              <td className="hr-value">
                <input aria-label={`Added header ${i + 1} value`} className="mono" readOnly value={value} />
                <span className="tag tag-resigned">added by the re-sign</span>
              </td>
              <td className="hr-remove" />
            </tr>
          ))}
        </tbody>
      </table>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
