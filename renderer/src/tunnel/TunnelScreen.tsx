import { ErrorNote } from '../components/ErrorNote';
import { SelfTestPanel } from './SelfTestPanel';
import { useTunnel } from './store';
import { TunnelForm } from './TunnelForm';
import { TunnelStatusCard } from './TunnelStatusCard';
import { useTunnelLive } from './useTunnelLive';

/** The public tunnel (localtunnel) to the capture server: start, stop, its live status and URL, and a self-test. */
export function TunnelScreen() {
  useTunnelLive();
  const status = useTunnel((s) => s.status);
  const error = useTunnel((s) => s.error);
  const load = useTunnel((s) => s.load);
  // A refused start names the same cause as the error status: say it once.
  const callError = error && error !== status?.error?.message ? error : null;
  return (
    <div className="tunnel">
      <div className="tunnel-body">
        <div className="toolbar">
          <h2>Public tunnel</h2>
        </div>
        <p className="muted tunnel-intro">
          A public URL for the capture server, through localtunnel, a Cloudflare quick tunnel or ngrok, so a provider on
          the internet can reach this machine. Only the capture server is exposed; captures and secrets stay here.
        </p>
        <ErrorNote message={callError} onRetry={status ? undefined : () => void load()} />
        {status ? (
          <>
            <TunnelForm />
            <TunnelStatusCard status={status} />
            <SelfTestPanel open={status.state === 'open'} />
          </>
        ) : (
          !error && <p className="muted pad">Loading the tunnel status…</p>
        )}
      </div>
    </div>
  );
}
