import { useCallback, useEffect, useState } from 'react';
import type { WebhookView } from '../../../src/shared/delivery-types';
import { ErrorNote } from '../components/ErrorNote';
import { useDeliveries } from '../deliveries/store';
import { duration } from '../deliveries/format';
import { call, errorText } from '../transport';

function failingFor(w: WebhookView): string | null {
  if (!w.failingSince || !w.failingLast) return null;
  return duration(Date.parse(w.failingLast) - Date.parse(w.failingSince));
}

/**
 * The webhooks a provider (or the user) turned off: Prynt disables one after
 * 24 hours of consecutive failures, and refuses new sends to it until it is
 * enabled again. One button brings each back (its failing streak starts over).
 */
export function WebhookState() {
  const [disabled, setDisabled] = useState<WebhookView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [enabling, setEnabling] = useState<number | null>(null);
  // A 'webhook-disabled' event lands in the deliveries store: read the list again then.
  const disabledEvents = useDeliveries((s) => s.disabled);

  const load = useCallback(async () => {
    try {
      setDisabled((await call('webhooks.list', {})).filter((w) => !w.enabled));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load, disabledEvents]);

  async function enable(id: number): Promise<void> {
    setEnabling(id);
    try {
      await call('webhooks.setEnabled', { id, enabled: true });
      await load();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setEnabling(null);
    }
  }

  if (disabled.length === 0 && !error) return null;
  return (
    <div className="webhook-state" data-testid="disabled-webhooks">
      <ErrorNote message={error} onRetry={() => void load()} />
      {disabled.map((w) => {
        const streak = failingFor(w);
        return (
          <div key={w.id} className="warn" role="status" data-webhook-id={w.id}>
            <span>
              Webhook <code>{w.url}</code> ({w.provider}) is disabled
              {w.disabledReason === 'disabled by the user'
                ? ' by you'
                : streak
                  ? ` after ${streak} of consecutive failures (provider time)`
                  : ''}
              : sends to it are refused.
            </span>{' '}
            <button type="button" className="small" disabled={enabling === w.id} onClick={() => void enable(w.id)}>
              {enabling === w.id ? 'Enabling…' : 'Enable webhook'}
            </button>
          </div>
        );
      })}
    </div>
  );
}
