import { Fragment, useState, type FormEvent } from 'react';
import { Field } from '../endpoints/Field';
import { useEndpoints } from '../endpoints/store';
import { duration } from '../deliveries/format';
import { withDefaultLabel } from '../../../src/shared/undocumented';
import { captureBase, useUi } from '../ui-store';
import { PayloadEditor } from './PayloadEditor';
import { ProviderFacts } from './ProviderFacts';
import { findProvider, useProviders } from './providers';
import { SendOutcome } from './SendOutcome';
import { SpeedControl } from './SpeedControl';
import { useSender } from './store';
import { ErrorNote } from '../components/ErrorNote';
import { SearchBox } from '../components/SearchBox';
import { groupEventTypes, matchProviders } from './picker';

/** Plays the provider: which event, its payload, where to, with which secret, and how fast its ladder runs. */
export function SendForm() {
  const providers = useProviders((s) => s.providers);
  const {
    form,
    errors,
    update,
    editPayload,
    chooseProvider,
    chooseEvent,
    sample,
    sampling,
    sending,
    send,
    check,
    checking,
    checkErrors,
  } = useSender();
  const { signatureForm, setSignatureForm } = useSender();
  const endpoints = useEndpoints((s) => s.endpoints);
  const base = captureBase(useUi((s) => s.info));
  const ownEndpoints = base === null ? [] : endpoints;
  const [seedText, setSeedText] = useState<string | null>(null);
  const provider = findProvider(providers, form.provider);
  const [providerQuery, setProviderQuery] = useState('');
  const shown = matchProviders(providers, providerQuery, form.provider);
  const event = provider?.events.find((e) => e.type === form.eventType);
  const seed = seedText ?? form.seed;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send();
  };
  // A target on one of this app's endpoints bound to a provider: play that provider.
  const chooseTarget = (url: string) => {
    update({ url });
    const bound =
      base !== null ? endpoints.find((ep) => ep.provider && url.startsWith(`${base}${ep.slug}/`)) : undefined;
    const boundProvider = bound?.provider ? findProvider(providers, bound.provider) : undefined;
    if (boundProvider && boundProvider.id !== form.provider)
      chooseProvider(
        boundProvider.id,
        boundProvider.events.map((ev) => ev.type),
      );
  };
  const loadSeed = () => {
    const n = Number(seed.trim());
    if (seed.trim() !== '' && Number.isInteger(n)) {
      setSeedText(null);
      void sample(n);
    }
  };

  return (
    <form className="send-form" onSubmit={submit} noValidate aria-label="Send an event">
      <div className="send-fields">
        <div className="field-row">
          <Field name="provider" label="Provider" error={errors.provider ?? checkErrors.provider}>
            <SearchBox
              label="Search providers"
              value={providerQuery}
              onChange={setProviderQuery}
              count={shown.length}
            />
            <select
              id="f-provider"
              name="provider"
              value={form.provider}
              onChange={(e) =>
                chooseProvider(
                  e.target.value,
                  findProvider(providers, e.target.value)?.events.map((ev) => ev.type) ?? [],
                )
              }
            >
              {shown.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.kind === 'user' ? ' (your file)' : ''}
                </option>
              ))}
            </select>
          </Field>
          <Field name="eventType" label="Event" error={errors.eventType}>
            <select
              id="f-eventType"
              name="eventType"
              value={form.eventType}
              title={event?.description}
              onChange={(e) => chooseEvent(e.target.value)}
            >
              {groupEventTypes(provider?.events.map((ev) => ev.type) ?? []).map((group) => {
                const options = group.types.map((type) => (
                  <option key={type} value={type}>
                    {type}
                    {provider?.events.find((ev) => ev.type === type)?.handshake ? ' (handshake)' : ''}
                  </option>
                ));
                return group.label === undefined ? (
                  <Fragment key={`run:${group.types[0]}`}>{options}</Fragment>
                ) : (
                  <optgroup key={group.label} label={group.label}>
                    {options}
                  </optgroup>
                );
              })}
            </select>
          </Field>
        </div>

        <Field
          name="url"
          label="Target URL"
          error={errors.url ?? checkErrors.url}
          hint={base === null ? 'Your handler' : `Your handler, or an endpoint of this app: ${base}<slug>/…`}
        >
          <input
            id="f-url"
            name="url"
            list="sender-targets"
            spellCheck={false}
            value={form.url}
            placeholder="http://127.0.0.1:3000/webhooks"
            aria-invalid={Boolean(errors.url ?? checkErrors.url)}
            onChange={(e) => chooseTarget(e.target.value)}
          />
        </Field>
        <datalist id="sender-targets">
          {ownEndpoints.map((ep) => (
            <option key={ep.id} value={`${base}${ep.slug}/webhook`} />
          ))}
        </datalist>
        <div className="field-row">
          <Field
            name="secret"
            label="Signing secret"
            error={errors.secret ?? checkErrors.secret}
            hint="Empty: one is generated and shown after Send"
          >
            <input
              id="f-secret"
              name="secret"
              spellCheck={false}
              autoComplete="off"
              value={form.secret}
              aria-invalid={Boolean(errors.secret ?? checkErrors.secret)}
              onChange={(e) => update({ secret: e.target.value })}
            />
          </Field>
          <Field
            name="timeoutMs"
            label="Timeout (ms)"
            error={errors.timeoutMs}
            hint={
              provider
                ? `Empty: ${withDefaultLabel(provider, 'timeout', duration(provider.delivery.timeoutMs))}`
                : undefined
            }
          >
            <input
              id="f-timeoutMs"
              name="timeoutMs"
              inputMode="numeric"
              value={form.timeoutMs}
              placeholder={provider ? String(provider.delivery.timeoutMs) : ''}
              aria-invalid={Boolean(errors.timeoutMs)}
              onChange={(e) => update({ timeoutMs: e.target.value })}
            />
          </Field>
        </div>
        {provider && <ProviderFacts provider={provider} />}

        <div className="payload-head">
          <span className="field-label">Payload</span>
          <div className="spacer" />
          <button
            type="button"
            className="small"
            disabled={sampling || !provider}
            onClick={() => {
              setSeedText(null);
              void sample();
            }}
          >
            New sample
          </button>
          <span className="muted">seed</span>
          <input
            id="f-seed"
            name="seed"
            className="seed"
            inputMode="numeric"
            value={seed}
            onChange={(e) => setSeedText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                loadSeed();
              }
            }}
          />
          <button
            type="button"
            className="small"
            disabled={sampling || seedText === null}
            onClick={loadSeed}
            title="Load the sample of this seed again"
          >
            Load
          </button>
        </div>
        <PayloadEditor value={form.payload} onChange={editPayload} serverError={errors.payload} />
        <label className="check">
          <input
            type="checkbox"
            name="exact"
            checked={form.exact}
            onChange={(e) => update({ exact: e.target.checked })}
          />
          Send the text exactly as typed (otherwise compact JSON, as providers send it)
        </label>
        {provider && (
          <Field
            name="signatureForm"
            label="Signature form"
            hint={
              provider.signature.forms.length > 1
                ? 'Every attempt of the delivery, retries included, is signed in this form'
                : `${provider.name} signs in one form only`
            }
          >
            <select
              id="f-signatureForm"
              name="signatureForm"
              value={signatureForm}
              onChange={(e) => setSignatureForm(e.target.value)}
            >
              {provider.signature.forms.map((f) => (
                <option key={f.name} value={f.name === provider.signature.defaultForm ? '' : f.name}>
                  {f.label}
                  {f.name === provider.signature.defaultForm ? ' (default)' : ''}
                </option>
              ))}
            </select>
          </Field>
        )}
        <SpeedControl />
        <SendOutcome />
      </div>
      {/* Always in view at the foot of the column, however far the form above is scrolled. */}
      <div className="send-actions">
        <ErrorNote message={errors.form} />
        <div className="form-actions">
          <button
            type="submit"
            className="primary"
            disabled={sending || sampling || !provider}
            title={sampling ? 'Waiting for the sample' : undefined}
          >
            {sending ? 'Sending…' : 'Send'}
          </button>
          <button type="button" disabled={checking || !provider} onClick={() => void check()}>
            {checking ? 'Checking…' : 'Run handler check'}
          </button>
        </div>
      </div>
    </form>
  );
}
