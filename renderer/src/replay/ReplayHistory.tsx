import { useState } from 'react';
import { ErrorNote } from '../components/ErrorNote';
import { shortTime, statusClass } from '../captures/format';
import { Section } from '../detail/Section';
import { call, errorText } from '../transport';
import { ResultBadge } from './ResultBadge';
import { useReplay } from './store';
import { useReplayHistory } from './useReplayHistory';

/** Every replay and live forward of the capture, newest first, as they are recorded; a row opens in the response view. */
export function ReplayHistory({ captureId }: { captureId: number }) {
  const { rows, loaded, error, reload } = useReplayHistory(captureId);
  const shownId = useReplay((s) => s.shown?.id ?? null);
  const show = useReplay((s) => s.show);
  const [openError, setOpenError] = useState<string | null>(null);

  const open = async (id: number) => {
    setOpenError(null);
    try {
      show(await call('replays.get', { id }));
    } catch (e) {
      setOpenError(errorText(e));
    }
  };

  return (
    <Section id="history" title="Replay history" count={rows.length}>
      <ErrorNote message={error} onRetry={reload} />
      <ErrorNote message={openError} />
      {!loaded ? (
        <p className="muted">Loading…</p>
      ) : rows.length === 0 ? (
        <p className="muted" data-testid="history-empty">
          Not replayed or forwarded yet.
        </p>
      ) : (
        <div className="history-scroll">
          <table className="table history" aria-label="Replay history">
            <thead>
              <tr>
                <th>#</th>
                <th>Kind</th>
                <th>Sent</th>
                <th>Request</th>
                <th>Status</th>
                <th>Result</th>
                <th>Time</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr
                  key={row.id}
                  data-replay-id={row.id}
                  data-kind={row.kind}
                  className={row.id === shownId ? 'selected' : ''}
                  onClick={() => void open(row.id)}
                >
                  <td className="mono muted">{row.id}</td>
                  <td>
                    <span className={`tag kind-${row.kind}`}>{row.kind}</span>
                  </td>
                  <td className="mono muted">{shortTime(row.sentAt)}</td>
                  <td className="mono history-url" title={row.url}>
                    {row.method} {row.url}
                  </td>
                  <td className={`mono ${statusClass(row.status)}`}>{row.status ?? '—'}</td>
                  <td>
                    <ResultBadge ok={row.ok} errorKind={row.errorKind} okLabel="ok" />
                  </td>
                  <td className="mono muted">{row.durationMs === null ? '—' : `${row.durationMs} ms`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}
