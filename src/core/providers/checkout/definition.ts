import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import {
  HOUR,
  MINUTE,
  UNDOCUMENTED_TIMEOUT_MS,
  eventsFrom,
  hmacForm,
  jsonContentType,
  signatureHeader,
} from '../definition-parts';

/** https://www.checkout.com/docs/developer-resources/webhooks/webhook-event-types (the event types list). */
const EVENTS: Record<string, string> = {
  card_verified: 'A card verification succeeded.',
  card_verification_declined: 'A card verification was not approved.',
  dispute_canceled: 'The issuing bank canceled a dispute; the disputed amount is credited back.',
  dispute_evidence_required: 'A dispute needs your evidence; the disputed amount has been debited.',
  dispute_expired: 'The time to respond to a dispute has passed.',
  dispute_lost: 'The issuing bank rejected your evidence: the dispute is lost.',
  dispute_resolved: 'A dispute was resolved automatically because the payment had already been refunded.',
  dispute_won: 'The issuing bank accepted your evidence: the dispute is won and the amount credited back.',
  payment_approved: 'An acquirer or provider approved a payment.',
  payment_pending: 'An asynchronous payment needs further action.',
  payment_declined: 'A payment timed out or was declined by the acquirer or provider.',
  payment_expired: 'The customer did not complete an alternative payment link in time.',
  payment_voided: 'An authorized payment was voided.',
  payment_canceled: "The customer canceled the payment in the provider's interface.",
  payment_void_declined: 'A void attempt timed out or was declined.',
  payment_captured: 'An authorized payment was captured (or an alternative payment completed).',
  payment_capture_declined: 'A capture attempt timed out or was declined.',
  payment_capture_pending: 'A capture is waiting for the acquirer.',
  payment_refunded: 'A payment was refunded (fully or in part).',
  payment_refund_declined: 'A refund attempt was declined.',
  payment_refund_pending: 'A refund is waiting for the acquirer.',
  payment_chargeback: 'A chargeback was raised against a payment.',
  payment_retrieval: 'The issuing bank asked for information about a payment.',
  payment_paid: 'A payout was paid.',
  payment_returned: 'A payout was returned by the receiving bank.',
  source_updated: "A stored card's details were updated by the card scheme (account updater).",
};

const DECLINED = new Set([
  'card_verification_declined',
  'payment_declined',
  'payment_void_declined',
  'payment_capture_declined',
  'payment_refund_declined',
]);

function data(type: string): JsonObject {
  if (type.startsWith('dispute_'))
    return {
      id: '{{id:dsp_:26}}',
      payment_id: '{{id:pay_:26}}',
      amount: '{{int:500:99000}}',
      currency: 'EUR',
      reason: '{{pick:fraudulent|product_service_not_received|duplicate}}',
      reason_code: '10.4',
      evidence_required_by: '{{time:iso-s}}',
      date: '{{time:iso-s}}',
    };
  if (type === 'source_updated')
    return {
      id: '{{id:src_:26}}',
      type: 'card',
      customer_id: '{{id:cus_:26}}',
      expiry_month: '{{int:1:12}}',
      expiry_year: 2031,
      last4: '4242',
      scheme: 'Visa',
      updated_on: '{{time:iso-ms}}',
    };
  const declined = DECLINED.has(type);
  return {
    id: '{{id:pay_:26}}',
    action_id: '{{id:act_:26}}',
    reference: 'ORD-{{int:1000:9999}}-{{hex:4}}',
    amount: '{{int:500:99000}}',
    currency: 'EUR',
    response_code: declined ? '20051' : '10000',
    response_summary: declined ? 'Insufficient Funds' : 'Approved',
    processed_on: '{{time:iso-ms}}',
    metadata: { order_channel: 'web' },
  };
}

export const checkout: ProviderDefinition = {
  id: 'checkout',
  name: 'Checkout.com',
  kind: 'common-scheme',
  description:
    'Checkout.com webhooks (payments, disputes, card verification): Cko-Signature, hex HMAC-SHA256 of the body.',
  source: 'https://www.checkout.com/docs/developer-resources/webhooks/manage-webhooks/set-up-your-webhook-receiver',
  headers: [
    jsonContentType(),
    signatureHeader('Cko-Signature', "Hex HMAC-SHA256 of the raw body, keyed with the webhook's signature key."),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Checkout.com hex HMAC-SHA256 of the body',
        header: 'Cko-Signature',
        format: { kind: 'plain' },
        digest: 'hex',
      }),
    ],
  },
  events: eventsFrom(EVENTS, (type) => ({
    id: '{{id:evt_:26}}',
    type: '{{eventType}}',
    version: '1.0.43',
    created_on: '{{time:iso-ms}}',
    data: data(type),
    _links: {},
  })),
  envelope: {
    description: '{ id (evt_...), type, version, created_on (ISO 8601), data, _links }',
    requiredKeys: ['id', 'type', 'version', 'created_on', 'data', '_links'],
    timeField: { path: 'created_on', format: 'iso-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'type' }],
  detection: { headers: ['Cko-Signature'], headersAreGeneric: false },
  ids: {
    conventions: [{ field: 'id', prefix: 'evt_', description: 'Event id: the same on every retry.' }],
    delivery: { fromPayload: 'id', generate: { style: 'prefixed', prefix: 'evt_' } },
  },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    retryDelaysMs: [5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, 1 * HOUR, 4 * HOUR, 12 * HOUR, 12 * HOUR],
    afterFailure: 'Canceled after the eighth retry; it can be resent from the Dashboard or the API.',
  },
  notes: [
    "Scheme: https://www.checkout.com/docs/developer-resources/webhooks/manage-webhooks/set-up-your-webhook-receiver - Cko-Signature is the hex (Base16) HMAC-SHA256 of the raw body, keyed with the signature key set in the workflow's webhook action (used as text). Checkout.com advises computing it over the raw body, not a re-serialized one.",
    'Proof: Checkout.com publishes no webhook verifier in its Node SDK (checkout-sdk-node) and no test vectors; the scheme is proven against an independent node:crypto computation of the documented recipe (test/core/providers/oracles/checkout.test.ts).',
    'An optional Authorization header with a key of your choosing can be configured on the webhook action; it is not part of the signature and is not sent here.',
    'Retries: https://www.checkout.com/docs/workflows (Receive webhooks) - up to eight resends, 5 min, 10 min, 15 min, 30 min, 1 h, 4 h, 12 h and 12 h after the previous attempt; after that the webhook is canceled.',
    "Timeout: not documented; the sender uses Hookscope's visible default of 30 s.",
    'Events: https://www.checkout.com/docs/developer-resources/webhooks/webhook-event-types; envelope from its examples ({ id: "evt_...", type, version, created_on, data, _links }); the sample\'s _links point to its own event and subject ids (samples.ts). Checkout.com ids are 26 base-32 characters; samples use 26 base-62 characters after the same prefixes.',
  ],
};
