import { longTime, shortTime, statusClass } from '../captures/format';
import { DurationBar } from './DurationBar';
import { countdown, duration, providerTime } from './format';
import type { TimelineRow } from './ladder';
import { useNow } from './useNow';

const TRIGGER_TAGS = { ladder: null, now: 'sent early', manual: 'manual retry' } as const;

function Result({ row, dueAt }: { row: TimelineRow; dueAt: string | null }) {
  const now = useNow(row.state === 'waiting');
  const a = row.attempt;
  if (row.state === 'waiting') return <span className="muted">due in {dueAt ? countdown(Date.parse(dueAt) - now) : '…'}</span>;
  if (row.state === 'in-flight') return <span className="muted">sending…</span>;
  if (!a) return <span className="muted">{row.state === 'unused' ? 'not sent' : 'if the one before fails'}</span>;
  return (
    <>
      <span className={`mono strong ${statusClass(a.status)}`}>{a.status ?? '—'}</span>
      {a.errorKind && <span className={`tag${a.errorKind === 'status' ? '' : ' tag-warn'}`} title={a.errorKind === 'status' ? 'Not a success for this provider' : undefined}>{a.errorKind === 'status' ? 'failed' : a.errorKind}</span>}
    </>
  );
}

/** Every slot and attempt: provider-time schedule, real send time, outcome, and duration against the timeout. */
export function AttemptTable({ rows, timeoutMs, dueAt }: { rows: TimelineRow[]; timeoutMs: number; dueAt: string | null }) {
  return (
    <table className="table attempts" aria-label="Attempts">
      <thead>
        <tr>
          <th>Attempt</th>
          <th title="When the provider's ladder sends it, in provider time from the first attempt">Scheduled (provider time)</th>
          <th title="When Hookscope really sent it">Sent (real time)</th>
          <th>Result</th>
          <th>Duration / timeout</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const a = row.attempt;
          const tag = a ? TRIGGER_TAGS[a.trigger] : null;
          return (
            <tr key={row.key} data-slot={row.slot ?? 'manual'} data-state={row.state} data-n={a?.n} className={`attempt-${row.state}`}>
              <td className="mono">
                #{a?.n ?? row.slot}
                {tag && <span className="tag">{tag}</span>}
              </td>
              <td className="mono">
                {row.estimated ? '≈ ' : ''}
                {providerTime(row.scheduledOffsetMs)}
                {row.delayMs !== null && <span className="muted" title="The provider's wait after the previous failure"> (wait {duration(row.delayMs)})</span>}
              </td>
              <td className="mono" title={a?.sentAt ? longTime(a.sentAt) : undefined}>
                {a?.sentAt ? (
                  <>
                    {shortTime(a.sentAt)}
                    {row.sentOffsetMs !== null && row.sentOffsetMs > 0 && <span className="muted"> (+{duration(row.sentOffsetMs)})</span>}
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                <Result row={row} dueAt={dueAt} />
              </td>
              <td>
                <DurationBar
                  durationMs={a?.durationMs ?? null}
                  sentAt={a?.sentAt ?? null}
                  timeoutMs={timeoutMs}
                  inFlight={row.state === 'in-flight'}
                  timedOut={a?.errorKind === 'timeout'}
                />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
