import { json } from '@codemirror/lang-json';
import { EditorView } from '@codemirror/view';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo } from 'react';
import { byteSize } from '../captures/format';
import { jsonContainer } from '../detail/bytes';
import { useTheme } from '../theme';

const LABEL = EditorView.contentAttributes.of({ 'aria-label': 'Body to send' });
const AS_JSON = [json(), EditorView.lineWrapping, LABEL];
const AS_TEXT = [EditorView.lineWrapping, LABEL];
const SETUP = { foldGutter: true, autocompletion: false, highlightActiveLine: false, searchKeymap: true } as const;

/**
 * The body to send, in CodeMirror (text only: captured bytes are never
 * rendered as markup). JSON highlighting when the captured body was JSON.
 * A binary body cannot be edited as text: it is sent as captured.
 */
export function BodyEditor({
  value,
  original,
  binarySize,
  onChange,
}: {
  value: string;
  original: string | null;
  binarySize: number;
  onChange(text: string): void;
}) {
  const theme = useTheme();
  const isJson = useMemo(() => original !== null && jsonContainer(original) !== undefined, [original]);
  const size = useMemo(() => new TextEncoder().encode(value).length, [value]);
  if (original === null) {
    return (
      <div className="field" data-field="body">
        <span className="field-label">Body</span>
        <p className="muted body-binary" data-testid="body-binary">
          Binary body ({byteSize(binarySize)}, or still Content-Encoded as received): sent exactly as captured. It
          cannot be edited as text.
        </p>
      </div>
    );
  }
  return (
    <div className="field payload-field" data-field="body">
      <span className="field-label">Body</span>
      <div className="payload-editor replay-body">
        <CodeMirror
          value={value}
          onChange={onChange}
          extensions={isJson ? AS_JSON : AS_TEXT}
          theme={theme}
          basicSetup={SETUP}
          height="100%"
        />
      </div>
      <span className="field-hint">
        {byteSize(size)}
        {value === original ? ' · as captured' : ' · edited: the bytes typed are sent'}
      </span>
    </div>
  );
}
