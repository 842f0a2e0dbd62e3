import { useEffect, useState } from 'react';
import { call } from '../transport';
import { backlogText } from './backlog-text';

/** How often the note asks how far the background is behind. */
export const BACKLOG_POLL_MS = 1000;

/** Says how far verdicts and the search index are behind after a burst, instead of showing rows without a verdict silently. */
export function BacklogNote() {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const b = await call('app.backlog', {});
        if (!stopped) setText(backlogText(b));
      } catch {
        // Unreachable core: the connection banner says so; the note just keeps its last word.
      }
      if (!stopped) timer = setTimeout(() => void poll(), BACKLOG_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, []);
  if (!text) return null;
  return (
    <span className="backlog-note muted" role="status">
      {text}
    </span>
  );
}
