import type { ReplayView } from '../../../src/shared/replay-types';
import { longTime, statusClass } from '../captures/format';
import { HeadersTable } from '../detail/HeadersTable';
import { Section } from '../detail/Section';
import { ResponseBody } from './ResponseBody';
import { ResultBadge } from './ResultBadge';

/** One replay or forward: what went out, what came back (status, headers, body), how long it took, or why it failed. */
export function ReplayResponse({ replay }: { replay: ReplayView }) {
  const r = replay.response;
  return (
    <Section id="response" title={`${replay.kind === 'forward' ? 'Forward' : 'Replay'} #${replay.id}`}>
      <div className="replay-outcome" data-testid="replay-response" data-replay-id={replay.id} data-ok={replay.ok}>
        <div className="replay-outcome-line">
          <ResultBadge ok={replay.ok} errorKind={replay.errorKind} okLabel="success" />
          <span className={`mono replay-status ${statusClass(r.status)}`} data-testid="replay-status">
            {r.status ?? 'no answer'}
          </span>
          {replay.durationMs !== null && <span className="mono muted">{replay.durationMs} ms</span>}
          <span className="mono replay-url" title={replay.url}>
            {replay.request.method} {replay.url}
          </span>
        </div>
        <p className="muted replay-meta">
          sent {longTime(replay.sentAt)}
          {replay.edited && ' · edited'}
          {replay.resigned &&
            ` · re-signed (${replay.resigned.scheme}, timestamp ${replay.resigned.timestamp}, ${replay.resigned.secretIndex === null ? 'the secret given' : `the endpoint's secret #${replay.resigned.secretIndex + 1}`})`}
        </p>
        {replay.errorMessage && (
          <p className="error-note" data-testid="replay-error-kind">
            {replay.errorKind ? `${replay.errorKind}: ` : ''}
            {replay.errorMessage}
          </p>
        )}
        {replay.warnings.map((w) => (
          <p key={w} className="warn" data-testid="replay-warning">
            {w}
          </p>
        ))}
      </div>
      {r.status !== null && (
        <>
          <h4 className="sub-head">Response headers</h4>
          <HeadersTable headers={r.headers} label="Response headers" />
          <h4 className="sub-head">Response body</h4>
          <ResponseBody key={`received-${replay.id}`} bodyBase64={r.bodyBase64} size={r.bodySize} />
        </>
      )}
      <details className="response-detail">
        <summary>Request as sent ({replay.request.headers.length} headers)</summary>
        <HeadersTable headers={replay.request.headers} label="Headers sent" />
        <ResponseBody key={`sent-${replay.id}`} bodyBase64={replay.request.bodyBase64} size={replay.request.bodySize} />
      </details>
    </Section>
  );
}
