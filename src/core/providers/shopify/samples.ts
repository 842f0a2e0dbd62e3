/**
 * Shopify sample templates. A webhook's body is the resource itself, as the
 * REST Admin API shows it (no envelope), so the topics of one resource
 * share a template: an order for `orders/*`, a product for `products/*`...
 * A delete topic (`products/delete`...) carries only the id, as Shopify sends it. Times are the
 * send instant.
 */
import type { JsonObject } from '../../../shared/providers';

const SHOP_DOMAIN = 'hookscope-demo.myshopify.com';

/** `inventory_items` → `InventoryItem`: the GraphQL type in an admin_graphql_api_id. */
export function graphqlType(resource: string): string {
  const singular = /ies$/.test(resource)
    ? resource.replace(/ies$/, 'y')
    : /(ss|sh|ch|x)es$/.test(resource)
      ? resource.replace(/es$/, '')
      : resource.replace(/s$/, '');
  return singular
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

/** The id and GraphQL id every resource carries. */
function identity(resource: string, min = 1000000000, max = 9999999999): JsonObject {
  return {
    id: `{{int:${min}:${max}}}`,
    admin_graphql_api_id: `gid://shopify/${graphqlType(resource)}/{{int:${min}:${max}}}`,
  };
}

const TIMES = { created_at: '{{time:iso-s}}', updated_at: '{{time:iso-s}}' };

const CUSTOMER = {
  email: 'ada@example.com',
  first_name: 'Ada',
  last_name: 'Lovelace',
  state: 'enabled',
  verified_email: true,
};

function order(resource: string): JsonObject {
  return {
    ...identity(resource, 5000000000000, 5999999999999),
    email: 'ada@example.com',
    ...TIMES,
    currency: '{{pick:USD|EUR|CAD}}',
    total_price: '{{int:5:500}}.00',
    financial_status: resource === 'draft_orders' ? 'pending' : 'paid',
    line_items: [
      { id: '{{int:10000000000:99999999999}}', title: 'Hookscope T-shirt', quantity: '{{int:1:4}}', price: '25.00' },
    ],
  };
}

function product(resource: string): JsonObject {
  return {
    ...identity(resource, 7000000000000, 7999999999999),
    title: 'Hookscope T-shirt',
    handle: 'hookscope-t-shirt',
    status: 'active',
    vendor: 'Hookscope',
    ...TIMES,
    variants: [{ id: '{{int:40000000000000:49999999999999}}', title: 'Medium', price: '25.00', sku: 'HS-TEE-M' }],
  };
}

/** The mandatory compliance topics: who asks, and about which customer. */
function compliance(topic: string): JsonObject {
  const shop = { shop_id: '{{int:50000000:99999999}}', shop_domain: SHOP_DOMAIN };
  const customer = { id: '{{int:6000000000000:6999999999999}}', email: 'ada@example.com', phone: '+442071838750' };
  if (topic === 'shop/redact') return shop;
  if (topic === 'customers/redact')
    return { ...shop, customer, orders_to_redact: ['{{int:5000000000000:5999999999999}}'] };
  return {
    ...shop,
    orders_requested: ['{{int:5000000000000:5999999999999}}'],
    customer,
    data_request: { id: '{{int:1000:9999}}' },
  };
}

/** The resources whose body differs from the generic one: their own fields, as the REST Admin API shows them. */
const OWN_FIELDS: Record<string, () => JsonObject> = {
  inventory_levels: () => ({
    inventory_item_id: '{{int:40000000000000:49999999999999}}',
    location_id: '{{int:60000000000:69999999999}}',
    available: '{{int:0:120}}',
    updated_at: '{{time:iso-s}}',
  }),
  refunds: () => ({
    ...identity('refunds', 800000000000, 899999999999),
    order_id: '{{int:5000000000000:5999999999999}}',
    created_at: '{{time:iso-s}}',
    note: 'Damaged in transit',
    restock: true,
    refund_line_items: [{ id: '{{int:10000000000:99999999999}}', quantity: 1, subtotal: 25 }],
    transactions: [{ id: '{{int:6000000000000:6999999999999}}', kind: 'refund', status: 'success', amount: '25.00' }],
  }),
  fulfillments: () => ({
    ...identity('fulfillments', 4000000000000, 4999999999999),
    order_id: '{{int:5000000000000:5999999999999}}',
    status: 'success',
    tracking_company: 'UPS',
    tracking_number: '1Z{{int:100000000:999999999}}',
    ...TIMES,
  }),
  collections: () => ({
    ...identity('collections', 400000000000, 499999999999),
    handle: 'summer',
    title: 'Summer',
    published_at: '{{time:iso-s}}',
    updated_at: '{{time:iso-s}}',
  }),
  themes: () => ({
    ...identity('themes', 120000000000, 129999999999),
    name: 'Dawn',
    role: 'main',
    theme_store_id: 887,
    ...TIMES,
  }),
  locations: () => ({
    ...identity('locations', 60000000000, 69999999999),
    name: 'Warehouse',
    address1: '1 Market St',
    city: 'London',
    country_code: 'GB',
    active: true,
    ...TIMES,
  }),
};

const ORDER_LIKE = new Set(['orders', 'draft_orders', 'checkouts', 'carts']);
const PRODUCT_LIKE = new Set(['products', 'product_listings', 'scheduled_product_listings']);

/** The body Shopify posts for a topic. */
export function shopifySample(topic: string): JsonObject {
  if (topic === 'customers/data_request' || topic === 'customers/redact' || topic === 'shop/redact')
    return compliance(topic);
  const [resource, action] = topic.split(/[/.]/);
  if (action === 'delete' || action === 'destroy') return { id: identity(resource).id };
  if (ORDER_LIKE.has(resource)) return order(resource);
  if (PRODUCT_LIKE.has(resource)) return product('products');
  if (resource === 'customers' || resource === 'customer')
    return { ...identity('customers', 6000000000000, 6999999999999), ...CUSTOMER, ...TIMES };
  if (resource === 'shop' || resource === 'app')
    return { id: '{{int:50000000:99999999}}', name: 'Hookscope Demo', domain: SHOP_DOMAIN, ...TIMES };
  if (OWN_FIELDS[resource]) return OWN_FIELDS[resource]();
  if (resource === 'fulfillment_orders')
    return {
      fulfillment_order: {
        id: 'gid://shopify/FulfillmentOrder/{{int:6000000000000:6999999999999}}',
        status: '{{pick:open|in_progress|closed}}',
      },
    };
  return { ...identity(resource), ...TIMES };
}
