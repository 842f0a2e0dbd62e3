#!/usr/bin/env node
/**
 * Writes src/core/providers/stripe/events.json from the `stripe` npm library
 * (installed only in test/oracles: `npm ci --prefix test/oracles`). Run by
 * hand after bumping it: `node scripts/providers/stripe-events.mjs`.
 *
 * The library's types list every webhook event: in resources/Events.d.ts each
 * member of the `Event` union is an interface with the event's description
 * (its doc comment), its `type` literal and the resource `data.object` holds.
 * That resource's `object` literal (`invoice`, `checkout.session`...) comes
 * from its own declaration (for a union such as a customer source, every
 * member's, joined by `|`). Written: the API version, and per event its type,
 * description and object name. The sample of each event is built by the app
 * from one template per object (src/core/providers/stripe/objects.ts).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PACKAGE = join(ROOT, 'test/oracles/node_modules/stripe');
const RESOURCES = join(PACKAGE, 'cjs/resources');
const OUT = join(ROOT, 'src/core/providers/stripe/events.json');

const { version } = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8'));
const apiVersion = /ApiVersion = '([^']+)'/.exec(readFileSync(join(PACKAGE, 'cjs/apiVersion.js'), 'utf8'))[1];

/** Every .d.ts under resources/, with its namespace (the folder: `Checkout`, `Treasury`...). */
function declarationFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...declarationFiles(path));
    else if (entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** `Checkout.Session` → `checkout.session`: each resource interface's `object` literal, and the members of union types. */
const objectNames = new Map();
const unions = new Map();
for (const file of declarationFiles(RESOURCES)) {
  const folder = dirname(relative(RESOURCES, file));
  const namespace = folder === '.' ? '' : `${folder.split(sep).join('.')}.`;
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^export interface (\w+) \{\n([\s\S]*?)^\}/gm)) {
    const literal = /^ {4}object: '([^']+)';/m.exec(m[2]);
    if (literal) objectNames.set(namespace + m[1], literal[1]);
  }
  for (const m of text.matchAll(/^export type (\w+) = ([\w.| ]+);/gm))
    unions.set(
      namespace + m[1],
      m[2].split('|').map((s) => s.trim()),
    );
}
/** The object name, or the names of a union's members joined by `|` (a customer source: `account|bank_account|card|source`). */
function objectOf(typeName) {
  if (objectNames.has(typeName)) return objectNames.get(typeName);
  const members = unions.get(typeName);
  if (members) return members.map(objectOf).join('|');
  throw new Error(`no "object" literal found for ${typeName}`);
}

const events = [];
const source = readFileSync(join(RESOURCES, 'Events.d.ts'), 'utf8');
const pattern =
  /\/\*\*\n((?: \*.*\n)+?) \*\/\nexport interface (\w+Event) extends EventBase \{\n\s+type: '([^']+)';[\s\S]*?export declare namespace \2 \{\n\s+interface Data extends Event\.Data \{\n\s+object: ([\w.]+);/g;
for (const m of source.matchAll(pattern)) {
  const description = m[1]
    .split('\n')
    .map((line) => line.replace(/^ \* ?/, ''))
    .join(' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  events.push([m[3], description, objectOf(m[4])]);
}
const union = /^export type Event = ([\s\S]*?);$/m.exec(source)[1].split('|').length;
if (events.length !== union) throw new Error(`read ${events.length} events, but the Event union has ${union} members`);

const out = {
  source: `stripe@${version} (resources/Events.d.ts)`,
  generatedBy: 'scripts/providers/stripe-events.mjs',
  apiVersion,
  events,
};
writeFileSync(OUT, `${JSON.stringify(out, null, 1)}\n`);
console.log(
  `${OUT}: ${events.length} event types over ${new Set(events.map((e) => e[2])).size} object types, API ${apiVersion}`,
);
