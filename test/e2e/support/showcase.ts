import { createHmac } from 'node:crypto';
import type { SeedCapture } from './seed';

/** Fixed, made-up data for the README screenshot: a morning of webhooks from a few providers. */
const T0 = Date.UTC(2025, 5, 12, 9, 41, 7, 120);
export const SHOWCASE_SECRET = 'whsec_showcase_only';
const SECRET = SHOWCASE_SECRET;

/** `signedCompact`: signed over the compact JSON while the pretty-printed text is sent (a proxy re-formatted it). */
function stripe(
  at: number,
  type: string,
  object: Record<string, unknown>,
  status = 200,
  signedCompact = false,
): SeedCapture {
  const id = `evt_1Q${type.length}x${at.toString(36).toUpperCase()}`;
  const body = Buffer.from(
    JSON.stringify(
      {
        id,
        object: 'event',
        api_version: '2024-06-20',
        created: Math.floor((T0 + at) / 1000),
        type,
        livemode: false,
        pending_webhooks: 1,
        request: { id: `req_${at.toString(36)}`, idempotency_key: null },
        data: { object },
      },
      null,
      2,
    ),
  );
  const t = Math.floor((T0 + at) / 1000);
  const signed = signedCompact ? JSON.stringify(JSON.parse(body.toString())) : body.toString();
  const v1 = createHmac('sha256', SECRET).update(`${t}.${signed}`).digest('hex');
  return {
    endpoint: 'stripe',
    receivedAt: T0 + at,
    method: 'POST',
    target: '/stripe/webhook',
    headers: [
      ['Host', '127.0.0.1:8787'],
      ['User-Agent', 'Stripe/1.0 (+https://stripe.com/docs/webhooks)'],
      ['Content-Length', String(body.length)],
      ['Accept', '*/*; q=0.5, application/xml'],
      ['Cache-Control', 'no-cache'],
      ['Content-Type', 'application/json; charset=utf-8'],
      ['Stripe-Signature', `t=${t},v1=${v1}`],
    ],
    body,
    status,
    responseBody: status === 200 ? '{"received":true}' : '{"error":"invoice not found"}',
  };
}

function github(at: number, event: string, payload: Record<string, unknown>): SeedCapture {
  const body = Buffer.from(JSON.stringify(payload));
  return {
    endpoint: 'github',
    receivedAt: T0 + at,
    method: 'POST',
    target: '/github/events',
    headers: [
      ['Host', '127.0.0.1:8787'],
      ['User-Agent', 'GitHub-Hookshot/8d4f2a1'],
      ['Content-Length', String(body.length)],
      ['Accept', '*/*'],
      ['Content-Type', 'application/json'],
      ['X-GitHub-Delivery', `5f2c1e80-28a9-11f0-9c4e-${(at * 7919).toString(16).padStart(12, '0').slice(-12)}`],
      ['X-GitHub-Event', event],
      ['X-GitHub-Hook-ID', '512394877'],
      ['X-Hub-Signature-256', `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`],
    ],
    body,
    status: 200,
  };
}

function shopify(at: number, topic: string, payload: Record<string, unknown>): SeedCapture {
  const body = Buffer.from(JSON.stringify(payload));
  return {
    endpoint: 'shopify',
    receivedAt: T0 + at,
    method: 'POST',
    target: '/shopify/orders',
    headers: [
      ['Host', '127.0.0.1:8787'],
      ['User-Agent', 'Shopify-Captain-Hook'],
      ['Content-Length', String(body.length)],
      ['Content-Type', 'application/json'],
      ['X-Shopify-Topic', topic],
      ['X-Shopify-Hmac-Sha256', createHmac('sha256', SECRET).update(body).digest('base64')],
      ['X-Shopify-Shop-Domain', 'acme-coffee.myshopify.com'],
      ['X-Shopify-Webhook-Id', `b54557e4-bdd9-4b37-8a5f-${String(at).padStart(12, '0')}`],
    ],
    body,
    status: 200,
  };
}

const paymentIntent = {
  id: 'pi_3QxLr2Hd8v2Zt01',
  object: 'payment_intent',
  amount: 4900,
  amount_received: 4900,
  currency: 'eur',
  customer: 'cus_R7mQe1pLk2',
  description: 'Pro plan, yearly',
  metadata: { order_id: 'ord_10482', plan: 'pro-yearly' },
  payment_method_types: ['card'],
  status: 'succeeded',
};

/** Oldest first, as they arrived. */
export const SHOWCASE: SeedCapture[] = [
  github(0, 'push', {
    ref: 'refs/heads/main',
    before: '9b2e71c',
    after: '4f0d2aa',
    repository: { full_name: 'acme/checkout' },
    pusher: { name: 'ines' },
  }),
  stripe(41_310, 'customer.subscription.updated', {
    id: 'sub_1QxK9s',
    object: 'subscription',
    status: 'active',
    cancel_at_period_end: false,
  }),
  shopify(93_002, 'orders/create', {
    id: 5_512_094_113,
    name: '#1042',
    total_price: '38.00',
    currency: 'EUR',
    financial_status: 'paid',
  }),
  stripe(
    127_655,
    'invoice.payment_failed',
    { id: 'in_1QxLq0', object: 'invoice', amount_due: 1900, attempt_count: 1 },
    500,
  ),
  stripe(
    131_920,
    'invoice.payment_failed',
    { id: 'in_1QxLq0', object: 'invoice', amount_due: 1900, attempt_count: 1 },
    500,
  ),
  stripe(188_440, 'invoice.payment_failed', { id: 'in_1QxLq0', object: 'invoice', amount_due: 1900, attempt_count: 1 }),
  github(240_118, 'pull_request', {
    action: 'opened',
    number: 318,
    pull_request: { title: 'Retry webhooks with backoff' },
    repository: { full_name: 'acme/checkout' },
  }),
  {
    endpoint: 'default',
    receivedAt: T0 + 301_574,
    method: 'GET',
    target: '/default/health?probe=uptime&region=eu-west-1',
    headers: [
      ['Host', '127.0.0.1:8787'],
      ['User-Agent', 'uptime-kuma/1.23'],
      ['Accept', '*/*'],
    ],
    body: Buffer.alloc(0),
    status: 200,
  },
  shopify(356_771, 'orders/paid', {
    id: 5_512_094_113,
    name: '#1042',
    total_price: '38.00',
    currency: 'EUR',
    financial_status: 'paid',
  }),
  stripe(402_315, 'payment_intent.succeeded', paymentIntent),
  stripe(
    447_903,
    'charge.refunded',
    { id: 'ch_3QxM0a', object: 'charge', amount: 2500, amount_refunded: 2500, currency: 'eur', refunded: true },
    200,
    true,
  ),
];
