import type { ProviderDefinition } from '../../../src/shared/providers';
import { defaultLabel, isNotDocumented } from '../../../src/shared/undocumented';
import { byteSize } from '../captures/format';
import { duration } from '../deliveries/format';

const SUCCESS = { '2xx': 'any 2xx status', 'exactly-200': 'exactly 200 (201, 204… are retried)' } as const;

function limits(provider: ProviderDefinition): string {
  const l = provider.limits;
  const parts = [l.httpsRequired ? 'https URLs only (plain http is sent with a warning)' : 'http or https'];
  if (l.maxPayloadBytes !== undefined) parts.push(`payload at most ${byteSize(l.maxPayloadBytes)}`);
  if (l.webhooksPerProperty !== undefined) parts.push(`at most ${l.webhooksPerProperty} webhooks per property`);
  return parts.join(' · ');
}

/** What the provider does when it delivers (collapsed to one line): timeout, success rule, retry ladder, limits, and the notes on its documentation (collapsed too). */
export function ProviderFacts({ provider }: { provider: ProviderDefinition }) {
  const d = provider.delivery;
  let at = 0;
  const retries = d.retryDelaysMs.length;
  const timeoutDefault = isNotDocumented(provider, 'timeout');
  const retriesDefault = isNotDocumented(provider, 'retries');
  const notDocumented = (
    <span className="muted" data-testid="not-documented">
      {' '}
      ({defaultLabel(provider)})
    </span>
  );
  return (
    <details className="provider-facts" data-testid="provider-facts">
      <summary>
        How {provider.name} delivers:{' '}
        <span className="muted">
          times out after {duration(d.timeoutMs)}
          {timeoutDefault ? ' (default)' : ''},{' '}
          {retries === 0 ? 'no retries' : `${retries} retr${retries === 1 ? 'y' : 'ies'}`}
          {retriesDefault ? ' (default)' : ''}, succeeds on {d.success === '2xx' ? 'any 2xx' : 'exactly 200'}
        </span>
      </summary>
      <p className="muted">{provider.description}</p>
      <dl className="overview">
        <dt>Timeout</dt>
        <dd>
          {duration(d.timeoutMs)}
          {timeoutDefault && notDocumented}
        </dd>
        <dt>Success</dt>
        <dd>{SUCCESS[d.success]}</dd>
        <dt>Ladder</dt>
        <dd>
          <ol className="ladder-preview" aria-label={`${provider.name} retry ladder`}>
            <li>
              #1 <span className="muted">at once</span>
            </li>
            {d.retryDelaysMs.map((delay, i) => {
              at += delay;
              return (
                <li
                  key={i}
                  title={`${duration(at)} of waits after the first attempt, plus the failed attempts' durations`}
                >
                  #{i + 2} <span className="muted">+{duration(delay)}</span>
                </li>
              );
            })}
          </ol>
          {d.retryDelaysMs.length === 0 && <span className="muted">no automatic retries</span>}
          {retriesDefault && notDocumented}
        </dd>
        <dt>After failure</dt>
        <dd>
          {d.afterFailure}
          {d.disableAfterFailingMs !== undefined && (
            <> Disabled after {duration(d.disableAfterFailingMs)} of consecutive failures.</>
          )}
        </dd>
        <dt>Limits</dt>
        <dd>{limits(provider)}</dd>
        <dt>Signs with</dt>
        <dd className="mono">{[...new Set(provider.signature.forms.map((f) => f.header))].join(', ')}</dd>
      </dl>
      {provider.notes.length > 0 && (
        <details className="provider-notes">
          <summary>Notes on the documentation ({provider.notes.length})</summary>
          <ul>
            {provider.notes.map((note, i) => (
              <li key={i}>{note}</li>
            ))}
          </ul>
        </details>
      )}
    </details>
  );
}
