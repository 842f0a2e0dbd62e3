import type { DeliveryView } from '../../../src/shared/delivery-types';
import { longTime, shortTime } from '../captures/format';
import { StatusBadge } from './StatusBadge';
import { useDeliveries } from './store';

/** `3/6`, or `4/4 + 1 manual` once retried by hand. */
function attemptsText(d: DeliveryView): string {
  const manual = d.result.attempts.filter((a) => a.trigger === 'manual').length;
  const ladder = `${d.result.attempts.length - manual}/${d.policy.retryDelaysMs.length + 1}`;
  return manual ? `${ladder} + ${manual} manual` : ladder;
}

/** Recent deliveries, newest first; picking one shows it on the timeline. */
export function DeliveryList() {
  const list = useDeliveries((s) => s.list);
  const currentId = useDeliveries((s) => s.currentId);
  const select = useDeliveries((s) => s.select);
  if (list.length === 0)
    return <p className="muted pad">No deliveries yet: send an event and its attempts appear here as they happen.</p>;
  return (
    <table className="table deliveries" aria-label="Recent deliveries">
      <thead>
        <tr>
          <th>#</th>
          <th>Created</th>
          <th>Provider</th>
          <th>Event</th>
          <th>Target</th>
          <th>Attempts</th>
          <th>Status</th>
        </tr>
      </thead>
      <tbody>
        {list.map((d) => {
          const r = d.result;
          return (
            <tr
              key={r.deliveryId}
              data-delivery-id={r.deliveryId}
              className={r.deliveryId === currentId ? 'selected' : ''}
              aria-selected={r.deliveryId === currentId}
              onClick={() => select(r.deliveryId)}
            >
              <td className="mono">
                <button type="button" className="link strong" onClick={() => select(r.deliveryId)}>
                  {r.deliveryId}
                </button>
              </td>
              <td className="mono muted" title={longTime(d.createdAt)}>
                {shortTime(d.createdAt)}
              </td>
              <td>{r.provider}</td>
              <td className="mono">{r.eventType}</td>
              <td className="mono muted ellipsis" title={r.target}>
                {r.target}
              </td>
              <td className="mono" title="Attempts made / attempts on the provider's ladder">
                {attemptsText(d)}
              </td>
              <td>
                <StatusBadge status={r.status} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
