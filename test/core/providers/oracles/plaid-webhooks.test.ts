/**
 * Plaid's webhook list is the `plaid` library's (read here from test/oracles,
 * never from the app): every webhook_type/webhook_code pair its types declare,
 * none missing, none invented, each with the library's description. Every
 * pair's sample (not only the one each event plays) obeys the payload rules,
 * carries its pair, and is attributed to Plaid with its webhook_code.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  createProviderRegistry,
  createRng,
  detectProvider,
  validatePayload,
} from '../../../../src/core/providers';
import { plaidWebhooks } from '../../../../src/core/providers/plaid/events';
import { renderTemplate } from '../../../../src/core/providers/samples';
import { oracle } from './oracle-lib';

oracle<unknown>('plaid');

/** The library's declarations: each interface whose webhook_type and webhook_code comments name a value. */
function libraryPairs(): Map<string, { interfaces: string[] }> {
  const root = resolve(__dirname, '../../../oracles');
  const main = createRequire(join(root, 'package.json')).resolve('plaid');
  const text = readFileSync(join(dirname(main), 'api.d.ts'), 'utf8');
  const pairs = new Map<string, { interfaces: string[] }>();
  const valueBefore = (block: string, field: string) =>
    new RegExp(`\\*\\s+\`\\\\?"?([A-Z0-9_]+)\\\\?"?\`\\s*\\n[^/]*?\\*/\\s*${field}\\??:`).exec(block)?.[1];
  for (const block of text.split(/\nexport interface /).slice(1)) {
    const name = /^(\w+)/.exec(block)![1];
    const body = block.slice(0, block.indexOf('\n}'));
    const type = valueBefore(body, 'webhook_type');
    const code = valueBefore(body, 'webhook_code');
    if (!type || !code) continue;
    const key = `${type}/${code}`;
    const entry = pairs.get(key) ?? { interfaces: [] };
    entry.interfaces.push(name);
    pairs.set(key, entry);
  }
  return pairs;
}

const registry = createProviderRegistry();
const plaid = registry.require('plaid');
const NOW = Date.UTC(2026, 11, 5, 3, 0);

describe("Plaid's webhooks against the plaid library", () => {
  it('every type/code pair the library declares, none missing, none invented, under a known interface', () => {
    const library = libraryPairs();
    const app = plaidWebhooks();
    expect(library.size).toBeGreaterThan(80);
    expect(app.map((w) => `${w.type}/${w.code}`).sort()).toEqual([...library.keys()].sort());
    for (const w of app) expect(library.get(`${w.type}/${w.code}`)!.interfaces).toContain(w.interface);
    // Hookscope's event types are the webhook codes; each event describes every webhook_type it is sent with.
    expect(plaid.events.map((e) => e.type).sort()).toEqual([...new Set(app.map((w) => w.code))].sort());
    for (const w of app) expect(plaid.events.find((e) => e.type === w.code)!.description).toContain(w.type);
  });

  it("every pair's sample obeys the payload rules and is attributed to Plaid with its webhook_code", () => {
    for (const w of plaidWebhooks()) {
      for (const seed of [1, 2]) {
        const payload = renderTemplate(w.sample, { rng: createRng(seed), eventType: w.code, timeMs: NOW });
        expect(payload, `${w.type}/${w.code}`).toMatchObject({ webhook_type: w.type, webhook_code: w.code });
        expect(validatePayload(plaid, w.code, payload), `${w.type}/${w.code}`).toEqual([]);
        const req = buildOutgoingRequest(plaid, {
          eventType: w.code,
          payload,
          secret: 'whsec_plaid_pairs',
          timestampSec: NOW / 1000,
        });
        expect(detectProvider({ headers: req.headers, body: req.body }, registry)).toMatchObject({
          providerId: 'plaid',
          eventType: w.code,
        });
      }
    }
  });
});
