import { Fragment, useState } from 'react';
import type { AttemptSummary } from '../../../src/shared/delivery-types';
import { longTime, shortTime, statusClass } from '../captures/format';
import { AttemptResponse } from './AttemptResponse';
import { DurationBar } from './DurationBar';
import { countdown, duration, providerTime } from './format';
import type { TimelineRow } from './ladder';
import { useNow } from './useNow';

const TRIGGER_TAGS = { ladder: null, now: 'sent early', manual: 'manual retry' } as const;

/** Sent this long or more after its due time, a ladder attempt went out overdue (its sender was gone, or it was sent by hand late). */
const OVERDUE_MS = 1000;

function triggerTag(a: AttemptSummary): string | null {
  if (a.trigger !== 'manual' && a.sentAt) {
    const lateMs = Date.parse(a.sentAt) - Date.parse(a.dueAt);
    if (lateMs >= OVERDUE_MS) return `sent overdue (${duration(lateMs)} late)`;
  }
  return TRIGGER_TAGS[a.trigger];
}

function Result({ row, dueAt }: { row: TimelineRow; dueAt: string | null }) {
  const now = useNow(row.state === 'waiting');
  const a = row.attempt;
  if (row.state === 'waiting') {
    const left = dueAt ? Date.parse(dueAt) - now : null;
    if (left !== null && left < -OVERDUE_MS) return <span className="tag tag-warn">overdue {duration(-left)}</span>;
    return <span className="muted">due in {left !== null ? countdown(left) : '…'}</span>;
  }
  if (row.state === 'in-flight') return <span className="muted">sending…</span>;
  if (!a) return <span className="muted">{row.state === 'unused' ? 'not sent' : 'if the one before fails'}</span>;
  return (
    <>
      <span className={`mono strong ${statusClass(a.status)}`}>{a.status ?? '—'}</span>
      {a.errorKind && (
        <span
          className={`tag${a.errorKind === 'status' ? '' : ' tag-warn'}`}
          title={
            a.errorKind === 'status'
              ? 'Not a success for this provider'
              : a.errorKind === 'handshake'
                ? a.handshakeProblem
                : undefined
          }
        >
          {a.errorKind === 'status' ? 'failed' : a.errorKind === 'handshake' ? 'wrong handshake answer' : a.errorKind}
        </span>
      )}
    </>
  );
}

/** Every slot and attempt: provider-time schedule, real send time, outcome, and duration against the timeout. */
export function AttemptTable({
  deliveryId,
  rows,
  timeoutMs,
  dueAt,
}: {
  deliveryId: number;
  rows: TimelineRow[];
  timeoutMs: number;
  dueAt: string | null;
}) {
  const [open, setOpen] = useState<Set<number>>(new Set());
  const toggle = (n: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(n)) next.add(n);
      return next;
    });
  return (
    <table className="table attempts" aria-label="Attempts">
      <thead>
        <tr>
          <th>Attempt</th>
          <th title="When the provider's ladder sends it, in provider time from the first attempt">
            Scheduled (provider time)
          </th>
          <th title="When Hookscope really sent it">Sent (real time)</th>
          <th title="The timestamp the attempt's signature covers (unix seconds)">Signed</th>
          <th>Result</th>
          <th>Duration / timeout</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const a = row.attempt;
          const tag = a ? triggerTag(a) : null;
          const answered = a !== null && a.sentAt !== null && row.state !== 'in-flight';
          const expanded = a !== null && open.has(a.n);
          return (
            <Fragment key={row.key}>
              <tr
                data-slot={row.slot ?? 'manual'}
                data-state={row.state}
                data-n={a?.n}
                className={`attempt-${row.state}`}
              >
                <td className="mono">
                  {answered ? (
                    <button
                      type="button"
                      className="link expand"
                      aria-expanded={expanded}
                      title="Show what the handler answered"
                      onClick={() => toggle(a.n)}
                    >
                      {expanded ? '▾' : '▸'} #{a.n}
                    </button>
                  ) : (
                    <>#{a?.n ?? row.slot}</>
                  )}
                  {tag && <span className="tag">{tag}</span>}
                </td>
                <td className="mono">
                  {row.estimated ? '≈ ' : ''}
                  {providerTime(row.scheduledOffsetMs)}
                  {row.delayMs !== null && (
                    <span className="muted" title="The provider's wait after the previous failure">
                      {' '}
                      (wait {duration(row.delayMs)})
                    </span>
                  )}
                </td>
                <td className="mono" title={a?.sentAt ? longTime(a.sentAt) : undefined}>
                  {a?.sentAt ? (
                    <>
                      {shortTime(a.sentAt)}
                      {row.sentOffsetMs !== null && row.sentOffsetMs > 0 && (
                        <span className="muted"> (+{duration(row.sentOffsetMs)})</span>
                      )}
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
                <td
                  className="mono"
                  title={
                    a?.signedTimestamp != null ? longTime(new Date(a.signedTimestamp * 1000).toISOString()) : undefined
                  }
                >
                  {a?.signedTimestamp ?? <span className="muted">—</span>}
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
              {expanded && (
                <tr className="attempt-detail">
                  <td colSpan={6}>
                    <AttemptResponse deliveryId={deliveryId} n={a.n} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
