import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { HOUR, MINUTE, SECOND, eventsFrom, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

/** The webhook events of Square's Webhooks reference (https://developer.squareup.com/reference/square/webhooks), by resource. */
const EVENTS: Record<string, string> = {
  'bank_account.created': 'A bank account was linked to the seller.',
  'bank_account.verified': 'A linked bank account was verified.',
  'bank_account.disabled': 'A linked bank account was disabled.',
  'booking.created': 'A booking was created.',
  'booking.updated': 'A booking was updated or canceled.',
  'card.created': 'A card was stored on file.',
  'card.updated': 'A card on file was updated.',
  'card.disabled': 'A card on file was disabled.',
  'card.forgotten': 'A card on file was forgotten (GDPR).',
  'card.automatically_updated': 'A card on file was updated by the card network.',
  'catalog.version.updated': 'The catalog changed.',
  'customer.created': 'A customer profile was created.',
  'customer.updated': 'A customer profile was updated.',
  'customer.deleted': 'A customer profile was deleted.',
  'dispute.created': 'A cardholder disputed a payment.',
  'dispute.state.updated': "A dispute's state changed.",
  'dispute.evidence.created': 'Evidence was added to a dispute.',
  'dispute.evidence.deleted': 'Evidence was removed from a dispute.',
  'gift_card.created': 'A gift card was created.',
  'gift_card.updated': 'A gift card was updated.',
  'gift_card.activity.created': 'A gift card activity (load, redeem...) was recorded.',
  'inventory.count.updated': 'An inventory count changed.',
  'invoice.created': 'A draft invoice was created.',
  'invoice.published': 'An invoice was published.',
  'invoice.updated': 'An invoice was updated.',
  'invoice.payment_made': 'A payment was made on an invoice.',
  'invoice.scheduled_charge_failed': 'An automatic invoice charge failed.',
  'invoice.canceled': 'An invoice was canceled.',
  'invoice.refunded': 'An invoice payment was refunded.',
  'invoice.deleted': 'A draft invoice was deleted.',
  'labor.shift.created': 'A shift was started.',
  'labor.shift.updated': 'A shift was updated.',
  'labor.shift.deleted': 'A shift was deleted.',
  'location.created': 'A location was created.',
  'location.updated': 'A location was updated.',
  'loyalty.account.created': 'A loyalty account was created.',
  'loyalty.account.updated': 'A loyalty account was updated.',
  'loyalty.event.created': 'A loyalty event (points earned or redeemed) was recorded.',
  'oauth.authorization.revoked': "The seller revoked the application's access.",
  'order.created': 'An order was created.',
  'order.updated': 'An order was updated.',
  'order.fulfillment.updated': "An order's fulfillment changed.",
  'payment.created': 'A payment was created.',
  'payment.updated': 'A payment was updated (completed, canceled...).',
  'payout.sent': 'A payout was sent to the bank.',
  'payout.failed': 'A payout failed.',
  'payout.paid': 'A payout was paid.',
  'refund.created': 'A refund was created.',
  'refund.updated': 'A refund was updated.',
  'subscription.created': 'A subscription was created.',
  'subscription.updated': 'A subscription was updated.',
  'team_member.created': 'A team member was created.',
  'team_member.updated': 'A team member was updated.',
  'terminal.checkout.created': 'A Terminal checkout was created.',
  'terminal.checkout.updated': 'A Terminal checkout was updated.',
  'terminal.refund.created': 'A Terminal refund was created.',
  'terminal.refund.updated': 'A Terminal refund was updated.',
};

function objectFor(resource: string): JsonObject {
  const common = { id: '{{id::22}}', created_at: '{{time:iso-ms}}', updated_at: '{{time:iso-ms}}' };
  if (resource === 'payment' || resource === 'refund')
    return {
      ...common,
      amount_money: { amount: '{{int:100:50000}}', currency: 'USD' },
      status: '{{pick:APPROVED|COMPLETED}}',
      location_id: 'L{{id::12}}',
      ...(resource === 'payment' ? { source_type: 'CARD' } : { payment_id: '{{id::22}}' }),
    };
  if (resource === 'order') return { ...common, state: 'OPEN', version: '{{int:1:9}}', location_id: 'L{{id::12}}' };
  if (resource === 'customer') return { ...common, given_name: 'Ada', family_name: 'Lovelace', version: '{{int:0:9}}' };
  return { ...common, version: '{{int:0:9}}' };
}

export const square: ProviderDefinition = {
  id: 'square',
  name: 'Square',
  kind: 'common-scheme',
  description:
    'Square webhooks: JSON event notifications signed with the subscription signature key, base64 HMAC-SHA256 over the notification URL followed by the body.',
  source: 'https://developer.squareup.com/docs/webhooks/step3validate',
  headers: [
    jsonContentType(),
    {
      name: 'square-environment',
      description: 'Production or Sandbox.',
      value: { kind: 'static', value: 'Production' },
    },
    signatureHeader(
      'x-square-hmacsha256-signature',
      'Base64 HMAC-SHA256, keyed with the signature key, of the notification URL followed by the raw body.',
    ),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Square base64 HMAC-SHA256 over the notification URL + body',
        header: 'x-square-hmacsha256-signature',
        format: { kind: 'plain' },
        digest: 'base64',
        signedContent: { template: '{url}{body}', bodyForms: ['raw'] },
      }),
    ],
  },
  events: eventsFrom(EVENTS, (type) => {
    const resource = type.split('.')[0];
    return {
      merchant_id: 'M{{id::12}}',
      type: '{{eventType}}',
      event_id: '{{uuid}}',
      created_at: '{{time:iso-ms}}',
      data: { type: resource, id: '{{id::22}}', object: { [resource]: objectFor(resource) } },
    };
  }),
  envelope: {
    description: '{ merchant_id, type, event_id, created_at, data: { type, id, object: { <resource>: {...} } } }',
    requiredKeys: ['merchant_id', 'type', 'event_id', 'created_at', 'data'],
    timeField: { path: 'created_at', format: 'iso-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'type' }],
  detection: {
    headers: ['x-square-hmacsha256-signature'],
    headersAreGeneric: false,
  },
  ids: {
    conventions: [
      { field: 'event_id', description: 'The event id (a UUID), the same on every retry: the idempotency key.' },
    ],
    delivery: { fromPayload: 'event_id', generate: { style: 'uuid' } },
  },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: 10 * SECOND,
    success: '2xx',
    retryDelaysMs: [...[1, 2, 4, 8, 16, 32, 64, 128, 256, 512].map((m) => m * MINUTE), 7 * HOUR],
    afterFailure:
      'Retries stop after 24 hours. A subscription that gets no 2xx for three weeks is disabled after three warning emails.',
  },
  notes: [
    "Scheme: https://developer.squareup.com/docs/webhooks/step3validate - x-square-hmacsha256-signature is the base64 HMAC-SHA256, keyed with the subscription's signature key, of the notification URL (exactly as configured) followed by the raw body. Proven both ways against square (npm) WebhooksHelper.verifySignature.",
    'Behind a proxy or tunnel the handler must use the public notification URL, not the one it sees; the verifier tries the forwarded and scheme variants and names the one that matched.',
    'Headers: https://developer.squareup.com/docs/webhooks/step2subscribe - square-environment, square-initial-delivery-timestamp, square-retry-number and square-retry-reason (http_timeout after 10 s, http_error). The sender sends the signature, environment and Content-Type; the delivery-timestamp and retry headers are not played.',
    'Timeout 10 s (the http_timeout retry reason). Retries: Square documents retries with exponential backoff for up to 24 hours but publishes no schedule; the ladder here (1, 2, 4 ... 512 minutes, then 7 h) is a Hookscope choice that spans about 24 hours. Disabling after three weeks without a 2xx: https://developer.squareup.com/docs/webhooks/step4manage.',
    'Events: the Webhooks reference (https://developer.squareup.com/reference/square/webhooks); samples carry data.object.<resource> (Square names some objects otherwise, e.g. order events carry order_created / order_updated).',
    'event_id is the idempotency key (the same on every retry).',
  ],
};
