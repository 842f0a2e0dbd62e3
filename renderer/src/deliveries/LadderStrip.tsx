import { duration } from './format';
import type { TimelineRow } from './ladder';

function outcome(row: TimelineRow): string {
  const a = row.attempt;
  if (row.state === 'waiting') return 'waiting';
  if (row.state === 'in-flight') return 'sending';
  if (!a) return row.state === 'unused' ? 'not sent' : '';
  if (a.errorKind && a.errorKind !== 'status') return a.errorKind;
  return a.status === null ? '—' : String(a.status);
}

/** The ladder at a glance: one rung per slot, the provider's delay between them, each coloured by what happened. */
export function LadderStrip({ rows }: { rows: TimelineRow[] }) {
  return (
    <ol className="ladder" aria-label="Retry ladder">
      {rows.map((row) => (
        <li key={row.key} className={`rung rung-${row.state}`} data-state={row.state}>
          {row.slot === null ? (
            <span className="rung-gap">manual</span>
          ) : (
            row.delayMs !== null && <span className="rung-gap">+{duration(row.delayMs)}</span>
          )}
          <span className="rung-node">
            <span className="rung-dot">{row.attempt?.n ?? row.slot}</span>
            <span className="rung-outcome mono">{outcome(row)}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
