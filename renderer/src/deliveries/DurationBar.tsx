import { duration } from './format';
import { useNow } from './useNow';

interface Props {
  durationMs: number | null;
  sentAt: string | null;
  timeoutMs: number;
  inFlight: boolean;
  timedOut: boolean;
}

/** How long an attempt took, as a bar against the provider's timeout; it grows while the attempt is in flight. */
export function DurationBar({ durationMs, sentAt, timeoutMs, inFlight, timedOut }: Props) {
  const now = useNow(inFlight, 100);
  const elapsed = inFlight && sentAt ? Math.max(0, now - Date.parse(sentAt)) : durationMs;
  if (elapsed === null) return <span className="muted">—</span>;
  const share = Math.min(1, elapsed / timeoutMs);
  const kind = timedOut ? 'timeout' : inFlight ? 'flying' : share > 0.8 ? 'slow' : 'ok';
  const text = `${duration(elapsed)} of ${duration(timeoutMs)}`;
  return (
    <span className="dbar" title={`${text} (the provider's timeout)`}>
      <span className="dbar-track" aria-hidden="true">
        <span className={`dbar-fill dbar-${kind}`} style={{ width: `${(share * 100).toFixed(2)}%` }} />
      </span>
      <span className="dbar-label mono">{text}</span>
    </span>
  );
}
