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

/** Every event of https://razorpay.com/docs/webhooks/all (Payments, Partners and Payouts). */
const EVENTS: Record<string, string> = {
  'order.paid': 'An order was paid (the payment was captured).',
  'payment.authorized': 'A payment was authorised.',
  'payment.captured': 'A payment was captured.',
  'payment.failed': 'A payment failed.',
  'payment.downtime.started': 'A payment method downtime began.',
  'payment.downtime.updated': 'A payment method downtime was updated.',
  'payment.downtime.resolved': 'A payment method downtime was resolved.',
  'refund.created': 'A refund was created.',
  'refund.processed': 'A refund was processed.',
  'refund.failed': 'A refund could not be processed.',
  'refund.speed_changed': 'The speed of a refund changed.',
  'payment.dispute.created': "The customer's bank raised a dispute against a payment.",
  'payment.dispute.won': 'A dispute was won.',
  'payment.dispute.lost': 'A dispute was lost.',
  'payment.dispute.closed': 'A dispute was closed.',
  'payment.dispute.under_review': 'A contested dispute is under review.',
  'payment.dispute.action_required': 'The evidence submitted for a dispute is not enough.',
  'invoice.partially_paid': 'An invoice was partly paid.',
  'invoice.paid': 'An invoice was paid.',
  'invoice.expired': 'An invoice expired.',
  'subscription.authenticated': 'The first payment of a subscription was made.',
  'subscription.activated': 'A subscription became active.',
  'subscription.charged': 'A subscription was charged.',
  'subscription.completed': 'A subscription completed (all invoices generated).',
  'subscription.updated': 'A subscription was updated.',
  'subscription.pending': 'A subscription charge failed; it is pending.',
  'subscription.halted': 'Every retry failed; the subscription is halted.',
  'subscription.cancelled': 'A subscription was cancelled.',
  'subscription.paused': 'A subscription was paused.',
  'subscription.resumed': 'A subscription was resumed.',
  'transfer.processed': 'A transfer to a Linked Account was processed.',
  'transfer.failed': 'A transfer to a Linked Account failed.',
  'settlement.processed': 'A settlement reached your bank account.',
  'product.route.under_review': 'A Linked Account is being verified.',
  'product.route.needs_clarification': "A Linked Account's verification failed; reasons are included.",
  'product.route.activated': 'A Linked Account was verified and activated.',
  'qr_code.created': 'A QR code was created.',
  'qr_code.credited': 'A payment was made with a QR code.',
  'qr_code.closed': 'A QR code was closed.',
  'virtual_account.created': 'A virtual account was created.',
  'virtual_account.credited': 'A payment was made to a virtual account.',
  'virtual_account.closed': 'A virtual account expired or was closed.',
  'payment_link.paid': 'A Payment Link was paid.',
  'payment_link.partially_paid': 'A Payment Link was partly paid.',
  'payment_link.cancelled': 'A Payment Link was cancelled.',
  'payment_link.expired': 'A Payment Link expired.',
  'account.app.authorization_revoked': 'A sub-merchant revoked access to the partner application.',
  'payout.pending': 'A payout awaits approval.',
  'payout.rejected': 'A payout was rejected.',
  'payout.queued': 'A payout was queued (funds or bank unavailable).',
  'payout.initiated': 'A payout is being processed.',
  'payout.processed': "A payout was processed by the contact's bank.",
  'payout.updated': 'A payout changed (for example its UTR arrived).',
  'payout.reversed': 'A payout failed and the amount was returned.',
  'payout.failed': 'A payout failed.',
  'payout.downtime.started': 'A payout downtime began.',
  'payout.downtime.resolved': 'A payout downtime was resolved.',
  'fund_account.validation.completed': 'A fund account validation completed.',
  'fund_account.validation.failed': 'A fund account validation failed.',
  'payout_link.pending': 'A payout link awaits approval.',
  'payout_link.issued': 'A payout link was issued.',
  'payout_link.processing': 'A payout link is being processed.',
  'payout_link.processed': 'A payout link was paid out.',
  'payout_link.attempted': 'The payout behind a payout link reversed; another attempt is needed.',
  'payout_link.cancelled': 'A payout link was cancelled.',
  'payout_link.rejected': 'A payout link was rejected.',
  'payout_link.expired': 'A payout link expired.',
  'transaction.created': 'A RazorpayX Lite transaction was created.',
};

/** Entity name, id prefix, and the entities a payload `contains`, by the event's resource. */
const ENTITIES: [match: string, contains: string[]][] = [
  ['order.', ['payment', 'order']],
  ['payment.downtime.', ['payment.downtime']],
  ['payment.dispute.', ['payment', 'dispute']],
  ['payment.', ['payment']],
  ['refund.', ['refund', 'payment']],
  ['invoice.', ['payment', 'order', 'invoice']],
  ['subscription.charged', ['subscription', 'payment']],
  ['subscription.', ['subscription']],
  ['transfer.', ['transfer']],
  ['settlement.', ['settlement']],
  ['product.route.', ['account', 'product']],
  ['qr_code.credited', ['payment', 'qr_code']],
  ['qr_code.', ['qr_code']],
  ['virtual_account.credited', ['payment', 'virtual_account', 'bank_transfer']],
  ['virtual_account.', ['virtual_account']],
  ['payment_link.', ['payment_link', 'order', 'payment']],
  ['account.app.', ['account']],
  ['payout.downtime.', ['payout.downtime']],
  ['payout.', ['payout']],
  ['fund_account.validation.', ['fund_account.validation']],
  ['payout_link.', ['payout_link']],
  ['transaction.', ['transaction']],
];

const ID_PREFIX: Record<string, string> = {
  payment: 'pay_',
  order: 'order_',
  dispute: 'disp_',
  refund: 'rfnd_',
  invoice: 'inv_',
  subscription: 'sub_',
  transfer: 'trf_',
  settlement: 'setl_',
  account: 'acc_',
  product: 'acc_prd_',
  qr_code: 'qr_',
  virtual_account: 'va_',
  bank_transfer: 'bt_',
  payment_link: 'plink_',
  'payment.downtime': 'down_',
  'payout.downtime': 'down_',
  payout: 'pout_',
  'fund_account.validation': 'fav_',
  payout_link: 'poutlk_',
  transaction: 'txn_',
};

function entity(name: string, type: string): JsonObject {
  const status = type.split('.').at(-1) ?? '';
  const base: JsonObject = { id: `{{id:${ID_PREFIX[name]}:14}}`, entity: name, created_at: '{{time:unix-s}}' };
  if (name === 'payment')
    return {
      ...base,
      amount: '{{int:100:500000}}',
      currency: 'INR',
      status: type === 'payment.failed' ? 'failed' : type === 'payment.authorized' ? 'authorized' : 'captured',
      order_id: '{{id:order_:14}}',
      method: '{{pick:card|upi|netbanking|wallet}}',
      captured: type !== 'payment.failed' && type !== 'payment.authorized',
      email: 'gaurav.kumar@example.com',
      contact: '+919876543210',
      notes: [],
      error_code: type === 'payment.failed' ? 'BAD_REQUEST_ERROR' : null,
    };
  if (name === 'payment.downtime' || name === 'payout.downtime')
    return {
      ...base,
      method: name === 'payout.downtime' ? 'IMPS' : 'upi',
      begin: '{{time:unix-s}}',
      end: type.endsWith('resolved') ? '{{time:unix-s}}' : null,
      status: type.endsWith('resolved') ? 'resolved' : type.endsWith('started') ? 'started' : 'updated',
      severity: '{{pick:low|medium|high}}',
    };
  return {
    ...base,
    amount: '{{int:100:500000}}',
    currency: 'INR',
    status,
    notes: [],
  };
}

function sample(type: string): JsonObject {
  const contains = ENTITIES.find(([match]) => type === match || type.startsWith(match))?.[1] ?? [];
  const payload: JsonObject = {};
  for (const name of contains) payload[name] = { entity: entity(name, type) };
  return {
    entity: 'event',
    account_id: '{{id:acc_:14}}',
    event: '{{eventType}}',
    contains,
    payload,
    created_at: '{{time:unix-s}}',
  };
}

export const razorpay: ProviderDefinition = {
  id: 'razorpay',
  name: 'Razorpay',
  kind: 'common-scheme',
  description: 'Razorpay payments and RazorpayX payouts: X-Razorpay-Signature, hex HMAC-SHA256 of the raw body.',
  source: 'https://razorpay.com/docs/webhooks/validate-test/',
  headers: [
    jsonContentType(),
    {
      name: 'X-Razorpay-Event-Id',
      description: 'Unique per event, the same on every retry: the idempotency key.',
      value: { kind: 'delivery-id' },
    },
    signatureHeader('X-Razorpay-Signature', "Hex HMAC-SHA256 of the raw body, keyed with the webhook's secret."),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Razorpay hex HMAC-SHA256 of the body',
        header: 'X-Razorpay-Signature',
        format: { kind: 'plain' },
        digest: 'hex',
      }),
    ],
  },
  events: eventsFrom(EVENTS, sample),
  envelope: {
    description:
      '{ entity: "event", account_id, event, contains: [entity names], payload: { <entity>: { entity } }, created_at (unix s) }',
    requiredKeys: ['entity', 'account_id', 'event', 'contains', 'payload', 'created_at'],
    timeField: { path: 'created_at', format: 'unix-s' },
  },
  eventTypeLocations: [{ in: 'body', path: 'event' }],
  detection: { headers: ['X-Razorpay-Signature', 'X-Razorpay-Event-Id'], headersAreGeneric: false },
  ids: {
    conventions: [{ field: 'account_id', prefix: 'acc_', description: 'The merchant account.' }],
    delivery: { generate: { style: 'uuid' } },
  },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    // "Exponential backoff for 24 hours after event creation"; the steps are not published: doubling from 1 minute, the last one cut to end at 24 h.
    retryDelaysMs: [...[1, 2, 4, 8, 16, 32, 64, 128, 256, 512].map((m) => m * MINUTE), 417 * MINUTE],
    afterFailure:
      'Given up 24 hours after the event was created; a webhook that keeps failing for 24 hours is disabled (an email says so) until it is enabled again in the Dashboard. Unacknowledged events up to 7 days old can be replayed from the Dashboard.',
    disableAfterFailingMs: 24 * HOUR,
  },
  notes: [
    "Scheme: https://razorpay.com/docs/webhooks/validate-test/ - X-Razorpay-Signature is the HMAC-SHA256 of the raw request body keyed with the webhook secret (chosen when the webhook is set up; not the API key secret), hex. Proven against the razorpay npm package's validateWebhookSignature.",
    'Idempotency: the x-razorpay-event-id header is unique per event (same page). Its real values are 14-character ids; Hookscope sends a UUID derived from the body, stable across retries.',
    'Events and payload shape: https://razorpay.com/docs/webhooks/all/ and the per-product pages (https://razorpay.com/docs/webhooks/payments/): { entity: "event", account_id, event, contains, payload.<entity>.entity, created_at }. Samples carry one entity per name in contains, with the fields the payments page shows.',
    'Retries: https://razorpay.com/docs/webhooks/best-practices/ - any non-2xx is a failure, retried with exponential backoff for 24 hours after the event was created, then the webhook is disabled. The steps are not published: Hookscope doubles from 1 minute (1, 2, 4 ... 512 minutes) and ends at 24 hours.',
    "Timeout: not documented by Razorpay; the sender uses Hookscope's visible default of 30 s. Edit it to match what you observe.",
    'After a secret change, retries of older events are still signed with the old secret (https://razorpay.com/docs/webhooks/faqs/): keep both secrets on the endpoint while they overlap.',
  ],
};
