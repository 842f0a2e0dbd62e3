import { useState, type FormEvent } from 'react';
import type { Endpoint } from '../../../src/shared/capture-types';
import { Field } from '../endpoints/Field';
import { useEndpoints } from '../endpoints/store';
import { call, errorText } from '../transport';
import { ErrorNote } from '../components/ErrorNote';

type Mode = Endpoint['forwardMode'];

const MODES: { id: Mode; label: string; hint: string }[] = [
  {
    id: 'rule',
    label: 'Rule answers',
    hint: "The endpoint's rule answers the sender at once; the target's answer is recorded.",
  },
  {
    id: 'proxy',
    label: 'Proxy',
    hint: "The target's status, headers and body go back to the sender (502 with a reason when it is down).",
  },
];

function checkUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? undefined : 'an http or https URL';
  } catch {
    return url.trim() === '' ? 'a URL to forward to' : 'not a URL';
  }
}

/** Forwarding of one endpoint, set up in the form (keyed by slug by its parent). */
function ForwardFields({ endpoint }: { endpoint: Endpoint }) {
  const upsert = useEndpoints((s) => s.upsert);
  const [url, setUrl] = useState(endpoint.forwardUrl ?? '');
  const [mode, setMode] = useState<Mode>(endpoint.forwardMode);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [urlError, setUrlError] = useState<string | undefined>();
  const [done, setDone] = useState<string | null>(null);

  const apply = async (next: string | null) => {
    if (next !== null) {
      const problem = checkUrl(next);
      setUrlError(problem);
      if (problem) return;
    }
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const saved = await call('endpoints.forward', {
        slug: endpoint.slug,
        url: next === null ? null : next.trim(),
        mode,
      });
      upsert(saved);
      setDone(
        saved.forwardUrl
          ? `Forwarding ${endpoint.slug} to ${saved.forwardUrl} (${saved.forwardMode})`
          : `Forwarding of ${endpoint.slug} is off`,
      );
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void apply(url);
  };

  return (
    <form className="forward-form" onSubmit={submit} noValidate aria-label={`Live forwarding of ${endpoint.slug}`}>
      <p className="forward-state" data-testid="forward-state" data-on={Boolean(endpoint.forwardUrl)}>
        {endpoint.forwardUrl ? (
          <>
            <span className="badge badge-valid">on</span> every capture of <strong>{endpoint.slug}</strong> is also sent
            to <code>{endpoint.forwardUrl}</code>{' '}
            <span className="muted">({endpoint.forwardMode === 'proxy' ? 'proxy' : 'rule answers'})</span>
          </>
        ) : (
          <>
            <span className="badge badge-none">off</span> captures of <strong>{endpoint.slug}</strong> are not
            forwarded.
          </>
        )}
      </p>
      <Field
        name="forwardUrl"
        label="Forward to"
        error={urlError}
        hint="The capture's path suffix and query are appended, like stripe listen --forward-to."
      >
        <input
          id="f-forwardUrl"
          name="forwardUrl"
          spellCheck={false}
          value={url}
          placeholder="http://127.0.0.1:3000/webhooks"
          aria-invalid={Boolean(urlError)}
          onChange={(e) => setUrl(e.target.value)}
        />
      </Field>
      <div className="forward-modes" role="radiogroup" aria-label="Forwarding mode">
        {MODES.map((m) => (
          <label key={m.id} className="check" title={m.hint}>
            <input
              type="radio"
              name="forwardMode"
              value={m.id}
              checked={mode === m.id}
              onChange={() => setMode(m.id)}
            />
            {m.label}
          </label>
        ))}
      </div>
      <p className="field-hint">{MODES.find((m) => m.id === mode)?.hint}</p>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {endpoint.forwardUrl ? 'Update forwarding' : 'Forward'}
        </button>
        <button type="button" disabled={busy || !endpoint.forwardUrl} onClick={() => void apply(null)}>
          Turn off
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

/** Live forwarding per endpoint (endpoints.forward): a URL and a mode, or off. */
export function ForwardForm({ initialSlug }: { initialSlug: string | null }) {
  const endpoints = useEndpoints((s) => s.endpoints);
  const [picked, setPicked] = useState<string | null>(null);
  const slug = picked ?? initialSlug ?? endpoints[0]?.slug ?? null;
  const endpoint = endpoints.find((e) => e.slug === slug);
  return (
    <div className="forward">
      <Field name="forwardEndpoint" label="Endpoint">
        <select
          id="f-forwardEndpoint"
          name="forwardEndpoint"
          value={slug ?? ''}
          onChange={(e) => setPicked(e.target.value)}
        >
          {endpoints.map((e) => (
            <option key={e.id} value={e.slug}>
              {e.slug}
              {e.forwardUrl ? ` → ${e.forwardUrl}` : ''}
            </option>
          ))}
        </select>
      </Field>
      {endpoint ? <ForwardFields key={endpoint.slug} endpoint={endpoint} /> : <p className="muted">No endpoint yet.</p>}
    </div>
  );
}
