/**
 * Plaid's webhook list is the `plaid` library's (read here from test/oracles,
 * never from the app): every webhook_type/webhook_code pair its types declare
 * is one event, `WEBHOOK_TYPE.WEBHOOK_CODE`, none missing, none invented, each
 * with the library's description. Every event's sample obeys the payload
 * rules, carries its own pair, and is attributed to Plaid with its TYPE.CODE.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  createProviderRegistry,
  buildSample,
  detectProvider,
  validatePayload,
} from '../../../../src/core/providers';
import { plaidEventType, plaidWebhooks } from '../../../../src/core/providers/plaid/events';
import { oracle } from './oracle-lib';

oracle<unknown>('plaid');

/** The library's type declarations, dist/api.d.ts. */
function libraryTypes(): string {
  const root = resolve(__dirname, '../../../oracles');
  const main = createRequire(join(root, 'package.json')).resolve('plaid');
  return readFileSync(join(dirname(main), 'api.d.ts'), 'utf8');
}

/** The library's declarations: each interface whose webhook_type and webhook_code comments name a value. */
function libraryPairs(text: string): Map<string, { interfaces: string[] }> {
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

/** The doc comment of the library's interface `name`, joined into one line (its @ tags left out). */
function libraryDescription(text: string, name: string): string {
  const at = text.indexOf(`export interface ${name} {`);
  const doc = text.slice(text.lastIndexOf('/**', at) + 3, text.lastIndexOf('*/', at));
  return doc
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, ''))
    .filter((l) => l && !l.startsWith('@'))
    .join(' ')
    .trim()
    .replace(/\\(['"])/g, '$1');
}

const LIBRARY = libraryTypes();
const registry = createProviderRegistry();
const plaid = registry.require('plaid');
const NOW = Date.UTC(2026, 11, 5, 3, 0);

describe("Plaid's webhooks against the plaid library", () => {
  it('one event per type/code pair the library declares, TYPE.CODE, none missing, none invented', () => {
    const library = libraryPairs(LIBRARY);
    const app = plaidWebhooks();
    expect(library.size).toBe(83);
    expect(app.map((w) => `${w.type}/${w.code}`).sort()).toEqual([...library.keys()].sort());
    for (const w of app) expect(library.get(`${w.type}/${w.code}`)!.interfaces).toContain(w.interface);
    // Hookscope's event types are the pairs: a code sent under several types (ERROR, DEFAULT_UPDATE) is one event each.
    const types = plaid.events.map((e) => e.type);
    expect(types.sort()).toEqual([...library.keys()].map((k) => k.replace('/', '.')).sort());
    expect(new Set(types).size).toBe(types.length);
    expect(types).toEqual(
      expect.arrayContaining(['ITEM.ERROR', 'ASSETS.ERROR', 'TRANSACTIONS.SYNC_UPDATES_AVAILABLE']),
    );
    expect(types.filter((t) => t.endsWith('.DEFAULT_UPDATE'))).toHaveLength(6);
  });

  it("each event's description is the library's for its own pair, naming no other", () => {
    for (const w of plaidWebhooks()) {
      const event = plaid.events.find((e) => e.type === plaidEventType(w))!;
      expect(event.description, plaidEventType(w)).toBe(libraryDescription(LIBRARY, w.interface));
      expect(event.description).not.toMatch(/Also sent with webhook_type/);
    }
  });

  it("every event's sample carries its own pair, obeys the payload rules and is detected as Plaid with its TYPE.CODE", () => {
    for (const w of plaidWebhooks()) {
      const type = plaidEventType(w);
      for (const seed of [1, 2]) {
        const payload = buildSample(plaid, type, seed, { nowMs: NOW });
        expect(payload, type).toMatchObject({ webhook_type: w.type, webhook_code: w.code });
        expect(validatePayload(plaid, type, payload), type).toEqual([]);
        const req = buildOutgoingRequest(plaid, {
          eventType: type,
          payload,
          secret: 'whsec_plaid_pairs',
          timestampSec: NOW / 1000,
        });
        expect(detectProvider({ headers: req.headers, body: req.body }, registry)).toMatchObject({
          providerId: 'plaid',
          eventType: type,
        });
      }
    }
  });

  it('a payload whose webhook_type does not match its event is refused by the payload rules', () => {
    const payload = { ...buildSample(plaid, 'ITEM.ERROR', 1, { nowMs: NOW }), webhook_type: 'ASSETS' };
    expect(validatePayload(plaid, 'ITEM.ERROR', payload)).not.toEqual([]);
  });
});
