import { useEffect, useMemo, useState } from 'react';
import type { AttemptResponseView } from '../../../src/shared/delivery-types';
import { byteSize } from '../captures/format';
import { base64ToBytes } from '../detail/bytes';
import { call, errorText } from '../transport';

/**
 * What the handler answered one attempt: status, headers and the kept body
 * (the first 64 KiB, with the full size). All of it is outside data, drawn as
 * text nodes only: never markup.
 */
export function AttemptResponse({ deliveryId, n }: { deliveryId: number; n: number }) {
  const [view, setView] = useState<AttemptResponseView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('deliveries.attempt', { id: deliveryId, n })
      .then((v) => live && setView(v))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [deliveryId, n]);
  const text = useMemo(
    () => (view ? new TextDecoder('utf-8', { fatal: false }).decode(base64ToBytes(view.bodyBase64)) : ''),
    [view],
  );

  if (error)
    return (
      <p className="field-error" role="alert">
        {error}
      </p>
    );
  if (!view) return <p className="muted">Loading the response…</p>;
  if (view.status === null) {
    return (
      <div className="attempt-response" data-testid="attempt-response">
        <p>
          No response: <span className="tag tag-warn">{view.errorKind ?? 'no answer'}</span>{' '}
          <span className="muted">{view.errorMessage}</span>
        </p>
      </div>
    );
  }
  return (
    <div className="attempt-response" data-testid="attempt-response" aria-label={`Response to attempt #${n}`}>
      <p>
        <strong className="mono" data-testid="response-status">
          {view.status}
        </strong>{' '}
        <span className="muted" data-testid="response-size">
          {view.size > view.keptSize
            ? `${byteSize(view.size)}, the first ${byteSize(view.keptSize)} kept`
            : byteSize(view.size)}
        </span>
      </p>
      {view.errorKind === 'handshake' && view.errorMessage && (
        <p className="field-error" data-testid="handshake-problem">
          Wrong handshake answer: {view.errorMessage}
        </p>
      )}
      {view.headers.length > 0 && (
        <table className="table response-headers" aria-label="Response headers">
          <tbody>
            {view.headers.map(([name, value], i) => (
              <tr key={i}>
                <th className="mono">{name}</th>
                <td className="mono">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.keptSize > 0 ? (
        <pre className="response-body" data-testid="response-body">
          {text}
        </pre>
      ) : (
        <p className="muted">Empty body.</p>
      )}
    </div>
  );
}
