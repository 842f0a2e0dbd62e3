import { useMemo, useState } from 'react';
import { hexDump } from './bytes';
import { byteSize } from '../captures/format';

const STEP = 64 * 1024;

/** A hex dump, 64 KiB at a time. */
export function HexView({ bytes }: { bytes: Uint8Array }) {
  const [limit, setLimit] = useState(STEP);
  const dump = useMemo(() => hexDump(bytes, limit), [bytes, limit]);
  if (bytes.length === 0) return <p className="muted">Empty body.</p>;
  return (
    <>
      <pre className="hex" data-testid="hex-dump">
        {dump}
      </pre>
      {bytes.length > limit && (
        <button type="button" className="link" onClick={() => setLimit(limit + STEP)}>
          Show the next {byteSize(Math.min(STEP, bytes.length - limit))} (of {byteSize(bytes.length - limit)} more)
        </button>
      )}
    </>
  );
}
