import { useUi, captureBase } from '../ui-store';
import { CopyButton } from '../components/CopyButton';

/** First run: where to send webhooks, a line to try it, and how endpoints split traffic. */
export function EmptyState() {
  const info = useUi((s) => s.info);
  const infoError = useUi((s) => s.infoError);
  // Until app.info answers, the capture URL is unknown: show nothing rather than a guess.
  if (!info && !infoError) return <p className="muted pad">Loading…</p>;
  const base = captureBase(info);
  if (base === null) {
    return (
      <div className="empty" data-testid="empty-no-url">
        <h2>No captures yet</h2>
        <p className="muted">
          {infoError
            ? 'The capture URL is unknown until Hookscope answers (see the message above).'
            : 'The capture server is not listening, so there is no URL to send webhooks to yet.'}
        </p>
      </div>
    );
  }
  const curl = `curl -X POST ${base}default/hello -H 'Content-Type: application/json' -d '{"hello":"world"}'`;
  return (
    <div className="empty">
      <h2>Waiting for the first webhook</h2>
      <p>
        Point a provider, or your own sender, at the capture server. Every request is kept byte for byte and shows up
        here the moment it lands.
      </p>
      <div className="empty-url">
        <span className="label">Capture URL</span>
        <code>{base}</code>
        <CopyButton text={base} />
      </div>
      <p>Try it from a terminal:</p>
      <div className="code-line">
        <pre>{curl}</pre>
        <CopyButton text={curl} />
      </div>
      <ul className="hints">
        <li>
          Requests to <code>{base}&lt;slug&gt;/…</code> land in endpoint <code>&lt;slug&gt;</code>; anything else goes
          to <code>default</code>.
        </li>
        <li>Create endpoints on the Endpoints screen to answer with a status, a delay, or failures.</li>
        <li>
          Keys: <kbd>j</kbd>/<kbd>k</kbd> move, <kbd>Enter</kbd> opens, <kbd>/</kbd> searches, <kbd>Esc</kbd> closes.
        </li>
      </ul>
    </div>
  );
}
