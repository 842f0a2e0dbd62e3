import { useEffect } from 'react';
import type { DeliveryView } from '../../../src/shared/delivery-types';
import { shortTime } from '../captures/format';
import { countdown, duration, providerTime } from './format';
import type { TimelineRow } from './ladder';
import { useDeliveries } from './store';
import { useNow } from './useNow';

function failure(reason: string | null): string {
  if (reason === 'exhausted') return 'every attempt of the ladder failed';
  if (reason === 'webhook-disabled') return 'the provider disabled this webhook';
  return reason ?? 'failed';
}

/** Past its due time by this much, a waiting attempt is shown as overdue, not as a countdown stuck at zero. */
const OVERDUE_MS = 2000;

/** Why a waiting attempt past its due time has not gone out. */
function whyOverdue(next: NonNullable<DeliveryView['next']>, now: number): string {
  if (next.heldBy && next.heldUntil && Date.parse(next.heldUntil) > now) {
    return `A \`hookscope send\` run holds it until ${shortTime(next.heldUntil)}; if that process is gone, this app takes it over then.`;
  }
  return 'No sender is running it.';
}

/** What happens next: the waiting attempt's countdown (and a way to skip the wait), or a manual retry once failed. */
export function NextStep({ view, rows }: { view: DeliveryView; rows: TimelineRow[] }) {
  const { result, next, policy } = view;
  const now = useNow(next !== null);
  const sendNextNow = useDeliveries((s) => s.sendNextNow);
  const retry = useDeliveries((s) => s.retry);
  const id = result.deliveryId;
  const waiting = rows.find((r) => r.state === 'waiting');
  const flying = rows.find((r) => r.state === 'in-flight');
  const delivered = rows.find((r) => r.state === 'delivered');
  const overdue = next !== null && now - Date.parse(next.dueAt) > OVERDUE_MS;
  const select = useDeliveries((s) => s.select);
  // Past due with no event: read the delivery again once, to learn whether another process holds or paused it.
  useEffect(() => {
    if (overdue) select(id);
  }, [overdue, id, select]);

  if (result.status === 'paused') {
    return (
      <div className="next-step paused" data-testid="next-step">
        <span>
          <strong>Paused:</strong> the <code>hookscope send</code> that ran this delivery stopped while no sender was
          running to take it over.
          {next && <> Attempt #{waiting?.slot ?? result.attempts.length + 1} waits.</>}
        </span>
        <button type="button" className="primary" onClick={() => void sendNextNow(id)}>
          Resume: send next attempt now
        </button>
      </div>
    );
  }
  if (result.status === 'pending' && next && overdue) {
    return (
      <div className="next-step overdue" data-testid="next-step">
        <span>
          Attempt <strong>#{waiting?.slot ?? result.attempts.length + 1}</strong> was due{' '}
          <strong className="mono" data-testid="overdue">
            {duration(now - Date.parse(next.dueAt))} ago
          </strong>{' '}
          and has not gone out. <span className="muted">{whyOverdue(next, now)}</span>
        </span>
        <button type="button" className="primary" onClick={() => void sendNextNow(id)}>
          Send next attempt now
        </button>
      </div>
    );
  }

  if (result.status === 'pending' && next) {
    return (
      <div className="next-step" data-testid="next-step">
        <span>
          Attempt <strong>#{waiting?.slot ?? result.attempts.length + 1}</strong> is due in{' '}
          <strong className="mono" data-testid="countdown">
            {countdown(Date.parse(next.dueAt) - now)}
          </strong>{' '}
          <span className="muted">(real time; provider time {providerTime(waiting?.scheduledOffsetMs ?? 0)})</span>
        </span>
        <button type="button" className="primary" onClick={() => void sendNextNow(id)}>
          Send next attempt now
        </button>
      </div>
    );
  }
  if (result.status === 'pending') {
    return (
      <div className="next-step muted">{flying ? `Attempt #${flying.attempt?.n} is in flight…` : 'Starting…'}</div>
    );
  }
  if (result.status === 'failed') {
    return (
      <div className="next-step failed" data-testid="next-step">
        <span>
          <strong>Failed:</strong> {failure(result.failureReason)}. <span className="muted">{policy.afterFailure}</span>
        </span>
        <button type="button" className="primary" onClick={() => void retry(id)}>
          Retry
        </button>
      </div>
    );
  }
  const first = result.attempts[0];
  const last = delivered?.attempt;
  const took = first?.sentAt && last?.sentAt ? Date.parse(last.sentAt) - Date.parse(first.sentAt) : null;
  return (
    <div className="next-step delivered" data-testid="next-step">
      <span>
        <strong>Delivered</strong> on attempt #{last?.n ?? result.attempts.length}
        {delivered && delivered.scheduledOffsetMs > 0 && (
          <> at provider time {providerTime(delivered.scheduledOffsetMs)}</>
        )}
        {took !== null && took > 0 && <span className="muted"> ({duration(took)} of real time)</span>}.
      </span>
    </div>
  );
}
