import { ErrorNote } from '../components/ErrorNote';
import { DeliveryList } from './DeliveryList';
import { DeliveryTimeline } from './DeliveryTimeline';
import { useCurrentDelivery, useDeliveries } from './store';

/** The current delivery's live timeline, and the recent deliveries to pick another from. */
export function DeliveriesPane() {
  const current = useCurrentDelivery();
  const { loaded, error, actionError, load, list } = useDeliveries();
  return (
    <div className="deliveries-pane">
      <ErrorNote message={actionError} />
      {current ? (
        <DeliveryTimeline view={current} />
      ) : (
        loaded && list.length > 0 && <p className="muted pad">Pick a delivery below to see its attempts.</p>
      )}
      <h3 className="pane-title">Recent deliveries</h3>
      <ErrorNote message={error} onRetry={() => void load()} />
      {loaded ? <DeliveryList /> : <p className="muted pad">Loading deliveries…</p>}
    </div>
  );
}
