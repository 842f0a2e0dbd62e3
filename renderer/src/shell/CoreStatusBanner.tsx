import { useEffect, useState } from 'react';
import type { CoreStatus } from '../../../src/shared/core-port';
import type { ApiReply as Reply } from '../../../src/shared/errors';

/** Present in the desktop window only (from the preload): the core process's status and a restart. */
declare global {
  interface Window {
    hookscopeCore?: { subscribe(listener: (status: CoreStatus) => void): () => void; restart(): Promise<Reply> };
  }
}

/**
 * The desktop app's core runs in its own process. When it stops unasked this
 * says so, with its cause, over every screen, and offers the restart; after
 * one the page reloads, so every screen starts again from what is stored.
 */
export function CoreStatusBanner() {
  const [status, setStatus] = useState<CoreStatus | null>(null);
  const [restarting, setRestarting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => window.hookscopeCore?.subscribe(setStatus), []);
  if (!status || status.state !== 'crashed') return null;

  const restart = async () => {
    setRestarting(true);
    setFailure(null);
    const reply = await window.hookscopeCore!.restart();
    if (reply.ok) window.location.reload();
    else {
      setFailure(reply.error.message);
      setRestarting(false);
    }
  };

  return (
    <div className="core-crashed" role="alert" data-testid="core-crashed">
      <strong>Hookscope's core stopped.</strong> <span>{status.message}</span>
      {failure && <span className="error-text"> The restart failed: {failure}</span>}
      <button type="button" className="primary" disabled={restarting} onClick={() => void restart()}>
        {restarting ? 'Restarting…' : 'Restart'}
      </button>
    </div>
  );
}
