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
        every shape a handler must survive: a duplicate, out of order, a burst, a replayed old timestamp, a tampered body, the wrong secret, the largest
        and an oversized event. Signed with the secret of the form; nothing is stored.
      </p>
      <div className="check-controls">
        <Field
          name="effectsUrl"
          label="Effects URL (optional)"
          error={checkErrors.effectsUrl}
          hint="A GET that shows your handler's state (e.g. a count of processed events): duplicates are then judged by what the handler did, not only by status."
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
