import { useEffect, type FormEvent } from 'react';
import { Field } from '../endpoints/Field';
import { useEndpoints } from '../endpoints/store';
import { captureBase, useUi } from '../ui-store';
import { BodyEditor } from './BodyEditor';
import { HeaderEditor } from './HeaderEditor';
import { ResignControl } from './ResignControl';
import { useReplay } from './store';
import { pathSuffix } from './target';
import { resignedValues } from './form';

/** How often the re-signed headers on show are signed again while re-signing is on, so the timestamp sent stays fresh. */
const PREVIEW_REFRESH_MS = 20_000;
import { ErrorNote } from '../components/ErrorNote';

const URL_HINTS = {
  forward: "The endpoint's forward URL with the capture's path and query",
  last: 'The last URL replayed to',
  none: 'Your handler, or an endpoint of this app',
} as const;

/** What the replay sends: target, method, headers, body, re-signing; Send, or back to the capture as received. */
export function ReplayForm() {
  const {
    capture,
    original,
    form,
    errors,
    sending,
    urlSource,
    update,
    send,
    reset,
    preview,
    previewError,
    refreshPreview,
  } = useReplay();
  const resign = form?.resign ?? false;
  // With re-signing on, the editor shows the headers as the core signs them; again after each edit, and while the form stays open.
  useEffect(() => {
    if (!form) return;
    const soon = setTimeout(() => void refreshPreview(), resign ? 200 : 0);
    const every = resign ? setInterval(() => void refreshPreview(), PREVIEW_REFRESH_MS) : undefined;
    return () => {
      clearTimeout(soon);
      clearInterval(every);
    };
  }, [form, resign, refreshPreview]);
  const endpoints = useEndpoints((s) => s.endpoints);
  const base = captureBase(useUi((s) => s.info));
  if (!capture || !original || !form) return null;
  const suffix = pathSuffix(capture.path, capture.endpoint);
  const query = capture.query ? `?${capture.query}` : '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send();
  };

  return (
    <form className="replay-form" onSubmit={submit} noValidate aria-label="Replay a capture">
      <Field
        name="url"
        label="Target URL"
        error={errors.url}
        hint={`${URL_HINTS[urlSource]}. Sent to exactly this URL.`}
      >
        <input
          id="f-url"
          name="url"
          list="replay-targets"
          spellCheck={false}
          value={form.url}
          placeholder="http://127.0.0.1:3000/webhooks"
          aria-invalid={Boolean(errors.url)}
          onChange={(e) => update({ url: e.target.value })}
        />
      </Field>
      <datalist id="replay-targets">
        {base !== null &&
          endpoints
            .filter((ep) => ep.slug !== capture.endpoint)
            .map((ep) => <option key={ep.id} value={`${base}${ep.slug}${suffix}${query}`} />)}
      </datalist>
      <div className="field-row">
        <Field name="method" label="Method" error={errors.method}>
          <input
            id="f-method"
            name="method"
            className="mono"
            spellCheck={false}
            value={form.method}
            aria-invalid={Boolean(errors.method)}
            onChange={(e) => update({ method: e.target.value })}
          />
        </Field>
        <Field name="timeoutMs" label="Timeout (ms)" error={errors.timeoutMs} hint="Empty: the provider's, else 30 s">
          <input
            id="f-timeoutMs"
            name="timeoutMs"
            inputMode="numeric"
            value={form.timeoutMs}
            aria-invalid={Boolean(errors.timeoutMs)}
            onChange={(e) => update({ timeoutMs: e.target.value })}
          />
        </Field>
      </div>
      <HeaderEditor
        rows={form.headers}
        onChange={(headers) => update({ headers })}
        error={errors.headers}
        resigned={form.resign && preview ? resignedValues(form.headers, preview.headers) : null}
      />
      <BodyEditor
        value={form.body}
        original={original.bodyText}
        binarySize={capture.bodyStoredSize}
        onChange={(body) => update({ body })}
      />
      {capture.truncated && (
        <p className="warn">This capture was not received whole: the kept part is sent, as an edited body.</p>
      )}
      <ResignControl capture={capture} form={form} update={update} preview={preview} previewError={previewError} />
      <ErrorNote message={errors.form} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={sending}>
          {sending ? 'Sending…' : 'Send'}
        </button>
        <button type="button" disabled={sending} onClick={reset} title="Back to the capture as received">
          Reset
        </button>
      </div>
    </form>
  );
}
