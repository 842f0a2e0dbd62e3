import type { DeliveryResult } from './types';

interface Waiter {
  resolve(result: DeliveryResult): void;
  reject(error: unknown): void;
}

/** The callers of waitFor(), by delivery id, until their delivery ends or the engine stops. */
export class DeliveryWaiters {
  private readonly byDelivery = new Map<number, Waiter[]>();

  wait(deliveryId: number): Promise<DeliveryResult> {
    return new Promise((resolve, reject) => {
      const list = this.byDelivery.get(deliveryId) ?? [];
      list.push({ resolve, reject });
      this.byDelivery.set(deliveryId, list);
    });
  }

  resolve(deliveryId: number, result: DeliveryResult): void {
    const list = this.byDelivery.get(deliveryId) ?? [];
    this.byDelivery.delete(deliveryId);
    for (const w of list) w.resolve(result);
  }

  rejectAll(errorFor: (deliveryId: number) => unknown): void {
    for (const [deliveryId, list] of this.byDelivery) for (const w of list) w.reject(errorFor(deliveryId));
    this.byDelivery.clear();
  }
}
