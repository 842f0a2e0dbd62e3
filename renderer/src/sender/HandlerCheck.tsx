import { ErrorNote } from '../components/ErrorNote';
import { Field } from '../endpoints/Field';
import { CheckReportTable } from './CheckReportTable';
import { findProvider, useProviders } from './providers';
import { useSender } from './store';

/**
 * Runs the robustness scenarios against a handler and shows the report. Its
 * target and secret are the send form's (the same values, editable here too),
 * so the check never depends on fields out of sight.
 */
export function HandlerCheck() {
  const { form, update, effectsUrl, setEffectsUrl, checking, checkErrors, checkError, report, check } = useSender();
  const provider = findProvider(
    useProviders((s) => s.providers),
    form.provider,
  );
  return (
    <div className="handler-check">
      <p className="muted">
        Sends {provider?.name ?? 'the provider'}&apos;s <code>{form.eventType || 'first event'}</code> to{' '}
        <code>{form.url || 'the target URL'}</code> in every shape a handler must survive: a duplicate, the
        provider&apos;s retry (new timestamp and signature), an answer past the timeout and its retry, an unknown event
        type, out of order, a burst, a replayed old timestamp, a tampered body, the wrong secret, no signature at all,
        the largest and an oversized event; the signature cases in each signature form the provider has. Signed with the
        secret of the form; nothing is stored.
      </p>
      <div className="check-controls">
        <Field name="checkUrl" label="Handler URL" error={checkErrors.url}>
          <input
            id="f-checkUrl"
            name="checkUrl"
            spellCheck={false}
            value={form.url}
            placeholder="http://127.0.0.1:3000/webhooks"
            aria-invalid={Boolean(checkErrors.url)}
            onChange={(e) => update({ url: e.target.value })}
          />
        </Field>
        <Field
          name="checkSecret"
          label="Signing secret"
          error={checkErrors.secret && 'required: the secret your handler verifies with'}
        >
          <input
            id="f-checkSecret"
            name="checkSecret"
            spellCheck={false}
            autoComplete="off"
            value={form.secret}
            aria-invalid={Boolean(checkErrors.secret)}
            onChange={(e) => update({ secret: e.target.value })}
          />
        </Field>
        <Field
          name="effectsUrl"
          label="Effects URL (optional)"
          error={checkErrors.effectsUrl}
          hint="A GET showing your handler's state (e.g. processed events); without it, double processing cannot be seen and those rows are not judged."
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
      <ErrorNote message={checkError} onRetry={() => void check()} />
      {checking && <p className="muted">Running the scenarios…</p>}
      {report && <CheckReportTable report={report} />}
    </div>
  );
}
