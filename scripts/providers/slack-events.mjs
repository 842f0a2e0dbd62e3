#!/usr/bin/env node
/**
 * Writes src/core/providers/slack/events.json from the `@slack/types` npm
 * library (installed only in test/oracles: `npm ci --prefix test/oracles`).
 * Run by hand after bumping it: `node scripts/providers/slack-events.mjs`.
 *
 * The library declares every Events API event as an interface in
 * dist/events/*.d.ts, gathered in the `SlackEvent` union of
 * dist/events/index.d.ts; each interface has its `type` literal and, for the
 * `message` family, a `subtype` literal. Written: per event type the
 * subtypes the library declares for it (empty for most) and the shape of
 * its required fields (read by dts-shape.mjs). The app
 * fills that shape with values chosen by field name
 * (src/core/providers/slack/samples.ts); the descriptions are its own.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shapeReader } from './dts-shape.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PACKAGE = join(ROOT, 'test/oracles/node_modules/@slack/types');
const EVENTS = join(PACKAGE, 'dist/events');
const OUT = join(ROOT, 'src/core/providers/slack/events.json');

const { version } = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8'));

/** Every interface body (exported or not) by name, to resolve a field of a named type (`item: ReactionMessageItem`). */
const bodies = new Map();
/** Type aliases that are string literal unions (`ChannelTypes`): their first value. */
const stringAliases = new Map();
const { fieldsOf } = shapeReader(bodies, stringAliases);

/** Interface name → { type, subtype, fields } for every declared event interface; alias name → its members. */
const interfaces = new Map();
const aliases = new Map();
const sources = readdirSync(EVENTS)
  .filter((f) => f.endsWith('.d.ts'))
  .map((name) => readFileSync(join(EVENTS, name), 'utf8'));
for (const text of sources) {
  for (const m of text.matchAll(/^(?:export )?type (\w+) = '([^']*)'(?: \| '[^']*')*;$/gm))
    stringAliases.set(m[1], `=${m[2]}`);
  for (const m of text.matchAll(/^(?:export )?interface (\w+) \{\n([\s\S]*?)^\}/gm)) bodies.set(m[1], m[2]);
  for (const m of text.matchAll(/^export type (\w+) = ([\w| ]+);$/gm))
    aliases.set(
      m[1],
      m[2].split('|').map((s) => s.trim()),
    );
}
for (const [name, body] of bodies) {
  const head = /^ {4}type: '([^']+)';\n(?: {4}subtype: '([^']+)';)?/.exec(body);
  if (head) interfaces.set(name, { type: head[1], subtype: head[2], fields: fieldsOf(body.split('\n'), 4, 0) });
}

/** The interfaces a union member stands for (an alias such as AllMessageEvents expands to its members). */
function members(name) {
  if (interfaces.has(name)) return [interfaces.get(name)];
  if (aliases.has(name)) return aliases.get(name).flatMap(members);
  throw new Error(`no event interface or union named ${name}`);
}

const union = aliases.get('SlackEvent');
if (!union) throw new Error('no SlackEvent union in dist/events/index.d.ts');
const byType = new Map();
for (const { type, subtype, fields } of union.flatMap(members)) {
  const entry = byType.get(type) ?? { subtypes: [], fields };
  if (subtype) entry.subtypes.push(subtype);
  byType.set(type, entry);
}
/** [type, subtypes, fields] (for `message`, the fields of its first declaration, the plain message). */
const events = [...byType].map(([type, { subtypes, fields }]) => [type, subtypes, fields]);

const out = {
  source: `@slack/types@${version} (dist/events, the SlackEvent union)`,
  generatedBy: 'scripts/providers/slack-events.mjs',
  events,
};
writeFileSync(OUT, `${JSON.stringify(out, null, 1)}\n`);
console.log(`${OUT}: ${events.length} event types (${union.length} union members)`);
