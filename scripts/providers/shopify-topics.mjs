#!/usr/bin/env node
/**
 * Writes src/core/providers/shopify/topics.json from the Admin GraphQL API's
 * `WebhookSubscriptionTopic` enum. Shopify publishes no npm package holding
 * its Admin schema, so the input is a text file carrying the enum as
 * Shopify's schema documents it (each value's doc comment names its REST
 * topic in backquotes: "The webhook topic for `orders/create` events"),
 * e.g. a generated admin.types.ts or the enum's page on shopify.dev saved as
 * text. Run by hand:
 *
 *   node scripts/providers/shopify-topics.mjs <file holding the enum> "<where it came from>"
 *
 * Written: every backquoted topic (`resource/action`, or `resource.action`
 * for the customer tag topics) in the file's order, then the topics Shopify
 * documents outside the enum (below). Descriptions and samples are the
 * app's own (src/core/providers/shopify/topics.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'src/core/providers/shopify/topics.json');
const [input, origin] = process.argv.slice(2);
if (!input || !origin)
  throw new Error('usage: node scripts/providers/shopify-topics.mjs <file> "<where it came from>"');

/**
 * Topics Shopify documents but the enum leaves out: the three mandatory
 * compliance topics (shopify.dev/docs/apps/build/privacy-law-compliance,
 * configured in the app, never through the API), and `app/scopes_update`,
 * which the 2026-01 enum lists (shopify.dev/docs/api/admin-graphql/2026-01/enums/WebhookSubscriptionTopic)
 * and the older generated enum this list was first read from does not.
 */
const OUTSIDE_THE_ENUM = ['customers/data_request', 'customers/redact', 'shop/redact', 'app/scopes_update'];

const text = readFileSync(input, 'utf8');
const fromEnum = [...text.matchAll(/`([a-z_]+[/.][a-z_]+)`/g)].map((m) => m[1]);
if (fromEnum.length < 100) throw new Error(`only ${fromEnum.length} topics found in ${input}`);
const topics = [...new Set([...fromEnum, ...OUTSIDE_THE_ENUM])];

const out = {
  source: `${origin}; plus ${OUTSIDE_THE_ENUM.join(', ')} (documented outside that enum)`,
  generatedBy: 'scripts/providers/shopify-topics.mjs',
  topics,
};
writeFileSync(OUT, `${JSON.stringify(out, null, 1)}\n`);
console.log(`${OUT}: ${topics.length} topics (${fromEnum.length} from the enum)`);
