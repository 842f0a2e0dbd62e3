import { useMemo } from 'react';
import type { DeliveryView } from '../../../src/shared/delivery-types';
import { AttemptTable } from './AttemptTable';
import { duration } from './format';
import { buildTimeline, describeLadder } from './ladder';
import { LadderStrip } from './LadderStrip';
import { NextStep } from './NextStep';
import { StatusBadge } from './StatusBadge';
import { useDeliveries } from './store';

const SUCCESS = { '2xx': 'any 2xx', 'exactly-200': 'exactly 200' } as const;

/** One delivery drawn on its provider's ladder, filled live as attempts start and finish. */
export function DeliveryTimeline({ view }: { view: DeliveryView }) {
  const rows = useMemo(() => buildTimeline(view), [view]);
  const { result, policy } = view;
  const disabled = useDeliveries((s) => s.disabled[result.webhookId]);
  return (
    <section
      className="timeline"
      aria-label={`Delivery #${result.deliveryId}`}
      data-delivery-id={result.deliveryId}
      data-status={result.status}
    >
      <header className="timeline-head">
        <h3>Delivery #{result.deliveryId}</h3>
        <StatusBadge status={result.status} />
        <span>{result.provider}</span>
        <code>{result.eventType}</code>
        <span className="muted">→</span>
        <code className="timeline-target" title={result.target}>
          {result.target}
        </code>
      </header>
      <p className="facts">
        {result.eventId && (
          <>
            event id <code>{result.eventId}</code> ·{' '}
          </>
        )}
        timeout {duration(policy.timeoutMs)} · success: {SUCCESS[policy.success]} ·{' '}
        {describeLadder(policy.retryDelaysMs, duration)} · signs{' '}
        {result.signatureForm ? <code>{result.signatureForm}</code> : 'the default form'} with{' '}
        {result.timestamps === 'provider' ? 'provider-schedule timestamps' : 'real-clock timestamps'}
      </p>
      <LadderStrip rows={rows} />
      <NextStep view={view} rows={rows} />
      {disabled && (
        <p className="warn" role="status">
          The provider disabled the webhook {disabled.url} after {duration(disabled.failingForMs)} of failures; its
          waiting deliveries failed.
        </p>
      )}
      {result.warnings.map((w) => (
        <p key={w} className="warn" role="status" data-testid="signing-warning">
          {w}
        </p>
      ))}
      <AttemptTable
        deliveryId={result.deliveryId}
        rows={rows}
        timeoutMs={policy.timeoutMs}
        dueAt={view.next?.dueAt ?? null}
      />
    </section>
  );
}
