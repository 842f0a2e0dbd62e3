import { useState, type FormEvent } from 'react';
import { DEFAULT_RULE, NO_RETENTION } from '../../../src/shared/capture-types';
import { ApiError, call, errorText } from '../transport';
import { captureBase, useUi } from '../ui-store';
import { Field } from './Field';
import { fromForm, issuesToErrors, toForm, type FieldErrors, type RuleForm } from './rule-form';
import { fromRetentionForm, toRetentionForm, type RetentionForm } from './retention-form';
import { useEndpoints, type EndpointRow } from './store';
import { ErrorNote } from '../components/ErrorNote';
import { VerificationFields } from './VerificationFields';
import { bindingChange, secretsError, toBindingFields, typedSecrets, type BindingFields } from './binding-form';
import { DeleteEndpointButton } from '../cleanup/DeleteEndpointButton';

function serverErrors(error: unknown): FieldErrors {
  if (error instanceof ApiError) {
    const details = error.payload.details as { issues?: { path: PropertyKey[]; message: string }[] } | undefined;
    if (details?.issues?.length) return issuesToErrors(details.issues);
    if (error.payload.code === 'ENDPOINT_EXISTS') return { slug: error.payload.message };
  }
  return { form: errorText(error) };
}

type FormState = RuleForm & RetentionForm & BindingFields;
type Errors = FieldErrors & Partial<Record<keyof BindingFields, string>>;

/** The rule, the retention limits and the secrets when all pass, else messages per field. */
function validate(form: FormState, creating: boolean) {
  const { rule, errors } = fromForm(form, creating);
  const { retention, errors: retentionErrors } = fromRetentionForm(form);
  const secrets = secretsError(typedSecrets(form.secrets));
  return { rule, retention, errors: { ...errors, ...retentionErrors, ...(secrets && { secrets }) } as Errors };
}

/**
 * Creates an endpoint, or edits one: provider and secrets, response rule and
 * retention, all saved at once by one button; errors appear next to the field
 * they concern, and a form with an error saves nothing.
 */
export function EndpointForm({ endpoint, onDone }: { endpoint: EndpointRow | null; onDone(): void }) {
  const creating = endpoint === null;
  const [form, setForm] = useState<FormState>(() => ({
    ...toForm(endpoint?.slug ?? '', endpoint?.rule ?? DEFAULT_RULE),
    ...toRetentionForm(endpoint?.retention ?? NO_RETENTION),
    ...toBindingFields(endpoint?.provider ?? null),
  }));
  const [errors, setErrors] = useState<Errors>({});
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const { upsert, load } = useEndpoints();
  const base = captureBase(useUi((s) => s.info));

  const update = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    const next = { ...form, [key]: value };
    setForm(next);
    if (tried) setErrors(validate(next, creating).errors);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    const { rule, retention, errors: found } = validate(form, creating);
    setErrors(found);
    if (!rule || !retention || found.secrets) return;
    setSaving(true);
    try {
      const binding = bindingChange(form, endpoint?.provider ?? null);
      const saved = creating
        ? await call('endpoints.create', {
            slug: form.slug,
            rule,
            retention,
            ...(binding.provider ? { provider: binding.provider } : {}),
            ...(binding.secrets?.length ? { secrets: binding.secrets } : {}),
          })
        : await call('endpoints.update', { slug: endpoint.slug, rule, retention, ...binding });
      upsert(saved);
      // The list's secret counts come from the server: read them again.
      if (binding.secrets !== undefined) await load();
      onDone();
    } catch (error) {
      setErrors(serverErrors(error));
    } finally {
      setSaving(false);
    }
  };

  const text = (name: keyof FormState, props: { inputMode?: 'numeric' | 'decimal'; placeholder?: string } = {}) => (
    <input
      id={`f-${name}`}
      name={name}
      value={form[name] as string}
      aria-invalid={Boolean(errors[name])}
      aria-describedby={errors[name] ? `f-${name}-error` : undefined}
      onChange={(e) => update(name, e.target.value)}
      {...props}
    />
  );

  return (
    <form
      className="endpoint-form"
      onSubmit={submit}
      noValidate
      aria-label={creating ? 'New endpoint' : `Edit ${endpoint.slug}`}
    >
      <h3>
        {creating ? (
          'New endpoint'
        ) : (
          <>
            Endpoint <code>{endpoint.slug}</code>
          </>
        )}
      </h3>
      {creating ? (
        <Field
          name="slug"
          label="Slug"
          error={errors.slug}
          hint={`Requests to ${base ?? '/'}${form.slug || '<slug>'}/… land here`}
        >
          {text('slug', { placeholder: 'stripe-dev' })}
        </Field>
      ) : (
        base !== null && <p className="muted mono">{`${base}${endpoint.slug}/…`}</p>
      )}
      <VerificationFields
        fields={form}
        storedSecrets={creating ? null : (endpoint.secretCount ?? null)}
        error={errors.secrets}
        onChange={(patch) => {
          const next = { ...form, ...patch };
          setForm(next);
          if (tried) setErrors(validate(next, creating).errors);
        }}
      />
      <fieldset>
        <legend>Success answer</legend>
        <div className="field-row">
          <Field name="status" label="Status" error={errors.status}>
            {text('status', { inputMode: 'numeric' })}
          </Field>
          <Field name="delayMs" label="Delay (ms)" error={errors.delayMs}>
            {text('delayMs', { inputMode: 'numeric' })}
          </Field>
        </div>
        <Field
          name="headers"
          label="Headers"
          error={errors.headers}
          hint="One per line: Name: value (none: Content-Type: application/json)"
        >
          <textarea
            id="f-headers"
            name="headers"
            rows={3}
            value={form.headers}
            aria-invalid={Boolean(errors.headers)}
            onChange={(e) => update('headers', e.target.value)}
            spellCheck={false}
          />
        </Field>
        <label className="check">
          <input
            type="checkbox"
            name="defaultBody"
            checked={form.defaultBody}
            onChange={(e) => update('defaultBody', e.target.checked)}
          />
          Default body <code>{'{"ok":true,"id":N}'}</code>
        </label>
        {!form.defaultBody && (
          <Field name="body" label="Body" error={errors.body}>
            <textarea
              id="f-body"
              name="body"
              rows={4}
              value={form.body}
              onChange={(e) => update('body', e.target.value)}
              spellCheck={false}
            />
          </Field>
        )}
      </fieldset>
      <fieldset>
        <legend>Failures</legend>
        <div className="field-row">
          <Field name="failFirst" label="Fail first N" error={errors.failFirst}>
            {text('failFirst', { inputMode: 'numeric' })}
          </Field>
          <Field name="failStatus" label="Fail status" error={errors.failStatus}>
            {text('failStatus', { inputMode: 'numeric' })}
          </Field>
        </div>
        <div className="field-row">
          <Field name="failRate" label="Fail rate (0–1)" error={errors.failRate}>
            {text('failRate', { inputMode: 'decimal' })}
          </Field>
          <Field name="seed" label="Seed" error={errors.seed}>
            {text('seed', { inputMode: 'numeric' })}
          </Field>
        </div>
        <label className="check">
          <input type="checkbox" name="hang" checked={form.hang} onChange={(e) => update('hang', e.target.checked)} />
          Hang: never answer (tests a sender's timeout)
        </label>
        <label className="check">
          <input
            type="checkbox"
            name="reset"
            checked={form.reset}
            onChange={(e) => update('reset', e.target.checked)}
          />
          Reset: drop the connection without an answer
        </label>
      </fieldset>
      <fieldset>
        <legend>Retention</legend>
        <div className="field-row">
          <Field name="keepCount" label="Keep newest N" error={errors.keepCount} hint="Empty: no limit">
            {text('keepCount', { inputMode: 'numeric', placeholder: 'all' })}
          </Field>
          <Field
            name="keepDays"
            label="Delete after (days)"
            error={errors.keepDays}
            hint="Empty: no limit; 0.5 is 12 hours"
          >
            {text('keepDays', { inputMode: 'decimal', placeholder: 'never' })}
          </Field>
        </div>
        <p className="field-hint">
          Applied in the background; a deleted capture takes its search entry and replays with it.
        </p>
      </fieldset>
      <ErrorNote message={errors.form} />
      <div className="form-actions sticky-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : creating ? 'Create endpoint' : 'Save'}
        </button>
        <button type="button" onClick={() => onDone()}>
          Cancel
        </button>
        {!creating && <DeleteEndpointButton slug={endpoint.slug} onDeleted={onDone} />}
      </div>
    </form>
  );
}
