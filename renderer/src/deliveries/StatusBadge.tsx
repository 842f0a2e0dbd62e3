import type { DeliveryStatus } from '../../../src/shared/delivery-types';

/** A delivery's state: pending (retries may follow), delivered, or failed. */
export function StatusBadge({ status }: { status: DeliveryStatus }) {
  return <span className={`badge delivery-${status}`}>{status}</span>;
}
