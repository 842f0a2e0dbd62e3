import { ErrorBoundary } from '../components/ErrorBoundary';
import { ErrorNote } from '../components/ErrorNote';
import { Section } from '../detail/Section';
import { CapturePicker } from './CapturePicker';
import { ForwardForm } from './ForwardForm';
import { ReplayForm } from './ReplayForm';
import { ReplayHistory } from './ReplayHistory';
import { ReplayResponse } from './ReplayResponse';
import { useReplay } from './store';

/** Send a capture again, as received or edited (re-signed if need be), see the answer and the capture's replay history; set up live forwarding. */
export function ReplayScreen() {
  const { captureId, capture, loading, loadError, shown, load } = useReplay();
  return (
    <div className="replay">
      <div className="replay-input">
        <div className="toolbar">
          <h2>Replay</h2>
        </div>
        <CapturePicker />
        {loading && <p className="muted pad">Loading capture #{captureId}…</p>}
        <ErrorNote message={loadError} onRetry={captureId === null ? undefined : () => void load(captureId)} />
        {captureId === null && (
          <p className="muted pad" data-testid="replay-empty">
            Open a capture and press <strong>Replay</strong> in its detail, or type its id above, to send it again: to
            your handler or to another endpoint, as received or edited, re-signed with a fresh timestamp if its
            signature has gone stale.
          </p>
        )}
        {capture && <ReplayForm key={`form-${capture.id}`} />}
      </div>
      <div className="replay-output">
        <ErrorBoundary key={`response-${shown?.id ?? 'none'}`} label="The replay response">
          {shown ? (
            <ReplayResponse replay={shown} />
          ) : (
            capture && (
              <p className="muted pad">
                Press Send: the target&apos;s answer shows here. A row of the history opens it here too.
              </p>
            )
          )}
        </ErrorBoundary>
        {capture && <ReplayHistory key={`history-${capture.id}`} captureId={capture.id} />}
        <Section id="forwarding" title="Live forwarding">
          <ForwardForm key={`forward-${capture?.endpoint ?? ''}`} initialSlug={capture?.endpoint ?? null} />
        </Section>
      </div>
    </div>
  );
}
