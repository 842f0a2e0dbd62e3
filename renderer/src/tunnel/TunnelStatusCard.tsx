import { useEffect, useState } from 'react';
import { TUNNEL_PROVIDER_LABELS } from '../../../src/shared/tunnel-types';
import type { TunnelStatus } from '../../../src/shared/tunnel-types';
import { CopyButton } from '../components/CopyButton';
import { headline, STATE_LABELS } from './format';

const BADGE: Record<TunnelStatus['state'], string> = {
  closed: 'badge-none',
  connecting: 'badge-stale',
  open: 'badge-valid',
  reconnecting: 'badge-stale',
  error: 'badge-invalid',
};

/** Ticks once a second while a state's age or a retry countdown is shown. */
function useSecondTick(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** The tunnel's state (live), its public URL to copy, why it is down, and what is worth knowing. */
export function TunnelStatusCard({ status }: { status: TunnelStatus }) {
  const now = useSecondTick(status.state === 'open' || status.state === 'reconnecting');
  const url = status.url;
  return (
    <section className="tunnel-status" aria-label="Tunnel status" data-state={status.state}>
      <div className="tunnel-state-line">
        <span className={`badge ${BADGE[status.state]}`} data-testid="tunnel-state">
          {STATE_LABELS[status.state]}
        </span>
        <span>{headline(status, now)}</span>
      </div>
      {url && (
        <div className="tunnel-url">
          <span className="label">{status.state === 'open' ? 'Public URL' : 'Last public URL'}</span>
          <code data-testid="tunnel-url">{url}</code>
          <CopyButton text={url} className="primary" label="Copy URL" />
        </div>
      )}
      {url && status.state === 'open' && (
        <p className="muted tunnel-explain">
          Point webhooks at <code>{url}/&lt;slug&gt;/…</code>: they land in endpoint <code>&lt;slug&gt;</code> of the
          capture server (port {status.localPort}). The control API and this window are not exposed.
        </p>
      )}
      {status.state !== 'closed' && (
        <dl className="tunnel-facts">
          <dt>Service</dt>
          <dd data-testid="tunnel-provider">{TUNNEL_PROVIDER_LABELS[status.provider]}</dd>
          {status.provider === 'localtunnel' && (
            <>
              <dt>Server</dt>
              <dd className="mono">{status.host}</dd>
              <dt>Subdomain</dt>
              <dd className="mono">{status.subdomain ?? <span className="muted">any</span>}</dd>
            </>
          )}
        </dl>
      )}
      {status.error && (
        <p className="error-note" data-testid="tunnel-error">
          <span>
            {status.state === 'reconnecting' ? 'Why it dropped: ' : 'Cause: '}
            {status.error.message} <code className="muted">{status.error.code}</code>
          </span>
        </p>
      )}
      {status.notes.length > 0 && (
        <ul className="tunnel-notes" data-testid="tunnel-notes">
          {status.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
