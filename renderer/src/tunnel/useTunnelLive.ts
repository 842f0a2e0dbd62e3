import { useEffect } from 'react';
import { onConnectionState, subscribe } from '../events';
import { useTunnel } from './store';

/** Loads the tunnel's status and follows 'tunnel.status'; asks again after a dropped event connection. */
export function useTunnelLive(): void {
  useEffect(() => {
    void useTunnel.getState().load();
    const stopEvents = subscribe((message) => {
      if (message.event === 'tunnel.status') useTunnel.getState().apply(message.payload);
    });
    let wasOffline = false;
    const stopState = onConnectionState((state) => {
      if (state === 'offline') wasOffline = true;
      if (state === 'live' && wasOffline) {
        wasOffline = false;
        void useTunnel.getState().load();
      }
    });
    return () => {
      stopEvents();
      stopState();
    };
  }, []);
}
