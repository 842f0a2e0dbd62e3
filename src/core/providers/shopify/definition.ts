import type { ProviderDefinition } from '../../../shared/providers';
import { MINUTE, SECOND, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';
import { SHOPIFY_TOPICS_SOURCE, shopifyListedEvents } from './topics';

export const shopify: ProviderDefinition = {
  id: 'shopify',
  name: 'Shopify',
  kind: 'common-scheme',
  description: 'Shopify Admin webhooks over HTTPS.',
  source: 'https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook',
  headers: [
    jsonContentType(),
    { name: 'X-Shopify-Topic', description: 'The topic.', value: { kind: 'event-type' } },
    signatureHeader('X-Shopify-Hmac-Sha256', 'HMAC-SHA256 of the raw body, base64.'),
    {
      name: 'X-Shopify-Shop-Domain',
      description: 'The shop.',
      value: { kind: 'static', value: 'hookscope-demo.myshopify.com' },
    },
    {
      name: 'X-Shopify-API-Version',
      description: 'API version of the payload.',
      value: { kind: 'static', value: '2025-01' },
    },
    { name: 'X-Shopify-Webhook-Id', description: 'Delivery id; the same on retries.', value: { kind: 'delivery-id' } },
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Shopify <base64> over the raw body',
        header: 'X-Shopify-Hmac-Sha256',
        format: { kind: 'plain' },
        digest: 'base64',
      }),
    ],
  },
  events: [
    {
      type: 'orders/create',
      description: 'An order was created.',
      sample: {
        id: '{{int:5000000000000:5999999999999}}',
        email: 'ada@example.com',
        created_at: '{{time:iso-s}}',
        currency: '{{pick:USD|EUR|CAD}}',
        total_price: '{{int:5:500}}.00',
        financial_status: 'pending',
        line_items: [
          {
            id: '{{int:10000000000:99999999999}}',
            title: 'Hookscope T-shirt',
            quantity: '{{int:1:4}}',
            price: '25.00',
          },
        ],
      },
    },
    {
      type: 'orders/paid',
      description: 'An order was paid.',
      sample: {
        id: '{{int:5000000000000:5999999999999}}',
        created_at: '{{time:iso-s}}',
        total_price: '{{int:5:500}}.00',
        financial_status: 'paid',
      },
    },
    {
      type: 'products/update',
      description: 'A product was updated.',
      sample: {
        id: '{{int:7000000000000:7999999999999}}',
        title: 'Hookscope T-shirt',
        status: '{{pick:active|draft}}',
        updated_at: '{{time:iso-s}}',
      },
    },
    {
      type: 'app/uninstalled',
      description: 'The app was uninstalled from the shop.',
      sample: { id: '{{int:50000000:99999999}}', domain: 'hookscope-demo.myshopify.com' },
    },
    ...shopifyListedEvents(new Set(['orders/create', 'orders/paid', 'products/update', 'app/uninstalled'])),
  ],
  envelope: { description: 'The resource itself (an order, a product...), no envelope.', requiredKeys: [] },
  eventTypeLocations: [{ in: 'header', name: 'X-Shopify-Topic' }],
  detection: { headers: ['X-Shopify-Hmac-Sha256', 'X-Shopify-Topic'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: 5 * SECOND,
    success: '2xx',
    retryDelaysMs: [1, 2, 4, 8, 16, 32, 64, 113].map((m) => m * MINUTE),
    afterFailure: 'Marked failed; after repeated failures Shopify removes the subscription.',
  },
  notes: [
    'Retries: https://shopify.dev/changelog/updates-to-webhook-retry-mechanism (September 2024) - a failed delivery is retried 8 times over 4 hours with exponential backoff, with the original payload (X-Shopify-Triggered-At tells its age); the delays are not published, so the ladder doubles from 1 minute and ends at 4 h (1, 2, 4... 64, then 113 min). Timeout: https://shopify.dev/docs/apps/build/webhooks/troubleshooting-webhooks - 1 s to connect and 5 s in all; only a 200-series answer is a success. A subscription created through the Admin API is deleted after 8 consecutive failures.',
    `Topics: orders/create, orders/paid, products/update and app/uninstalled by hand, then every other topic of ${SHOPIFY_TOPICS_SOURCE}; regenerate with scripts/providers/shopify-topics.mjs. Each sample is the resource as the REST Admin API shows it, from one template per resource (an order for orders/*, draft_orders/*, checkouts/* and carts/*; a product; a customer; an inventory level, a refund, a fulfillment, a collection, a theme, a location; a fulfillment order; the compliance topics' shop and customer; id and times for the rest), with id and admin_graphql_api_id; a */delete topic carries only the id. Descriptions are built from the topic name.`,
    "Sample times are the moment the delivery is created on the sender's clock (the instant its first attempt signs) and stay the same on every retry, as a provider's event time does.",
  ],
};
