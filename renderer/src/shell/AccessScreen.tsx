import { useUi } from '../ui-store';
import type { AccessProblem } from './access';
import { useAccess } from './access';

const TITLES: Record<AccessProblem, string> = {
  missing: 'This tab was opened without its access token',
  stale: "This tab's access token is no longer valid",
  unreachable: 'Hookscope does not answer at this address',
};

function Cause({ problem, host }: { problem: AccessProblem; host: string }) {
  if (problem === 'missing') {
    return (
      <p>
        The UI needs the token that <code>hookscope serve</code> prints when it starts; it rides in the address after{' '}
        <code>#token=</code>, and this tab was opened without it.
      </p>
    );
  }
  if (problem === 'stale') {
    return (
      <p>
        Every start of <code>hookscope serve</code> makes a new token, and the one this tab holds was refused: serve was
        started again since this tab was opened.
      </p>
    );
  }
  return (
    <p>
      Nothing answers at <code>{host}</code>. Either <code>hookscope serve</code> stopped, or it was started again and
      listens on another port.
    </p>
  );
}

/**
 * Browser mode, when the tab cannot use the control API: one full page that
 * says why and exactly what to do, instead of an empty app, error banners
 * and a capture URL it would have to guess.
 */
export function AccessScreen({ problem }: { problem: AccessProblem }) {
  const host = window.location.host;
  const retry = () => {
    useAccess.getState().clear();
    void useUi.getState().loadInfo();
  };
  return (
    <div className="access-screen" role="alert" data-testid="access-screen" data-problem={problem}>
      <h1>{TITLES[problem]}</h1>
      <Cause problem={problem} host={host} />
      <h2>What to do</h2>
      <ol>
        <li>
          Find the terminal where <code>hookscope serve</code> runs (start it there if it is not running).
        </li>
        <li>
          Open the address on its line <code>UI and control API: http://127.0.0.1:&lt;port&gt;/#token=…</code>: copy it
          whole, with the part after <code>#</code>.
        </li>
        <li>
          To print it again without a terminal at hand, stop serve (<kbd>Ctrl</kbd>+<kbd>C</kbd>) and start it again;{' '}
          <code>hookscope serve --open</code> opens it in the browser for you.
        </li>
      </ol>
      <p className="muted">
        The token stays in this tab only and never goes into a URL sent to a server. Captures already stored are kept.
      </p>
      {problem === 'unreachable' && (
        <button type="button" className="primary" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}
