import { useState, type FormEvent } from 'react';
import {
  DEFAULT_TUNNEL_HOST,
  TUNNEL_PROVIDER_LABELS,
  TUNNEL_PROVIDERS,
  TUNNEL_REMINDER_NOTE,
  TUNNEL_SUBDOMAIN_PATTERN,
  tunnelHostSchema,
  type TunnelProvider,
} from '../../../src/shared/tunnel-types';
import { Field } from '../endpoints/Field';
import { errorText } from '../transport';
import { useTunnel } from './store';

type Errors = Partial<Record<'host' | 'subdomain' | 'authtoken', string>>;

const PROVIDER_HINTS: Record<TunnelProvider, string> = {
  localtunnel: 'No account. A volunteer-run server; browsers see a reminder page first.',
  cloudflared:
    'No account. Needs the cloudflared program on the PATH (or HOOKSCOPE_CLOUDFLARED); a new URL each start.',
  ngrok: 'Needs your ngrok authtoken: below, or NGROK_AUTHTOKEN when Hookscope starts.',
};

/** localtunnel's own servers, which show their reminder page to web browsers. */
export function isLocaltunnelHost(host: string): boolean {
  try {
    return /(^|\.)(localtunnel\.me|loca\.lt)$/i.test(new URL(host).hostname);
  } catch {
    return false;
  }
}

function check(host: string, subdomain: string): Errors {
  const errors: Errors = {};
  if (host.trim() !== '' && !tunnelHostSchema.safeParse(host.trim()).success)
    errors.host = 'an http(s) URL, such as https://localtunnel.me';
  if (subdomain.trim() !== '' && !TUNNEL_SUBDOMAIN_PATTERN.test(subdomain.trim())) {
    errors.subdomain = '4-63 lower-case letters, digits or "-", not starting or ending with "-"';
  }
  return errors;
}

/** Start (through localtunnel, cloudflared or ngrok; a subdomain and server for localtunnel) and stop. */
export function TunnelForm() {
  const status = useTunnel((s) => s.status);
  const busy = useTunnel((s) => s.busy);
  const start = useTunnel((s) => s.start);
  const stop = useTunnel((s) => s.stop);
  const [host, setHost] = useState(() => (status && status.host !== DEFAULT_TUNNEL_HOST ? status.host : ''));
  const [subdomain, setSubdomain] = useState(() => status?.subdomain ?? '');
  const [provider, setProvider] = useState<TunnelProvider>(() => status?.provider ?? 'localtunnel');
  const [authtoken, setAuthtoken] = useState('');
  const [tokenNote, setTokenNote] = useState<string | null>(null);
  const keepToken = useTunnel((s) => s.setAuthtoken);
  const [errors, setErrors] = useState<Errors>({});
  const lt = provider === 'localtunnel';
  const running = status !== null && status.state !== 'closed' && status.state !== 'error';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = lt ? check(host, subdomain) : {};
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    void (async () => {
      if (provider === 'ngrok' && authtoken.trim()) {
        try {
          setTokenNote(`Authtoken ${await keepToken(authtoken.trim())}.`);
          setAuthtoken('');
        } catch (error) {
          setErrors({ authtoken: errorText(error) });
          return;
        }
      }
      await start(
        lt ? { provider, host: host.trim() || undefined, subdomain: subdomain.trim() || undefined } : { provider },
      );
    })();
  };

  return (
    <form className="tunnel-form" onSubmit={submit} noValidate aria-label="Start the tunnel">
      <div className="field-row">
        <Field name="provider" label="Service" hint={PROVIDER_HINTS[provider]}>
          <select
            id="f-provider"
            name="provider"
            value={provider}
            disabled={running}
            onChange={(e) => setProvider(e.target.value as TunnelProvider)}
          >
            {TUNNEL_PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {TUNNEL_PROVIDER_LABELS[p]}
              </option>
            ))}
          </select>
        </Field>
        {provider === 'ngrok' && (
          <Field
            name="authtoken"
            label="ngrok authtoken (optional when already kept)"
            error={errors.authtoken}
            hint={tokenNote ?? 'Never stored in the database.'}
          >
            <input
              id="f-authtoken"
              name="authtoken"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={authtoken}
              onChange={(e) => setAuthtoken(e.target.value)}
            />
          </Field>
        )}
      </div>
      {lt && (
        <div className="field-row">
          <Field
            name="subdomain"
            label="Subdomain (optional)"
            error={errors.subdomain}
            hint="Asked for; the server gives a random one when it is taken."
          >
            <input
              id="f-subdomain"
              name="subdomain"
              spellCheck={false}
              value={subdomain}
              placeholder="my-hooks"
              aria-invalid={Boolean(errors.subdomain)}
              onChange={(e) => setSubdomain(e.target.value)}
            />
          </Field>
          <Field name="host" label="Tunnel server" error={errors.host} hint={`Empty: ${DEFAULT_TUNNEL_HOST}`}>
            <input
              id="f-host"
              name="host"
              spellCheck={false}
              value={host}
              placeholder={DEFAULT_TUNNEL_HOST}
              aria-invalid={Boolean(errors.host)}
              onChange={(e) => setHost(e.target.value)}
            />
          </Field>
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy !== null || running}>
          {busy === 'starting' ? 'Starting…' : 'Start tunnel'}
        </button>
        <button
          type="button"
          disabled={busy !== null || status === null || status.state === 'closed'}
          onClick={() => void stop()}
        >
          {busy === 'stopping' ? 'Stopping…' : 'Stop'}
        </button>
      </div>
      {!running && lt && isLocaltunnelHost(host.trim() || DEFAULT_TUNNEL_HOST) && (
        <p className="field-hint tunnel-reminder" data-testid="reminder-hint">
          {TUNNEL_REMINDER_NOTE}
        </p>
      )}
    </form>
  );
}
