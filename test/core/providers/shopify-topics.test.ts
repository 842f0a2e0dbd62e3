/**
 * Shopify's topic list: the 4 topics listed by hand, then every topic of
 * topics.json (the Admin API's WebhookSubscriptionTopic enum and the topics
 * documented outside it, written by scripts/providers/shopify-topics.mjs).
 * Each sample is its resource as Shopify posts it, obeys the payload rules
 * with its times at the send instant, goes out with its topic in
 * X-Shopify-Topic, is signed as Shopify's documented recipe says and is
 * detected as Shopify with its own topic.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  detectProvider,
  validatePayload,
} from '../../../src/core/providers';
import { graphqlType } from '../../../src/core/providers/shopify/samples';
import {
  SHOPIFY_LISTED_TOPICS,
  SHOPIFY_TOPICS_SOURCE,
  describeShopifyTopic,
} from '../../../src/core/providers/shopify/topics';

const registry = createProviderRegistry();
const shopify = registry.require('shopify');
const SECRET = 'hookscope_shopify_client_secret';
const NOW = Date.UTC(2026, 11, 5, 3, 10);
const ISO = new Date(NOW).toISOString().replace(/\.\d{3}Z$/, 'Z');

describe("Shopify's topic list", () => {
  const topics = shopify.events.map((e) => e.type);

  it('holds the topics listed by hand and every topic of the generated list, once each', () => {
    expect(SHOPIFY_TOPICS_SOURCE).toMatch(/WebhookSubscriptionTopic/);
    expect(SHOPIFY_LISTED_TOPICS.length).toBeGreaterThan(160);
    expect(new Set(topics).size).toBe(topics.length);
    expect(SHOPIFY_LISTED_TOPICS.filter((t) => !topics.includes(t))).toEqual([]);
    expect(topics.filter((t) => !SHOPIFY_LISTED_TOPICS.includes(t))).toEqual([]);
    expect(topics.slice(0, 4)).toEqual(['orders/create', 'orders/paid', 'products/update', 'app/uninstalled']);
    expect(topics).toEqual(
      expect.arrayContaining([
        'orders/cancelled',
        'orders/fulfilled',
        'refunds/create',
        'fulfillment_orders/moved',
        'inventory_levels/update',
        'customers/create',
        'customer.tags_added',
        'app_subscriptions/update',
        'customers/data_request',
        'customers/redact',
        'shop/redact',
        'app/scopes_update',
      ]),
    );
    for (const topic of topics) expect(topic).toMatch(/^[a-z_]+\/[a-z_]+$|^customer\.tags_(added|removed)$/);
  });

  it('describes each topic, by hand where its name says too little', () => {
    const description = (topic: string) => shopify.events.find((e) => e.type === topic)!.description;
    expect(description('orders/create')).toBe('An order was created.');
    expect(description('draft_orders/update')).toBe('Draft orders: updated.');
    expect(describeShopifyTopic('fulfillment_orders/placed_on_hold')).toBe('Fulfillment orders: placed on hold.');
    expect(describeShopifyTopic('domains/destroy')).toBe('Domains: deleted.');
    expect(description('shop/redact')).toMatch(/^Mandatory compliance topic/);
    expect(shopify.events.every((e) => e.description.length > 10)).toBe(true);
  });

  it('every sample obeys the payload rules for several seeds, its times at the send instant', () => {
    for (const event of shopify.events) {
      for (const seed of [1, 7, 1234]) {
        const sample = buildSample(shopify, event.type, seed, { nowMs: NOW }) as Record<string, any>;
        expect(validatePayload(shopify, event.type, sample), `${event.type} seed ${seed}`).toEqual([]);
        for (const field of ['created_at', 'updated_at'])
          if (field in sample) expect(sample[field], `${event.type} ${field}`).toBe(ISO);
      }
    }
  });

  it("each resource's topics carry it as Shopify posts it", () => {
    const body = (topic: string) => buildSample(shopify, topic, 3, { nowMs: NOW }) as Record<string, any>;
    expect(body('orders/cancelled')).toMatchObject({
      financial_status: 'paid',
      line_items: [{ title: 'Hookscope T-shirt' }],
    });
    expect(body('orders/cancelled').admin_graphql_api_id).toMatch(/^gid:\/\/shopify\/Order\/\d+$/);
    expect(body('draft_orders/create').admin_graphql_api_id).toMatch(/^gid:\/\/shopify\/DraftOrder\//);
    expect(body('products/create')).toMatchObject({ title: 'Hookscope T-shirt', variants: [{ sku: 'HS-TEE-M' }] });
    expect(body('customers/update')).toMatchObject({ email: 'ada@example.com', updated_at: ISO });
    expect(body('inventory_items/update').admin_graphql_api_id).toMatch(/^gid:\/\/shopify\/InventoryItem\//);
    expect(body('fulfillment_orders/moved').fulfillment_order.id).toMatch(/^gid:\/\/shopify\/FulfillmentOrder\//);
    expect(body('inventory_levels/update')).toMatchObject({ available: expect.any(Number), updated_at: ISO });
    expect(body('refunds/create')).toMatchObject({ order_id: expect.any(Number), transactions: [{ kind: 'refund' }] });
    expect(body('fulfillments/create')).toMatchObject({ status: 'success', tracking_company: 'UPS' });
    expect(body('themes/publish')).toMatchObject({ role: 'main', updated_at: ISO });
    // A delete topic carries only the deleted resource's id.
    for (const topic of topics.filter((t) => /\/(delete|destroy)$/.test(t)))
      expect(Object.keys(body(topic)), topic).toEqual(['id']);
    expect(Object.keys(body('shop/redact')).sort()).toEqual(['shop_domain', 'shop_id']);
    expect(body('customers/redact')).toMatchObject({
      customer: { email: 'ada@example.com' },
      orders_to_redact: [expect.any(Number)],
    });
    expect(body('customers/data_request')).toMatchObject({ data_request: { id: expect.any(Number) } });
    expect(graphqlType('companies')).toBe('Company');
    expect(graphqlType('shipping_addresses')).toBe('ShippingAddress');
    expect(graphqlType('subscription_billing_cycle_edits')).toBe('SubscriptionBillingCycleEdit');
  });

  it("each topic goes out in X-Shopify-Topic, signed as Shopify's recipe says, and is detected as Shopify with its topic", () => {
    for (const event of shopify.events) {
      const request = buildOutgoingRequest(shopify, {
        eventType: event.type,
        payload: buildSample(shopify, event.type, 5, { nowMs: NOW }),
        secret: SECRET,
        timestampSec: Math.floor(NOW / 1000),
      });
      const header = (name: string) => request.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
      expect(header('X-Shopify-Topic')).toBe(event.type);
      const expected = createHmac('sha256', SECRET).update(Buffer.from(request.body)).digest('base64');
      expect(header('X-Shopify-Hmac-Sha256'), event.type).toBe(expected);
      const detected = detectProvider({ headers: request.headers, body: request.body }, registry);
      expect([detected.providerId, detected.eventType], event.type).toEqual(['shopify', event.type]);
    }
  });
});
