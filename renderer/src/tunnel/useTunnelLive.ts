import { useEffect } from 'react';
import { onEventsResumed, subscribe } from '../events';
import { useTunnel } from './store';

/** Loads the tunnel's status and follows 'tunnel.status'; asks again after a dropped event connection. */
export function useTunnelLive(): void {
  useEffect(() => {
    void useTunnel.getState().load();
    const stopEvents = subscribe((message) => {
      if (message.event === 'tunnel.status') useTunnel.getState().apply(message.payload);
    });
    const stopState = onEventsResumed(() => void useTunnel.getState().load());
    return () => {
      stopEvents();
      stopState();
    };
  }, []);
}
