import { useEffect, useState } from 'react';
import { onConnectionState, type ConnectionState } from '../events';

const TEXT: Record<ConnectionState, string> = { connecting: 'connecting', live: 'live', offline: 'reconnecting…' };

/** Whether live updates are flowing. */
export function ConnectionDot() {
  const [state, setState] = useState<ConnectionState>('connecting');
  useEffect(() => onConnectionState(setState), []);
  return (
    <span
      className={`conn conn-${state}`}
      title={state === 'live' ? 'New captures appear as they arrive' : 'Live updates are paused'}
    >
      <span className="dot" aria-hidden="true" />
      {TEXT[state]}
    </span>
  );
}
