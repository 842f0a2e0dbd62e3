import type { CaptureDetail, CaptureResponseView } from '../../../src/shared/capture-types';
import { byteSize, longTime } from '../captures/format';
import { HeadersTable } from './HeadersTable';
import { Section } from './Section';

function responseLine(r: CaptureResponseView): string {
  switch (r.kind) {
    case 'answered':
      return `${r.status ?? '?'}${r.delayMs ? ` after ${r.delayMs} ms` : ''}${r.reason ? ` — ${r.reason}` : ''}`;
    case 'hang':
      return 'held the connection open without answering (hang rule)';
    case 'reset':
      return 'reset the connection without answering (reset rule)';
    default:
      return `no answer${r.reason ? `: ${r.reason}` : ''}`;
  }
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** What arrived and what Hookscope answered. */
export function OverviewSection({ detail }: { detail: CaptureDetail }) {
  const r = detail.response;
  return (
    <Section id="overview" title="Overview">
      <dl className="overview">
        <Row label="Received">
          <span className="mono">{longTime(detail.receivedAt)}</span>{' '}
          <span className="muted mono">{detail.receivedAt}</span>
        </Row>
        <Row label="Endpoint">{detail.endpoint}</Row>
        <Row label="Request">
          <span className="mono">
            {detail.method} {detail.url}
          </span>{' '}
          <span className="muted">HTTP/{detail.httpVersion}</span>
        </Row>
        <Row label="From">
          <span className="mono">
            {detail.remoteAddress
              ? `${detail.remoteAddress}${detail.remotePort ? ` port ${detail.remotePort}` : ''}`
              : 'unknown'}
          </span>
        </Row>
        <Row label="Body">
          {byteSize(detail.bodySize)}
          {detail.truncated && <span className="tag tag-warn">kept {byteSize(detail.bodyStoredSize)}</span>}{' '}
          <span className="muted mono">sha256 {detail.bodySha256}</span>
        </Row>
        {detail.error && <Row label="Problem">{detail.error}</Row>}
        <Row label="Answered">
          <span className="mono">{responseLine(r)}</span>
        </Row>
      </dl>
      {r.kind === 'answered' && ((r.headers?.length ?? 0) > 0 || r.body) && (
        <details className="response-detail">
          <summary>Response headers and body</summary>
          {r.headers && <HeadersTable headers={r.headers} label="Response headers" />}
          {r.body && <pre className="body-text">{r.body}</pre>}
        </details>
      )}
    </Section>
  );
}
