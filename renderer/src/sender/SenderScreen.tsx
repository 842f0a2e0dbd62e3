import { useEffect } from 'react';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { ErrorNote } from '../components/ErrorNote';
import { DeliveriesPane } from '../deliveries/DeliveriesPane';
import { useDeliveries } from '../deliveries/store';
import { HandlerCheck } from './HandlerCheck';
import { useProviders } from './providers';
import { SendForm } from './SendForm';
import { lastProvider, useSender } from './store';
import { WebhookState } from './WebhookState';

const TABS = [
  { id: 'delivery', label: 'Delivery timeline' },
  { id: 'check', label: 'Handler check' },
] as const;

/** Play a provider: send signed events, watch the retry ladder run live, check a handler's robustness. */
export function SenderScreen() {
  const { providers, loaded, error, load } = useProviders();
  const tab = useSender((s) => s.tab);
  const setTab = useSender((s) => s.setTab);

  useEffect(() => {
    void load();
    void useSender.getState().loadSpeed();
    void useDeliveries.getState().load();
  }, [load]);

  useEffect(() => {
    const { form, chooseProvider } = useSender.getState();
    // The provider last played, else the first.
    const last = lastProvider();
    const first = providers.find((p) => p.id === last) ?? providers[0];
    if (first && !form.provider)
      chooseProvider(
        first.id,
        first.events.map((e) => e.type),
      );
  }, [providers]);

  return (
    <div className="sender">
      <div className="sender-input">
        <div className="toolbar">
          <h2>Sender</h2>
        </div>
        <ErrorNote message={error} onRetry={() => void load()} />
        <WebhookState />
        {loaded ? <SendForm /> : <p className="muted pad">Loading providers…</p>}
      </div>
      <div className="sender-output">
        <div className="toolbar">
          <div className="segmented" role="tablist" aria-label="Sender output">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={tab === t.id}
                className={tab === t.id ? 'on' : ''}
                onClick={() => setTab(t.id)}
              >
                {t.label}
              </button>
            ))}
          </div>
        </div>
        <ErrorBoundary key={tab} label={tab === 'delivery' ? 'The delivery timeline' : 'The handler check'}>
          {tab === 'delivery' ? <DeliveriesPane /> : <HandlerCheck />}
        </ErrorBoundary>
      </div>
    </div>
  );
}
