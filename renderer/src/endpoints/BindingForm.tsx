import { useEffect, useState } from 'react';
import type { ApiArgs } from '../../../src/shared/api';
import type { Endpoint } from '../../../src/shared/capture-types';
import { useProviders } from '../sender/providers';
import { call, errorText } from '../transport';
import { Field } from './Field';
import { useEndpoints } from './store';
import { ErrorNote } from '../components/ErrorNote';
import { SearchBox } from '../components/SearchBox';
import { matchProviders } from '../sender/picker';

type Change = Omit<ApiArgs<'endpoints.bind'>, 'slug'>;

function parseSecrets(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * An endpoint's provider and signing secrets. Stored secrets are never shown
 * again (the API returns only how many there are): add one for a rotation,
 * replace them all, or clear them.
 */
export function BindingForm({ endpoint }: { endpoint: Endpoint }) {
  const { providers, load, error: providersError } = useProviders();
  const upsert = useEndpoints((s) => s.upsert);
  const [count, setCount] = useState<number | null>(null);
  const [secrets, setSecrets] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [providerQuery, setProviderQuery] = useState('');
  const slug = endpoint.slug;

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    let live = true;
    // endpoints.bind with nothing to change only reads the count.
    call('endpoints.bind', { slug })
      .then((r) => live && setCount(r.secretCount))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [slug]);

  const apply = async (change: Change, message: string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const { secretCount, ...saved } = await call('endpoints.bind', { slug, ...change });
      upsert(saved);
      setCount(secretCount);
      if (change.secrets !== undefined) setSecrets('');
      setDone(message);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const typed = parseSecrets(secrets);
  const tooMany = typed.length > 20 ? 'at most 20 secrets at once' : undefined;
  const plural = (n: number) => `${n} secret${n === 1 ? '' : 's'}`;

  return (
    <form className="binding-form" aria-label={`Verification of ${slug}`} onSubmit={(e) => e.preventDefault()} noValidate>
      <h3>Signature verification</h3>
      <Field
        name="bindProvider"
        label="Provider"
        error={providersError ?? undefined}
        hint="Bound: every capture here is read and verified as this provider. Otherwise it is detected per request."
      >
        <SearchBox label="Search providers" value={providerQuery} onChange={setProviderQuery} />
        <select
          id="f-bindProvider"
          name="bindProvider"
          value={endpoint.provider ?? ''}
          disabled={busy}
          onChange={(e) => void apply({ provider: e.target.value === '' ? null : e.target.value }, e.target.value ? `Bound to ${e.target.value}` : 'Unbound: detected per request')}
        >
          <option value="">Detect per request</option>
          {matchProviders(providers, providerQuery, endpoint.provider ?? undefined).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
          {endpoint.provider && !providers.some((p) => p.id === endpoint.provider) && <option value={endpoint.provider}>{endpoint.provider}</option>}
        </select>
      </Field>
      <p className="secret-count" data-testid="secret-count">
        {count === null ? 'Counting secrets…' : count === 0 ? 'No secret stored: captures here are not verified (no-secret).' : `${plural(count)} stored; every one is tried, for rotation.`}{' '}
        <span className="muted">Stored secrets are never shown again.</span>
      </p>
      <Field name="bindSecrets" label="New secret" error={tooMany} hint="One per line. Captures of this endpoint are verified again at once.">
        <textarea
          id="f-bindSecrets"
          name="bindSecrets"
          rows={2}
          spellCheck={false}
          autoComplete="off"
          value={secrets}
          onChange={(e) => setSecrets(e.target.value)}
        />
      </Field>
      <div className="form-actions wrap">
        <button type="button" className="primary" disabled={busy || typed.length === 0 || Boolean(tooMany)} onClick={() => void apply({ secrets: typed, mode: 'add' }, `Added ${plural(typed.length)}`)}>
          Add (rotation)
        </button>
        <button type="button" disabled={busy || typed.length === 0 || Boolean(tooMany)} onClick={() => void apply({ secrets: typed, mode: 'replace' }, `Replaced the secrets with ${plural(typed.length)}`)}>
          Replace all
        </button>
        <button type="button" disabled={busy || count === 0} onClick={() => void apply({ secrets: [], mode: 'replace' }, 'Cleared every secret')}>
          Clear secrets
        </button>
      </div>
      <ErrorNote message={error} />
      {done && !error && (
        <p className="muted" role="status">
          {done}.
        </p>
      )}
    </form>
  );
}
