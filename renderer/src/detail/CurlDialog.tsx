import { useEffect, useMemo, useRef } from 'react';
import { CopyButton } from '../components/CopyButton';
import { base64ToBytes } from './bytes';
import { buildCurl } from './curl';
import type { CaptureDetail } from '../../../src/shared/capture-types';

/** The capture as a curl command, ready to copy; the body bytes as received. */
export function CurlDialog({ detail, onClose }: { detail: CaptureDetail; onClose(): void }) {
  const { command, notes } = useMemo(() => buildCurl(detail, base64ToBytes(detail.bodyBase64)), [detail]);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Copy as cURL"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          }
        }}
      >
        <header className="dialog-head">
          <strong>Copy as cURL</strong>
          <div className="spacer" />
          <CopyButton text={command} className="primary" />
          <button type="button" onClick={onClose}>
            Close
          </button>
        </header>
        {notes.map((n) => (
          <p key={n} className="warn">
            {n}
          </p>
        ))}
        <textarea ref={ref} className="curl-text mono" readOnly value={command} spellCheck={false} rows={Math.min(24, command.split('\n').length + 1)} />
      </div>
    </div>
  );
}
