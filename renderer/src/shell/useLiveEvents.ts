import { useEffect } from 'react';
import { onEventsResumed, subscribe } from '../events';
import { useCaptures } from '../captures/store';
import { useMarks } from '../captures/marks';
import { useLive } from '../captures/live';
import { useDeliveries } from '../deliveries/store';
import { useEndpoints } from '../endpoints/store';

/** Feeds core events into the stores; once the connection is up (first or again), catches up on what was missed. */
export function useLiveEvents(): void {
  useEffect(() => {
    const stopEvents = subscribe((message) => {
      switch (message.event) {
        case 'captures.added':
        case 'captures.updated':
          // Folded in now, or held and counted while the list is paused.
          useLive.getState().receive(message.payload);
          break;
        case 'captures.deleted':
          useCaptures.getState().remove(message.payload);
          useMarks.getState().drop(message.payload);
          break;
        case 'endpoints.changed':
          useEndpoints.getState().replace(message.payload);
          break;
        case 'deliveries.event':
          useDeliveries.getState().apply(message.payload);
          break;
      }
    });
    const stopState = onEventsResumed(() => {
      useLive.getState().resync();
      void useEndpoints.getState().load();
      void useDeliveries.getState().resync();
    });
    return () => {
      stopEvents();
      stopState();
    };
  }, []);
}
