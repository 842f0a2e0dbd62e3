import type { CaptureDetail } from '../../../src/shared/capture-types';
import type { ReplayPreview } from '../../../src/shared/replay-types';
import { longTime } from '../captures/format';
import { Field } from '../endpoints/Field';
import type { ReplayFormState } from './form';
import { roughAge, staleness } from './staleness';

/**
 * Re-signing, for a capture that has a provider: a fresh timestamp and
 * signature with the endpoint's first secret or one given here. Warns,
 * before anything is sent, when the captured timestamp is outside the
 * provider's window and re-signing is off.
 */
export function ResignControl({
  capture,
  form,
  update,
  preview = null,
  previewError = null,
}: {
  capture: CaptureDetail;
  form: ReplayFormState;
  update(patch: Partial<ReplayFormState>): void;
  preview?: ReplayPreview | null;
  previewError?: string | null;
}) {
  if (!capture.provider) return null;
  const stale = staleness(capture.signature, capture.receivedAt, Date.now());
  return (
    <fieldset className="resign" data-testid="resign">
      <legend>Signature</legend>
      <label className="check">
        <input
          type="checkbox"
          name="resign"
          checked={form.resign}
          onChange={(e) => update({ resign: e.target.checked })}
        />
        Re-sign for {capture.provider} with a fresh timestamp
      </label>
      {form.resign && (
        <Field name="secret" label="Signing secret" hint="Empty: the endpoint's first secret. Stays on this machine.">
          <input
            id="f-secret"
            name="secret"
            type="password"
            spellCheck={false}
            autoComplete="off"
            value={form.secret}
            onChange={(e) => update({ secret: e.target.value })}
          />
        </Field>
      )}
      {form.resign && preview?.resigned && (
        <p className="muted" role="status" data-testid="resign-preview">
          The headers above show what is sent: signed ({preview.resigned.scheme}) at{' '}
          {longTime(new Date(preview.resigned.timestamp * 1000).toISOString())} with{' '}
          {preview.resigned.secretIndex === null
            ? 'the secret given'
            : `the endpoint's secret #${preview.resigned.secretIndex + 1}`}
          .
        </p>
      )}
      {form.resign && previewError && (
        <p className="error-text" role="alert" data-testid="resign-error">
          Cannot re-sign: {previewError}
        </p>
      )}
      {!form.resign && stale && (
        <p className="warn" role="status" data-testid="stale-warning">
          The captured signature timestamp is {roughAge(stale.ageNow)} {stale.ageNow >= 0 ? 'old' : 'in the future'}
          {stale.staleOnArrival ? ' (already stale when it arrived)' : ''}, outside {capture.provider}&apos;s{' '}
          {stale.toleranceSeconds} s window: a handler that checks it will reject this replay. Turn on re-signing to
          send a fresh one.
        </p>
      )}
    </fieldset>
  );
}
