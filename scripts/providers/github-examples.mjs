#!/usr/bin/env node
/**
 * Writes src/core/providers/github/examples.json from @octokit/webhooks-examples
 * (installed only in test/oracles: `npm ci --prefix test/oracles`). Run by hand
 * after bumping that package: `node scripts/providers/github-examples.mjs`.
 *
 * - One event per event.action (X-GitHub-Event plus the body's `action`), or
 *   the bare event name when GitHub lists no action (push, ping...).
 * - Its sample is the first published example for that event.action, as it
 *   is. An action listed without an example of its own points (`sameAs`) at
 *   an example of the same event; the sample engine sets its `action`.
 * - The only placeholders: every time value equal to the example's latest
 *   instant (the moment the event happened) becomes `{{time:iso-s}}` (or
 *   `{{time:iso-ms}}`, `{{time:unix-s}}`, keeping its format), so the event
 *   time is the send instant. Times with a UTC offset (commit timestamps) and
 *   earlier times stay as published; ids stay as published (stable).
 * - Objects repeated across examples (repository, sender, organization...)
 *   are stored once in `shared` and referenced as `{"$ref": n}`: the file is
 *   a fraction of the package's size and expands to the same JSON.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PACKAGE = join(ROOT, 'test/oracles/node_modules/@octokit/webhooks-examples');
const OUT = join(ROOT, 'src/core/providers/github/examples.json');

const { version } = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8'));
const definitions = JSON.parse(readFileSync(join(PACKAGE, 'api.github.com/index.json'), 'utf8'));

const ISO_Z = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;
const ISO_ANY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const UNIX_KEY = /(_at|^timestamp)$/;

/** Every [key, value] pair of a JSON value, walked without recursion. */
function* pairs(root) {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    for (const [key, value] of Object.entries(node)) {
      yield [key, value];
      stack.push(value);
    }
  }
}

/** Epoch ms of a time value: an ISO date-time string anywhere, or unix seconds in a `*_at` / `timestamp` key. */
function instantOf(key, value) {
  if (typeof value === 'string' && ISO_ANY.test(value)) return Date.parse(value);
  if (typeof value === 'number' && Number.isInteger(value) && value > 1e9 && value < 1e11 && UNIX_KEY.test(key))
    return value * 1000;
  return undefined;
}

/** The example's latest instant, to the second (undefined when it carries no time). */
export function latestInstant(example) {
  let latest;
  for (const [key, value] of pairs(example)) {
    const ms = instantOf(key, value);
    if (ms !== undefined && (latest === undefined || ms > latest)) latest = ms;
  }
  return latest === undefined ? undefined : Math.floor(latest / 1000) * 1000;
}

/** The example with each time at `latest`, in a format the sample engine writes, replaced by its placeholder. */
function withTimePlaceholders(example, latest) {
  const replace = (key, value) => {
    if (latest === undefined) return value;
    if (typeof value === 'string' && ISO_Z.test(value) && Math.floor(Date.parse(value) / 1000) * 1000 === latest)
      return value.includes('.') ? '{{time:iso-ms}}' : '{{time:iso-s}}';
    if (typeof value === 'number' && instantOf(key, value) === latest) return '{{time:unix-s}}';
    return value;
  };
  return JSON.parse(JSON.stringify(example), (key, value) => replace(key, value));
}

// ---------------------------------------------------------------- events

const events = [];
const templates = [];
let placeholders = 0;
for (const definition of definitions) {
  const described =
    definition.description
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\s+/g, ' ')
      .replace(/ For more information.*$/, '')
      .replace(/ The type of activity is specified in the `?action`? property of the payload object\./, '')
      .trim() || `The ${definition.name} event.`;
  const byAction = new Map();
  for (const example of definition.examples) {
    const action = example.action ?? '';
    if (!byAction.has(action)) byAction.set(action, example);
  }
  const actions = definition.actions.length > 0 ? definition.actions : [''];
  const first = definition.examples[0];
  for (const action of actions) {
    const type = action ? `${definition.name}.${action}` : definition.name;
    const description = action ? `${described} Action: ${action}.` : described;
    const own = byAction.get(action);
    if (own === undefined) {
      const donor = first.action ? `${definition.name}.${first.action}` : definition.name;
      events.push({ type, description, sameAs: donor });
      continue;
    }
    if (JSON.stringify(own).includes('{{')) throw new Error(`${type}: the example holds "{{", read as a placeholder`);
    const template = withTimePlaceholders(own, latestInstant(own));
    placeholders += (JSON.stringify(template).match(/\{\{time:/g) ?? []).length;
    events.push({ type, description, template: templates.length });
    templates.push(template);
  }
}

// ---------------------------------------------------------------- sharing

const MIN_SHARED = 120;
const counts = new Map();
for (const template of templates) {
  for (const [, value] of pairs(template)) {
    if (value === null || typeof value !== 'object') continue;
    if (Object.prototype.hasOwnProperty.call(value, '$ref')) throw new Error('an example holds a "$ref" key');
    const text = JSON.stringify(value);
    if (text.length >= MIN_SHARED) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
}
const sharedIds = new Map();
const shared = [];
/** The value with every repeated object replaced by a reference (top-down: the largest repeated object wins). */
function encode(value, self) {
  if (value === null || typeof value !== 'object') return value;
  const text = JSON.stringify(value);
  if (text !== self && (counts.get(text) ?? 0) >= 2) {
    let id = sharedIds.get(text);
    if (id === undefined) {
      id = shared.length;
      sharedIds.set(text, id);
      shared.push(null);
      shared[id] = encode(value, text);
    }
    return { $ref: id };
  }
  if (Array.isArray(value)) return value.map((v) => encode(v, undefined));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v, undefined)]));
}
const encoded = templates.map((t) => encode(t, JSON.stringify(t)));

const out = {
  source: `@octokit/webhooks-examples@${version} (api.github.com)`,
  generatedBy: 'scripts/providers/github-examples.mjs',
  shared,
  examples: encoded,
  events,
};
const text = `${JSON.stringify(out)}\n`;
writeFileSync(OUT, text);
const published = readFileSync(join(PACKAGE, 'api.github.com/index.json')).length;
console.log(
  `${OUT}: ${events.length} event types (${templates.length} with their own example, ${events.length - templates.length} sharing one), ` +
    `${shared.length} shared objects, ${placeholders} time placeholders, ${text.length} bytes (package file: ${published} bytes)`,
);
