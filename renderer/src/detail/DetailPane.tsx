import { useState } from 'react';
import { ErrorNote } from '../components/ErrorNote';
import { DetailActions } from '../export/DetailActions';
import { VerdictBadge } from '../components/VerdictBadge';
import { statusClass } from '../captures/format';
import { BodyView } from './BodyView';
import { CurlDialog } from './CurlDialog';
import { HeadersTable } from './HeadersTable';
import { OverviewSection } from './OverviewSection';
import { QueryTable } from './QueryTable';
import { parseQuery } from './query';
import { Section } from './Section';
import { SignaturePanel } from './SignaturePanel';
import { useCaptureDetail } from './useCaptureDetail';
import { DeleteCapturesButton } from '../cleanup/DeleteCapturesButton';

/** Everything about one capture: overview, signature, headers, query and body. */
export function DetailPane({ id, onClose }: { id: number; onClose(): void }) {
  const { detail, body, error, loading, retry } = useCaptureDetail(id);
  const [curl, setCurl] = useState(false);
  return (
    <div className="detail" aria-label={`Capture ${id}`} data-capture-id={id}>
      <header className="detail-head">
        <span className="detail-id mono">#{id}</span>
        {detail && (
          <>
            <span className={`method mono m-${detail.method.toLowerCase().replace(/[^a-z]/g, '')}`}>
              {detail.method}
            </span>
            <span className="detail-url mono" title={detail.url}>
              {detail.url}
            </span>
            <span className={`mono ${statusClass(detail.response.status)}`}>
              {detail.response.status ?? detail.response.kind}
            </span>
            {detail.signature && <VerdictBadge status={detail.signature.status} />}
          </>
        )}
        <div className="spacer" />
        <DetailActions id={id} disabled={!detail} />
        <button type="button" disabled={!detail} onClick={() => setCurl(true)}>
          Copy as cURL
        </button>
        <DeleteCapturesButton
          label="Delete…"
          title="Delete this capture (asks first)"
          scope={() => ({ kind: 'ids', ids: [id] })}
        />
        <button type="button" onClick={onClose} title="Close (Esc)" aria-label="Close detail">
          ✕
        </button>
      </header>
      <div className="detail-main">
        {loading && <p className="muted pad">Loading capture #{id}…</p>}
        <ErrorNote message={error} onRetry={retry} />
        {detail && body && (
          <div className="detail-cols">
            <div className="detail-col">
              <OverviewSection detail={detail} />
              <SignaturePanel detail={detail} />
              <Section id="headers" title="Headers" count={detail.headers.length}>
                <HeadersTable headers={detail.headers} />
              </Section>
              <Section id="query" title="Query" count={parseQuery(detail.query).length}>
                <QueryTable query={detail.query} />
              </Section>
            </div>
            <div className="detail-col">
              <BodyView key={detail.id} detail={detail} body={body} />
            </div>
          </div>
        )}
      </div>
      {curl && detail && <CurlDialog id={detail.id} onClose={() => setCurl(false)} />}
    </div>
  );
}
