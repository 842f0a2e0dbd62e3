#!/usr/bin/env node
/**
 * Writes src/core/providers/zoom/events.json from Zoom's own SDK, `@zoom/rivet`
 * (installed only in test/oracles: `npm ci --prefix test/oracles`), and,
 * optionally, ZoomNet (github.com/Jericho/ZoomNet, a maintained .NET client)
 * for the events Rivet does not declare yet:
 *
 *   node scripts/providers/zoom-events.mjs [<ZoomNet checkout> [<tag or commit>]]
 *
 * Rivet declares each webhook event of each product (meetings, phone, Team
 * Chat, users, accounts, Video SDK, chatbot, marketplace) in <product>/*.d.ts
 * as `type XEvent = Event<"meeting.started"> & { event; event_ts; payload }`
 * (chatbot: `interface X extends Event<"bot_notification"> { payload }`).
 * Written per event: its name and the shape of its body's fields, optional
 * ones included (read by dts-shape.mjs), which the app fills with values
 * (src/core/providers/zoom/samples.ts). ZoomNet's
 * Source/ZoomNet/Models/Webhooks/EventType.cs names events as
 * `[EnumMember(Value = "...")]`; those Rivet lacks are written with no shape
 * (the app's per-resource templates fill them). `endpoint.url_validation`,
 * the handshake, is declared by hand in the provider; so are the events it
 * listed before this file. Descriptions are the app's own.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shapeReader } from './dts-shape.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PACKAGE = join(ROOT, 'test/oracles/node_modules/@zoom/rivet');
const OUT = join(ROOT, 'src/core/providers/zoom/events.json');
const HANDSHAKE = 'endpoint.url_validation';

const { version } = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8'));
// Every declared field, optional ones too: Zoom fills most of them, and a sample shows what a handler meets.
const { fieldsOf } = shapeReader(new Map(), new Map(), { optional: true });

/** [name, shape] for every event Rivet declares, product by product, each name once. */
const events = new Map();
const products = readdirSync(PACKAGE, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
for (const product of products) {
  const text = readFileSync(join(PACKAGE, product, `${product}.d.ts`), 'utf8');
  const declaration =
    /^(?:type \w+ = Event<"([^"]+)"> & \{|interface \w+ extends Event<"([^"]+)"> \{)\n([\s\S]*?)^\}/gm;
  for (const m of text.matchAll(declaration)) {
    const name = m[1] ?? m[2];
    if (name !== HANDSHAKE && !events.has(name)) events.set(name, fieldsOf(m[3].split('\n'), 4));
  }
}
if (events.size < 250) throw new Error(`only ${events.size} events read from @zoom/rivet`);
const fromRivet = events.size;

let zoomNet = '';
const [checkout, ref = 'HEAD'] = process.argv.slice(2);
if (checkout) {
  const FILE = 'Source/ZoomNet/Models/Webhooks/EventType.cs';
  const git = (...args) => execFileSync('git', ['-C', checkout, ...args], { encoding: 'utf8' }).trim();
  const commit = git('rev-parse', ref);
  const names = [...git('show', `${commit}:${FILE}`).matchAll(/\[EnumMember\(Value = "([^"]+)"\)\]/g)].map((m) => m[1]);
  if (names.length < 100) throw new Error(`only ${names.length} event names found in ZoomNet's ${FILE}`);
  for (const name of names) if (name !== HANDSHAKE && !events.has(name)) events.set(name, null);
  zoomNet = `; ZoomNet ${git('describe', '--tags', commit)} (${commit.slice(0, 12)}), ${FILE}, for ${events.size - fromRivet} events Rivet lacks`;
}

const out = {
  source: `@zoom/rivet@${version} (<product>/<product>.d.ts, the Event<"..."> declarations)${zoomNet}`,
  generatedBy: 'scripts/providers/zoom-events.mjs',
  /** [event, shape of the body's required fields, or null where only ZoomNet names it] */
  events: [...events],
};
writeFileSync(OUT, `${JSON.stringify(out, null, 1)}\n`);
console.log(`${OUT}: ${events.size} event types (${fromRivet} from @zoom/rivet)`);
