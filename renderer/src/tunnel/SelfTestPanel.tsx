import { useCaptures } from '../captures/store';
import { useUi } from '../ui-store';
import { useTunnel } from './store';
import { ErrorNote } from '../components/ErrorNote';

/** Sends a request through the public URL and says whether it arrived here as a capture. */
export function SelfTestPanel({ open }: { open: boolean }) {
  const { testing, selfTest, selfTestError, runSelfTest } = useTunnel();
  const showCapture = (id: number) => {
    useCaptures.getState().open(id);
    useUi.getState().go('captures');
  };
  return (
    <section className="tunnel-selftest" aria-label="Self-test">
      <div className="selftest-head">
        <button type="button" disabled={!open || testing} onClick={() => void runSelfTest()}>
          {testing ? 'Testing…' : 'Run self-test'}
        </button>
        <span className="muted">
          {open
            ? 'A POST goes out through the public URL and must come back here as a capture.'
            : 'Available while the tunnel is open.'}
        </span>
      </div>
      <ErrorNote message={selfTestError} />
      {selfTest && (
        <div
          className={`selftest-result ${selfTest.ok ? 'ok' : 'failed'}`}
          data-testid="selftest-result"
          data-ok={selfTest.ok}
        >
          <span className={`badge ${selfTest.ok ? 'badge-valid' : 'badge-invalid'}`}>
            {selfTest.ok ? 'passed' : 'failed'}
          </span>{' '}
          <span>{selfTest.message}</span>
          <div className="muted mono selftest-facts">
            {selfTest.status !== null && `answered ${selfTest.status} · `}
            {selfTest.durationMs} ms
            {selfTest.captureId !== null && (
              <>
                {' · '}
                <button type="button" className="link" onClick={() => showCapture(selfTest.captureId as number)}>
                  open capture #{selfTest.captureId}
                </button>
              </>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
