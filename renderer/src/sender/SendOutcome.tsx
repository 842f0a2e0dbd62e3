import { CopyButton } from '../components/CopyButton';
import { useSender } from './store';

/** What Send returned: the webhook's subscription id, the provider's objections (sent anyway) and the secret generated when none was given. */
export function SendOutcome() {
  const outcome = useSender((s) => s.outcome);
  const update = useSender((s) => s.update);
  if (!outcome) return null;
  return (
    <div className="send-outcome" data-testid="send-outcome" data-delivery-id={outcome.deliveryId}>
      <p className="muted">
        Delivery #{outcome.deliveryId} started
        {outcome.warnings.length ? '; the provider would not accept it as is:' : '.'}
      </p>
      {outcome.subscriptionId !== null && (
        <p className="muted" data-testid="send-webhook-id">
          Webhook id <code data-testid="send-webhook-id-value">{outcome.subscriptionId}</code>: every send to this URL
          carries it in the payload, as the provider names one subscription.
        </p>
      )}
      {outcome.warnings.map((w, i) => (
        <p key={i} className="warn" role="status">
          {w}
        </p>
      ))}
      {outcome.publicKey && (
        <div className="generated-secret" data-testid="send-public-key">
          <span>
            Signed with a private key: configure your handler with this public key (paste it as an endpoint secret to
            verify captures):
          </span>
          <code data-testid="send-public-key-value">{outcome.publicKey}</code>
          <span className="generated-secret-actions">
            <CopyButton text={outcome.publicKey} className="small" />
          </span>
        </div>
      )}
      {outcome.generatedSecret !== null && (
        <div className="generated-secret" data-testid="generated-secret">
          <span>
            Signed with a generated secret; paste it into your handler (or bind it to an endpoint) to verify this
            delivery:
          </span>
          <code data-testid="generated-secret-value">{outcome.generatedSecret}</code>
          <span className="generated-secret-actions">
            <CopyButton text={outcome.generatedSecret} className="small" />
            <button type="button" className="small" onClick={() => update({ secret: outcome.generatedSecret ?? '' })}>
              Use for the next sends
            </button>
          </span>
        </div>
      )}
    </div>
  );
}
