import { json } from '@codemirror/lang-json';
import { EditorView } from '@codemirror/view';
import CodeMirror from '@uiw/react-codemirror';
import { useMemo } from 'react';
import { byteSize } from '../captures/format';
import { useTheme } from '../theme';
import { canonicalPayloadWarning, checkJson } from './json-check';
import { findProvider, useProviders } from './providers';
import { useSender } from './store';
import { jsonErrorMarks } from './json-error-mark';

const EXTENSIONS = [
  json(),
  jsonErrorMarks,
  EditorView.lineWrapping,
  EditorView.contentAttributes.of({ 'aria-label': 'Payload (JSON)' }),
];
const SETUP = { foldGutter: true, autocompletion: false, highlightActiveLine: false, searchKeymap: true } as const;

/** The event's JSON in CodeMirror (text only: nothing typed or sampled is ever rendered as markup), with the parse error shown inline. */
export function PayloadEditor({
  value,
  onChange,
  serverError,
}: {
  value: string;
  onChange(text: string): void;
  serverError?: string;
}) {
  const theme = useTheme();
  const problem = useMemo(() => checkJson(value), [value]);
  const size = useMemo(() => new TextEncoder().encode(value).length, [value]);
  const providerId = useSender((s) => s.form.provider);
  const exact = useSender((s) => s.form.exact);
  const provider = useProviders((s) => findProvider(s.providers, providerId));
  const canonical = useMemo(
    () => (problem ? null : canonicalPayloadWarning(provider, value, exact)),
    [problem, provider, value, exact],
  );
  const message = problem
    ? problem.line !== null
      ? `line ${problem.line}, column ${problem.column}: ${problem.message}`
      : problem.message
    : serverError;
  return (
    <div className={`field payload-field${message ? ' invalid' : ''}`} data-field="payload">
      <div className="payload-editor">
        <CodeMirror
          value={value}
          onChange={onChange}
          extensions={EXTENSIONS}
          theme={theme}
          basicSetup={SETUP}
          height="100%"
        />
      </div>
      {message ? (
        <span className="field-error" role="alert" data-testid="payload-error">
          {message}
        </span>
      ) : (
        <span className="field-hint">valid JSON · {byteSize(size)} as typed</span>
      )}
      {canonical && (
        <div className="warn canonical-warning" role="status" data-testid="payload-canonical-warning">
          <span>{canonical.message}</span>
          <button
            type="button"
            className="small"
            data-testid="payload-compact"
            onClick={() => onChange(canonical.compact)}
          >
            Compact
          </button>
        </div>
      )}
    </div>
  );
}
