import { ErrorNote } from '../components/ErrorNote';
import { Field } from '../endpoints/Field';
import { CheckReportTable } from './CheckReportTable';
import { findProvider, useProviders } from './providers';
import { useSender } from './store';

/** Runs the robustness scenarios against the handler at the form's URL, signed with the form's secret, and shows the report. */
export function HandlerCheck() {
  const { form, effectsUrl, setEffectsUrl, checking, checkErrors, checkError, report, check } = useSender();
  const provider = findProvider(useProviders((s) => s.providers), form.provider);
  return (
    <div className="handler-check">
      <p className="muted">
        Sends {provider?.name ?? 'the provider'}&apos;s <code>{form.eventType || 'first event'}</code> to <code>{form.url || 'the target URL'}</code> in
        every shape a handler must survive: a duplicate, the provider&apos;s retry (new timestamp and signature), an answer past the timeout and its
        retry, an unknown event type, out of order, a burst, a replayed old timestamp, a tampered body, the wrong secret, no signature at all, the
        largest and an oversized event; the signature cases in each signature form the provider has. Signed with the secret of the form; nothing is
        stored.
      </p>
      <div className="check-controls">
        <Field
          name="effectsUrl"
          label="Effects URL (optional)"
          error={checkErrors.effectsUrl}
          hint="A GET that shows your handler's state (e.g. a count or list of processed events). Without it, whether a duplicate, a retry or a timed-out event was processed twice cannot be seen, and those rows are not judged."
        >
          <input
            id="f-effectsUrl"
            name="effectsUrl"
            spellCheck={false}
            value={effectsUrl}
            placeholder="http://127.0.0.1:3000/debug/processed"
            onChange={(e) => setEffectsUrl(e.target.value)}
          />
        </Field>
        <button type="button" className="primary" disabled={checking || !provider} onClick={() => void check()}>
          {checking ? 'Checking…' : 'Run handler check'}
        </button>
      </div>
      <ErrorNote message={checkErrors.secret ? `Secret: ${checkErrors.secret}` : checkErrors.url ? `Target URL: ${checkErrors.url}` : null} />
      <ErrorNote message={checkError} onRetry={() => void check()} />
      {checking && <p className="muted">Running the scenarios…</p>}
      {report && <CheckReportTable report={report} />}
    </div>
  );
}
