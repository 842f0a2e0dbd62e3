#!/usr/bin/env node
/**
 * Writes src/core/providers/plaid/webhooks.json from the `plaid` npm library
 * (installed only in test/oracles: `npm ci --prefix test/oracles`). Run by
 * hand after bumping it: `node scripts/providers/plaid-webhooks.mjs`.
 *
 * The library's types declare every webhook Plaid sends: in dist/api.d.ts
 * each `*Webhook` interface has a `webhook_type` and a `webhook_code` field
 * whose doc comments name the pair's values (`ITEM`, `ERROR`), and the
 * interface's own doc comment describes it. Written: every pair, in order of
 * webhook_type then webhook_code, with its interface, description and a
 * sample built from the interface's fields (its own webhook_type and
 * webhook_code, the required fields, plus error, user_id, account_id and
 * counts), with placeholders for ids and times and a few realistic values set
 * below. Hookscope's event type is the pair, `WEBHOOK_TYPE.WEBHOOK_CODE`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PACKAGE = join(ROOT, 'test/oracles/node_modules/plaid');
const OUT = join(ROOT, 'src/core/providers/plaid/webhooks.json');

const { version } = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8'));
const src = readFileSync(join(PACKAGE, 'dist/api.d.ts'), 'utf8');

/** Every interface with its doc comment, and for each field its doc comment and type. */
function webhookInterfaces(text) {
  const out = [];
  for (const m of text.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*?)\*\/\s*export interface (\w+) \{([\s\S]*?)\n\}/g)) {
    const [, doc, name, body] = m;
    const field = (f) => {
      const x = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*?)\\*/\\s*${f}\\??: ([^;]+);`).exec(body);
      return x ? { doc: x[1], type: x[2] } : undefined;
    };
    const t = field('webhook_type');
    const c = field('webhook_code');
    if (!t || !c) continue;
    const value = (d) => /`(?:\\")?([A-Z0-9_]+)(?:\\")?`/.exec(d.doc)?.[1];
    const type = value(t);
    const code = value(c);
    // The sandbox's fire_webhook request has the fields but no values: not a webhook.
    if (!type || !code) continue;
    const description = doc
      .split('\n')
      .map((l) => l.replace(/^\s*\*\s?/, ''))
      .filter((l) => l && !l.startsWith('@'))
      .join(' ')
      .trim()
      .replace(/\\(['"])/g, '$1');
    const fields = [...body.matchAll(/^ {4}(\w+)(\??): ([^;]+);/gm)].map((x) => ({
      name: x[1],
      optional: x[2] === '?',
      type: x[3].trim(),
    }));
    out.push({ name, type, code, description, fields });
  }
  return out;
}

function enumFirst(name) {
  const m = new RegExp(`export declare enum ${name} \\{\\s*\\w+ = "([^"]+)"`).exec(src);
  return m?.[1];
}

function valueFor(name, type, optional) {
  if (name === 'environment') return 'production';
  if (name === 'error') return null;
  if (type.endsWith('| null') && optional) return null;
  const base = type.replace(/\s*\|\s*null$/, '');
  if (base === 'string') {
    if (/_at$|time$|timestamp$|date$/.test(name)) return /date$/.test(name) ? '{{time:date}}' : '{{time:iso-s}}';
    if (
      /_ids?$/.test(name) &&
      /identity_verification|screening|beacon|link_session|event|transfer|payment|consent|issue|wallet|originator|end_customer/.test(
        name,
      )
    )
      return '{{uuid}}';
    if (name === 'user_id') return '{{id::29}}';
    if (name.endsWith('_id')) return '{{id::37}}';
    const fixed = {
      link_token: 'link-production-{{uuid}}',
      public_token: 'public-production-{{uuid}}',
      institution_name: '{{pick:Chase|Wells Fargo|Bank of America}}',
      issue_description: 'Connectivity to the institution is degraded.',
      event_type: 'link_session.completed',
      status: '{{pick:success|failed}}',
      verification_status: 'VERIFICATION_STATUS_PROCESSING_COMPLETE',
      risk_signals_status: 'PROCESSING_COMPLETE',
      reason: 'INSTITUTION_TOKEN_EXPIRATION',
    };
    if (name.endsWith('_url')) return 'https://hooks.example.com/plaid';
    return fixed[name] ?? name;
  }
  if (base === 'number') return name.includes('rate') ? '{{float:0:1}}' : '{{int:1:400}}';
  if (base === 'boolean') return true;
  if (base === 'Array<string>') return ['{{id::37}}'];
  if (base.startsWith('{')) return {};
  if (base.startsWith('Array<')) return [];
  return enumFirst(base); // undefined for an object schema: left out of the sample
}

/** Optional fields the sample still carries: what a handler reads first. */
const KEPT_OPTIONAL = new Set(['error', 'user_id', 'account_id', 'item_id', 'webhook_code']);

function sampleOf(w) {
  const sample = { webhook_type: w.type, webhook_code: w.code };
  for (const f of w.fields) {
    if (f.name === 'webhook_type' || f.name === 'webhook_code') continue;
    if (f.optional && !KEPT_OPTIONAL.has(f.name) && !f.name.startsWith('new_')) continue;
    const v = valueFor(f.name, f.type, f.optional);
    if (v !== undefined) sample[f.name] = v;
  }
  if (!('environment' in sample)) sample.environment = 'production';
  return sample;
}

/** Values the field types cannot tell: a status that changes, a real error, a reference. */
const OVERRIDES = {
  'PAYMENT_INITIATION/CONSENT_STATUS_UPDATE': { old_status: 'UNAUTHORISED', new_status: 'AUTHORISED' },
  'PAYMENT_INITIATION/PAYMENT_STATUS_UPDATE': {
    old_payment_status: 'PAYMENT_STATUS_INITIATED',
    new_payment_status: 'PAYMENT_STATUS_EXECUTED',
    original_reference: 'INV-{{int:1000:9999}}',
  },
  'WALLET/WALLET_TRANSACTION_STATUS_UPDATE': { old_status: 'AUTHORISING', new_status: 'EXECUTED' },
  'ITEM/ERROR': {
    error: {
      error_type: 'ITEM_ERROR',
      error_code: 'ITEM_LOGIN_REQUIRED',
      error_code_reason: null,
      error_message:
        "the login details of this item have changed (credentials, MFA, or required user action) and a user login is required to update this information. use Link's update mode to restore the item to a good state",
      display_message: null,
      request_id: '{{id::15}}',
      causes: [],
      status: null,
      documentation_url: 'https://plaid.com/docs/errors/item/#item_login_required',
      suggested_action: null,
    },
  },
};

const byPair = new Map();
for (const w of webhookInterfaces(src)) {
  const key = `${w.type}.${w.code}`;
  // A pair declared twice (the processor variant of a Transactions webhook): the first declaration stands.
  if (byPair.has(key)) continue;
  const sample = { ...sampleOf(w), ...OVERRIDES[`${w.type}/${w.code}`] };
  byPair.set(key, { type: w.type, code: w.code, interface: w.name, description: w.description, sample });
}
const byName = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const webhooks = [...byPair.values()].sort((a, b) => byName(a.type, b.type) || byName(a.code, b.code));

const out = {
  source: `plaid@${version} (dist/api.d.ts: the *Webhook interfaces, webhook_type and webhook_code documented on each)`,
  generatedBy: 'scripts/providers/plaid-webhooks.mjs',
  webhooks,
};
writeFileSync(OUT, `${JSON.stringify(out, null, 1)}\n`);
const codes = new Set(webhooks.map((w) => w.code)).size;
process.stdout.write(`${OUT}: ${webhooks.length} type/code pairs (${codes} webhook codes) from plaid@${version}\n`);
