import { create } from 'zustand';
import type { DeliveryView, SenderEvent } from '../../../src/shared/delivery-types';
import { call, errorText } from '../transport';

const LIST_LIMIT = 50;

export interface DisabledWebhook {
  url: string;
  failingForMs: number;
}

interface DeliveriesStore {
  /** Recent deliveries, newest first. */
  list: DeliveryView[];
  loaded: boolean;
  error: string | null;
  /** The delivery the timeline shows. */
  currentId: number | null;
  /** Webhooks the sender disabled (Prynt after 24 h of failures), by webhook id. */
  disabled: Record<number, DisabledWebhook>;
  /** A fault of the delivery engine itself, or a refused action (send next now, retry). */
  actionError: string | null;
  load(): Promise<void>;
  /** After a dropped event connection: fetch everything again. */
  resync(): Promise<void>;
  select(id: number | null): void;
  /** A delivery just started from this page: fetched, listed and shown. */
  follow(id: number): Promise<void>;
  /** One 'deliveries.event': refetches the delivery it concerns (no polling). */
  apply(event: SenderEvent): void;
  sendNextNow(id: number): Promise<void>;
  retry(id: number): Promise<void>;
}

// One deliveries.get at a time per delivery; an event arriving meanwhile asks for one more afterwards, so the last answer is never stale.
const fetching = new Set<number>();
const again = new Set<number>();

export const useDeliveries = create<DeliveriesStore>((set, get) => {
  function upsert(view: DeliveryView): void {
    const id = view.result.deliveryId;
    const list = get().list;
    const at = list.findIndex((d) => d.result.deliveryId === id);
    if (at !== -1) {
      set({ list: list.map((d, i) => (i === at ? view : d)) });
      return;
    }
    const current = get().currentId;
    const sorted = [view, ...list].sort((a, b) => b.result.deliveryId - a.result.deliveryId);
    set({ list: sorted.filter((d, i) => i < LIST_LIMIT || d.result.deliveryId === current) });
  }

  async function refresh(id: number): Promise<void> {
    if (fetching.has(id)) {
      again.add(id);
      return;
    }
    fetching.add(id);
    try {
      upsert(await call('deliveries.get', { id }));
    } catch (error) {
      set({ actionError: errorText(error) });
    } finally {
      fetching.delete(id);
      if (again.delete(id)) void refresh(id);
    }
  }

  return {
    list: [],
    loaded: false,
    error: null,
    currentId: null,
    disabled: {},
    actionError: null,
    async load() {
      try {
        const list = await call('deliveries.list', { limit: LIST_LIMIT });
        set((s) => ({ list, loaded: true, error: null, currentId: s.currentId ?? list[0]?.result.deliveryId ?? null }));
      } catch (error) {
        set({ error: errorText(error), loaded: true });
      }
    },
    async resync() {
      if (!get().loaded) return;
      await get().load();
      const current = get().currentId;
      if (current !== null) await refresh(current);
    },
    select(id) {
      set({ currentId: id, actionError: null });
      if (id !== null) void refresh(id);
    },
    async follow(id) {
      set({ currentId: id, actionError: null });
      await refresh(id);
    },
    apply(event) {
      if (!get().loaded && get().currentId === null) return;
      switch (event.type) {
        case 'attempt-started':
        case 'attempt-finished':
          void refresh(event.deliveryId);
          break;
        case 'delivery-finished': {
          const known = get().list.find((d) => d.result.deliveryId === event.result.deliveryId);
          if (known) upsert({ ...known, result: event.result, next: null });
          void refresh(event.result.deliveryId);
          break;
        }
        case 'webhook-disabled':
          set((s) => ({
            disabled: { ...s.disabled, [event.webhookId]: { url: event.url, failingForMs: event.failingForMs } },
          }));
          for (const d of get().list) if (d.result.webhookId === event.webhookId) void refresh(d.result.deliveryId);
          break;
        case 'engine-error':
          set({ actionError: `The delivery engine failed: ${event.error.message}` });
          break;
      }
    },
    async sendNextNow(id) {
      try {
        set({ actionError: null });
        await call('deliveries.sendNextNow', { id });
      } catch (error) {
        set({ actionError: errorText(error) });
      }
      await refresh(id);
    },
    async retry(id) {
      try {
        set({ actionError: null });
        await call('deliveries.retry', { id });
      } catch (error) {
        set({ actionError: errorText(error) });
      }
      await refresh(id);
    },
  };
});

/** The delivery the timeline shows, if it is loaded. */
export function useCurrentDelivery(): DeliveryView | null {
  return useDeliveries((s) => s.list.find((d) => d.result.deliveryId === s.currentId) ?? null);
}
