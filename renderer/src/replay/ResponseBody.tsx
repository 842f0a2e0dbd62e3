import { useMemo, useState } from 'react';
import { byteSize } from '../captures/format';
import { base64ToBytes, jsonContainer, utf8OrNull } from '../detail/bytes';
import { HexView } from '../detail/HexView';
import { JsonTree } from '../detail/JsonTree';
import { TextView } from '../detail/TextView';

type Mode = 'json' | 'text' | 'hex';
const LABELS: Record<Mode, string> = { json: 'JSON', text: 'Text', hex: 'Hex' };

/** A body the target answered (the first 64 KiB of it): a JSON tree, text, or hex. Never markup. */
export function ResponseBody({ bodyBase64, size }: { bodyBase64: string; size: number }) {
  const bytes = useMemo(() => base64ToBytes(bodyBase64), [bodyBase64]);
  const text = useMemo(() => utf8OrNull(bytes), [bytes]);
  const json = useMemo(() => (text === null ? undefined : jsonContainer(text)), [text]);
  const modes: Mode[] = [...(json ? (['json'] as const) : []), ...(text !== null ? (['text'] as const) : []), 'hex'];
  const [mode, setMode] = useState<Mode>(modes[0]);
  const shown = modes.includes(mode) ? mode : modes[0];
  if (size === 0) return <p className="muted">No body.</p>;
  return (
    <div className="response-body">
      <div className="response-body-head">
        <span className="facts">
          {byteSize(size)}
          {bytes.length < size ? ` · the first ${byteSize(bytes.length)} kept` : ''}
          {text === null ? ' · binary' : ''}
        </span>
        <div className="spacer" />
        <div className="segmented" role="tablist" aria-label="Response body view">
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
      </div>
      {shown === 'json' && json && <JsonTree data={json} />}
      {shown === 'text' && text !== null && <TextView text={text} />}
      {shown === 'hex' && <HexView bytes={bytes} />}
    </div>
  );
}
