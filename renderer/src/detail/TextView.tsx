import { useState } from 'react';
import { byteSize } from '../captures/format';

const STEP = 1024 * 1024;

/** Body text as plain text (never markup), the first MiB at a time. */
export function TextView({ text }: { text: string }) {
  const [limit, setLimit] = useState(STEP);
  if (text.length === 0) return <p className="muted">Empty body.</p>;
  return (
    <>
      <pre className="body-text" data-testid="body-text">
        {text.length > limit ? text.slice(0, limit) : text}
      </pre>
      {text.length > limit && (
        <button type="button" className="link" onClick={() => setLimit(limit + STEP)}>
          Show more ({byteSize(text.length - limit)} left)
        </button>
      )}
    </>
  );
}
