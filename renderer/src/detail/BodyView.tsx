import { useMemo, useState } from 'react';
import type { DecodedBodyView } from '../../../src/shared/api';
import { byteSize } from '../captures/format';
import { base64ToBytes, jsonContainer } from './bytes';
import { HexView } from './HexView';
import { JsonTree } from './JsonTree';
import { TextView } from './TextView';
import { FormView } from './FormView';
import { isFormType } from './form-body';
import { Section } from './Section';
import type { CaptureDetail } from '../../../src/shared/capture-types';

type Mode = 'form' | 'tree' | 'text' | 'hex' | 'received';

const LABELS: Record<Mode, string> = {
  form: 'Fields',
  tree: 'Tree',
  text: 'Text',
  hex: 'Hex',
  received: 'As received',
};

function contentType(detail: CaptureDetail): string | undefined {
  return detail.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1];
}

/** The body (keyed by capture id by its parent): a JSON tree, plain text, or a hex dump; decoded when it came gzip/deflate/br. */
export function BodyView({ detail, body }: { detail: CaptureDetail; body: DecodedBodyView }) {
  const decoded = useMemo(() => base64ToBytes(body.bodyBase64), [body.bodyBase64]);
  const text = useMemo(() => (body.isText ? new TextDecoder().decode(decoded) : null), [body.isText, decoded]);
  const json = useMemo(
    () => (text !== null && text.length <= 8 * 1024 * 1024 ? jsonContainer(text) : undefined),
    [text],
  );
  const received = useMemo(
    () => (body.decoded.length ? base64ToBytes(detail.bodyBase64) : decoded),
    [body.decoded.length, detail.bodyBase64, decoded],
  );

  const form = text !== null && isFormType(contentType(detail));
  const modes: Mode[] = [
    ...(form ? (['form'] as const) : []),
    ...(json ? (['tree'] as const) : []),
    ...(text !== null ? (['text'] as const) : []),
    'hex',
    ...(body.decoded.length ? (['received'] as const) : []),
  ];
  const [mode, setMode] = useState<Mode>(modes[0]);
  const shown = modes.includes(mode) ? mode : modes[0];

  const facts = [
    contentType(detail) ?? 'no content-type',
    byteSize(body.size),
    body.decoded.length
      ? `decoded from ${body.decoded.join(' + ')} (${byteSize(detail.bodyStoredSize)} as received)`
      : null,
    text === null && body.size > 0 ? 'binary' : null,
  ].filter(Boolean);

  const actions = (
    <div className="segmented" role="tablist" aria-label="Body view">
      {modes.map((m) => (
        <button
          key={m}
          type="button"
          role="tab"
          aria-selected={shown === m}
          className={shown === m ? 'on' : ''}
          onClick={() => setMode(m)}
        >
          {LABELS[m]}
        </button>
      ))}
    </div>
  );

  return (
    <Section id="body" title="Body" actions={actions}>
      <p className="facts" data-testid="body-facts">
        {facts.join(' · ')}
      </p>
      {body.error && <p className="warn">Decoding stopped: {body.error}. Showing the bytes as far as it got.</p>}
      {detail.truncated && (
        <p className="warn">
          Only the first {byteSize(detail.bodyStoredSize)} of {byteSize(detail.bodySize)} were kept (
          {detail.error ?? 'truncated'}).
        </p>
      )}
      {shown === 'form' && text !== null && <FormView text={text} />}
      {shown === 'tree' && json && <JsonTree data={json} />}
      {shown === 'text' && text !== null && <TextView text={text} />}
      {shown === 'hex' && <HexView bytes={decoded} />}
      {shown === 'received' && <HexView bytes={received} />}
    </Section>
  );
}
