import { useState } from 'react';
import type { SignatureVerdict } from '../../../src/shared/providers';
import { VerdictBadge } from '../components/VerdictBadge';
import { Section } from './Section';
import type { CaptureDetail } from '../../../src/shared/capture-types';

/** Index of the first character where two strings differ, or -1 when equal. */
export function firstDifference(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function Compared({ label, value, from }: { label: string; value: string; from: number }) {
  return (
    <div className="sig-row">
      <span className="label">{label}</span>
      <code className="sig-value">
        {from < 0 ? value : value.slice(0, from)}
        {from >= 0 && <mark>{value.slice(from) || '∅'}</mark>}
      </code>
    </div>
  );
}

function SignedBytes({ bytes }: { bytes: NonNullable<SignatureVerdict['signedBytes']> }) {
  const [hex, setHex] = useState(false);
  return (
    <div className="sig-block">
      <div className="sig-block-head">
        <span className="label">Signed bytes</span>
        <button type="button" className="link" onClick={() => setHex(!hex)}>
          {hex ? 'show as text' : 'show as hex'}
        </button>
      </div>
      <pre className="signed-bytes">
        {hex
          ? bytes.hex
              .replace(/(.{2})/g, '$1 ')
              .replace(/((?:\S\S ){16})/g, '$1\n')
              .trim()
          : bytes.text}
      </pre>
    </div>
  );
}

function Verdict({ verdict }: { verdict: SignatureVerdict }) {
  const diagnostics = Array.isArray(verdict.diagnostics) ? verdict.diagnostics : [];
  const compare = typeof verdict.expected === 'string' && typeof verdict.received === 'string';
  const from = compare ? firstDifference(verdict.expected as string, verdict.received as string) : -1;
  return (
    <div className="sig" data-testid="signature-verdict">
      <div className="sig-title">
        <VerdictBadge status={verdict.status} />
        {verdict.scheme && <code>{verdict.scheme}</code>}
        {verdict.matchedForm && <span className="muted">form {verdict.matchedForm}</span>}
        {typeof verdict.secretIndex === 'number' && <span className="muted">secret #{verdict.secretIndex + 1}</span>}
      </div>
      {verdict.detail && <p className="sig-detail">{verdict.detail}</p>}
      {diagnostics.length > 0 && (
        <div className="sig-block">
          <span className="label">Likely cause</span>
          <ul className="diagnostics">
            {diagnostics.map((d, i) => (
              <li key={i}>
                {d.message} <code className="muted">{d.code}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {compare && (
        <div className="sig-block">
          <Compared label="Expected" value={verdict.expected as string} from={from} />
          <Compared label="Received" value={verdict.received as string} from={from} />
        </div>
      )}
      {typeof verdict.ageSeconds === 'number' && (
        <p className="muted">
          Signed {verdict.ageSeconds} s before it arrived
          {typeof verdict.toleranceSeconds === 'number' ? ` (tolerance ${verdict.toleranceSeconds} s)` : ''}.
        </p>
      )}
      {verdict.signedBytes && <SignedBytes bytes={verdict.signedBytes} />}
    </div>
  );
}

/** The signature verdict and why, or what is still missing for one. */
export function SignaturePanel({ detail }: { detail: CaptureDetail }) {
  const verdict = detail.signature && typeof detail.signature === 'object' ? detail.signature : null;
  return (
    <Section id="signature" title="Signature">
      {(detail.provider || detail.eventType) && (
        <p className="facts">
          {detail.provider && (
            <>
              provider <strong>{detail.provider}</strong>
            </>
          )}
          {detail.provider && detail.eventType && ' · '}
          {detail.eventType && (
            <>
              event <code>{detail.eventType}</code>
            </>
          )}
        </p>
      )}
      {verdict ? (
        <Verdict verdict={verdict} />
      ) : detail.provider ? (
        <p className="muted" data-testid="signature-none">
          Not verified yet: the signature check for {detail.provider} has not run on this capture.
        </p>
      ) : (
        <p className="muted" data-testid="signature-none">
          No provider detected: the headers and body match no known provider, so there is no signature to check.
        </p>
      )}
    </Section>
  );
}
