import { useEffect } from 'react';
import { useLive } from './live';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** `p` pauses and resumes the live list (ignored while typing in a field). */
export function usePauseKey(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'p' || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      e.preventDefault();
      useLive.getState().toggle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** The pause control of the live list, and while paused the pill counting new captures (a click on it resumes). */
export function LiveControl() {
  usePauseKey();
  const paused = useLive((s) => s.paused);
  const newCount = useLive((s) => s.newCount);
  const toggle = useLive((s) => s.toggle);
  const resume = useLive((s) => s.resume);
  // Leaving the screen resumes, so coming back never shows a list frozen behind the user's back.
  useEffect(() => () => useLive.getState().resume(), []);
  return (
    <div className="live-control">
      <button
        type="button"
        className="live-toggle"
        aria-pressed={paused}
        title={paused ? 'Resume live updates (p)' : 'Pause live updates (p)'}
        onClick={toggle}
      >
        {paused ? '▶ Resume' : '❚❚ Pause'}
      </button>
      {paused && newCount > 0 && (
        <button
          type="button"
          className="new-pill"
          aria-live="polite"
          title="Show them (resume live updates)"
          onClick={resume}
        >
          {newCount.toLocaleString('en')} new
        </button>
      )}
    </div>
  );
}
