import { useEffect } from 'react';
import { useProviders } from '../sender/providers';
import { Field } from './Field';
import type { BindingFields } from './binding-form';

const plural = (n: number) => `${n} secret${n === 1 ? '' : 's'}`;

/**
 * The endpoint form's first section: which provider its captures are read
 * as, and the secrets they are verified with. Saved with the rest of the
 * form; stored secrets are never shown again, only counted.
 */
export function VerificationFields({
  fields,
  storedSecrets,
  error,
  onChange,
}: {
  fields: BindingFields;
  /** null when creating, or while the count is unknown. */
  storedSecrets: number | null;
  error?: string;
  onChange(patch: Partial<BindingFields>): void;
}) {
  const { providers, load, error: providersError } = useProviders();
  useEffect(() => {
    void load();
  }, [load]);
  const editing = storedSecrets !== null;

  return (
    <fieldset className="verification">
      <legend>Signature verification</legend>
      <Field
        name="provider"
        label="Provider"
        error={providersError ?? undefined}
        hint="Bound: every capture here is read and verified as this provider."
      >
        <select
          id="f-provider"
          name="provider"
          value={fields.provider}
          onChange={(e) => onChange({ provider: e.target.value })}
        >
          <option value="">Detect per request</option>
          {providers.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
          {fields.provider !== '' && !providers.some((p) => p.id === fields.provider) && (
            <option value={fields.provider}>{fields.provider}</option>
          )}
        </select>
      </Field>
      {editing && (
        <p className="secret-count" data-testid="secret-count">
          {storedSecrets === 0
            ? 'No secret stored: captures here are not verified.'
            : `${plural(storedSecrets)} stored; every one is tried (rotation).`}{' '}
          <span className="muted">Stored secrets are never shown again.</span>
        </p>
      )}
      <Field
        name="secrets"
        label={editing ? 'New signing secrets' : 'Signing secrets'}
        error={error}
        hint={`One per line, as your provider shows them. ${editing ? 'Captures here are verified again on Save.' : 'Empty: add them later.'}`}
      >
        <textarea
          id="f-secrets"
          name="secrets"
          rows={2}
          spellCheck={false}
          autoComplete="off"
          value={fields.secrets}
          aria-invalid={Boolean(error)}
          onChange={(e) => onChange({ secrets: e.target.value })}
        />
      </Field>
      {editing && (
        <div className="secret-mode" role="radiogroup" aria-label="New secrets">
          <label className="check">
            <input
              type="radio"
              name="secretsMode"
              value="add"
              checked={!fields.clearSecrets && fields.secretsMode === 'add'}
              disabled={fields.clearSecrets}
              onChange={() => onChange({ secretsMode: 'add' })}
            />
            Add to the stored ones (rotation)
          </label>
          <label className="check">
            <input
              type="radio"
              name="secretsMode"
              value="replace"
              checked={!fields.clearSecrets && fields.secretsMode === 'replace'}
              disabled={fields.clearSecrets}
              onChange={() => onChange({ secretsMode: 'replace' })}
            />
            Replace the stored ones
          </label>
          <label className="check">
            <input
              type="checkbox"
              name="clearSecrets"
              checked={fields.clearSecrets}
              disabled={storedSecrets === 0}
              onChange={(e) => onChange({ clearSecrets: e.target.checked })}
            />
            Remove every stored secret{fields.secrets.trim() ? ' (the ones typed above become the only ones)' : ''}
          </label>
        </div>
      )}
    </fieldset>
  );
}
