#!/usr/bin/env node
/**
 * Writes src/core/providers/zoom/events.json from the event list of ZoomNet
 * (github.com/Jericho/ZoomNet, a maintained .NET client of Zoom's API; Zoom
 * publishes no npm package that lists its webhook events, and its pages are
 * not data). Run by hand with a checkout of ZoomNet:
 *
 *   node scripts/providers/zoom-events.mjs <ZoomNet checkout> [<tag or commit>]
 *
 * Source/ZoomNet/Models/Webhooks/EventType.cs names every webhook event
 * ZoomNet parses, one `[EnumMember(Value = "meeting.started")]` each.
 * Written: those names in file order, minus `endpoint.url_validation` (the
 * handshake, declared by hand in the provider). The events the provider
 * listed before this file (some of them absent from ZoomNet) stay in
 * definition.ts; descriptions and samples are the app's own
 * (src/core/providers/zoom/events.ts).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = join(ROOT, 'src/core/providers/zoom/events.json');
const [checkout, ref = 'HEAD'] = process.argv.slice(2);
if (!checkout) throw new Error('usage: node scripts/providers/zoom-events.mjs <ZoomNet checkout> [<tag or commit>]');

const FILE = 'Source/ZoomNet/Models/Webhooks/EventType.cs';
const git = (...args) => execFileSync('git', ['-C', checkout, ...args], { encoding: 'utf8' }).trim();
const commit = git('rev-parse', ref);
const tag = git('describe', '--tags', commit);
const text = git('show', `${commit}:${FILE}`);

const names = [...text.matchAll(/\[EnumMember\(Value = "([^"]+)"\)\]/g)].map((m) => m[1]);
if (names.length < 100) throw new Error(`only ${names.length} event names found in ${FILE}`);
if (new Set(names).size !== names.length) throw new Error(`${FILE} names an event twice`);
const events = names.filter((n) => n !== 'endpoint.url_validation');

const out = {
  source: `ZoomNet ${tag} (${commit.slice(0, 12)}), ${FILE}`,
  generatedBy: 'scripts/providers/zoom-events.mjs',
  events,
};
writeFileSync(OUT, `${JSON.stringify(out, null, 1)}\n`);
console.log(`${OUT}: ${events.length} event types`);
