/** User-defined providers from JSON files: each kind of mistake is reported by file, field and problem; good files still load and work. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILTIN_PROVIDERS,
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  detectProvider,
  loadUserProviders,
  validatePayload,
  verifyRequest,
} from '../../../src/core/providers';
import { HookscopeError } from '../../../src/shared/errors';
import type { ProviderFileError } from '../../../src/shared/providers';
import { header } from './helpers';
import { ACME_PROVIDER } from './fixtures/acme-provider';

const acme = ACME_PROVIDER;

const minimal = {
  id: 'tiny',
  name: 'Tiny',
  signature: {
    forms: [{ name: 'default', label: 'hex of body', header: 'X-Tiny-Sig', format: { kind: 'plain' }, digest: 'hex' }],
  },
  events: [{ type: 'ping' }],
};

/** A copy of the good file, under another id, with one mistake. */
function withChange(id: string, change: (copy: Record<string, any>) => void): Record<string, unknown> {
  const copy = structuredClone(acme) as Record<string, any>;
  copy.id = id;
  change(copy);
  return copy;
}

const files: Record<string, string> = {
  'acme.json': JSON.stringify(acme, null, 2),
  'minimal.json': JSON.stringify(minimal),
  'notes.txt': 'not a provider',
  'bad-json.json': '{ "id": "broken", "name": ',
  'array.json': '[]',
  'missing-name.json': JSON.stringify(withChange('missing-name', (c) => delete c.name)),
  'wrong-type.json': JSON.stringify(withChange('wrong-type', (c) => (c.delivery.timeoutMs = '30s'))),
  'unknown-scheme-kind.json': JSON.stringify(
    withChange('unknown-scheme-kind', (c) => (c.signature.forms[0].format = { kind: 'hmac-magic' })),
  ),
  'bad-regex.json': JSON.stringify(withChange('bad-regex', (c) => (c.ids.conventions[0].pattern = '([a-z'))),
  'bad-path.json': JSON.stringify(withChange('bad-path', (c) => (c.eventTypeLocations[0].path = 'data..kind'))),
  'builtin-id.json': JSON.stringify({ ...minimal, id: 'stripe' }),
  'zz-duplicate-user.json': JSON.stringify({ ...minimal, name: 'Tiny again' }),
  'typo.json': JSON.stringify({ ...minimal, id: 'typo', hedaers: [] }),
  'bad-template.json': JSON.stringify(
    withChange('bad-template', (c) => (c.events[0].sample.data.invoice = '{{idd:inv_}}')),
  ),
  'bad-signed-template.json': JSON.stringify(
    withChange('bad-signed-template', (c) => (c.signature.forms[0].signedContent.template = '{ts}:{body}')),
  ),
  'needs-timestamp.json': JSON.stringify(withChange('needs-timestamp', (c) => delete c.signature.forms[0].timestamp)),
  'sample-not-object.json': JSON.stringify({
    ...minimal,
    id: 'sample-not-object',
    events: [{ type: 'ping', sample: 'pong' }],
  }),
  'reserved-kind.json': JSON.stringify({ ...minimal, id: 'claims-documented', kind: 'documented' }),
};

let dir = '';
let result: ReturnType<typeof loadUserProviders>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hookscope-providers-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  result = loadUserProviders(dir, { reservedIds: ['stripe', 'prynt'] });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function errorsOf(file: string): ProviderFileError[] {
  return result.errors.filter((e) => e.file === file);
}

describe('loadUserProviders', () => {
  it('loads the good files (and only them), ignoring non-JSON files', () => {
    expect(result.providers.map((p) => p.id)).toEqual(['acme-billing', 'tiny']);
    expect(result.errors.map((e) => e.file)).not.toContain('notes.txt');
  });

  it('fills defaults for a minimal file and marks it as a user provider', () => {
    const tiny = result.providers.find((p) => p.id === 'tiny');
    expect(tiny).toMatchObject({
      kind: 'user',
      signature: { defaultForm: 'default' },
      eventTypeLocations: [{ in: 'body', path: 'type' }],
    });
    expect(tiny?.signature.forms[0]).toMatchObject({
      algorithm: 'hmac-sha256',
      secretEncoding: 'utf8',
      signedContent: { template: '{body}', bodyForms: ['raw'] },
    });
    expect(tiny?.delivery).toEqual({
      timeoutMs: 30_000,
      success: '2xx',
      retryDelaysMs: [],
      afterFailure: 'Marked failed.',
    });
    expect(JSON.parse(JSON.stringify(tiny))).toEqual(tiny);
  });

  it.each([
    ['bad-json.json', '(file)', /not valid JSON/],
    ['array.json', '(file)', /must be object, not an array/],
    ['missing-name.json', 'name', /is required/],
    ['wrong-type.json', 'delivery.timeoutMs', /must be number, not a string/],
    [
      'unknown-scheme-kind.json',
      'signature.forms[0].format.kind',
      /"hmac-magic" is not a known kind \(one of: plain, prefixed, kv, versioned-list\)/,
    ],
    ['bad-regex.json', 'ids.conventions[0].pattern', /is not a valid regular expression/],
    ['bad-path.json', 'eventTypeLocations[0].path', /is not a field path/],
    ['builtin-id.json', 'id', /"stripe" is already used/],
    ['zz-duplicate-user.json', 'id', /"tiny" is already used/],
    ['typo.json', 'hedaers', /is not a known field/],
    ['bad-template.json', 'events[0].sample.data.invoice', /not a known placeholder/],
    ['bad-signed-template.json', 'signature.forms[0].signedContent.template', /unknown placeholder \{ts\}/],
    ['needs-timestamp.json', 'signature.forms[0].timestamp', /required because the template uses \{timestamp\}/],
    ['reserved-kind.json', 'kind', /reserved for built-in providers/],
    ['sample-not-object.json', 'events[0].sample', /must be record, not a string/],
  ])('%s → %s: %s', (file, field, problem) => {
    const errors = errorsOf(file);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors).toContainEqual(expect.objectContaining({ file, field, problem: expect.stringMatching(problem) }));
  });

  it('a missing folder is simply empty', () => {
    expect(loadUserProviders(join(dir, 'does-not-exist'))).toEqual({ providers: [], errors: [] });
  });
});

describe('a valid user provider works end to end, with no code', () => {
  const secret = 'acme-signing-secret';

  it('builds samples from its templates, reproducibly and within its own rules', () => {
    const provider = result.providers.find((p) => p.id === 'acme-billing');
    if (!provider) throw new Error('acme not loaded');
    const sample = buildSample(provider, 'invoice.paid', 5) as Record<string, any>;
    expect(sample).toEqual(buildSample(provider, 'invoice.paid', 5));
    expect(sample.kind).toBe('invoice.paid');
    expect(sample.id).toMatch(/^acme_evt_[A-Za-z0-9]{16}$/);
    expect(typeof sample.data.cents).toBe('number');
    expect(sample.data.memo).toMatch(/^paid at \d{4}-\d{2}-\d{2}$/);
    expect(validatePayload(provider, 'invoice.paid', sample)).toEqual([]);
    const fromEnvelope = buildSample(provider, 'invoice.voided', 5) as Record<string, any>;
    expect(fromEnvelope.kind).toBe('invoice.voided');
    expect(validatePayload(provider, 'invoice.voided', fromEnvelope)).toEqual([]);
  });

  it('signs, sends and verifies with its described scheme, and the registry detects it', () => {
    const registry = createProviderRegistry({ userDir: dir });
    const provider = registry.require('acme-billing');
    const payload = buildSample(provider, 'invoice.paid', 9) as Record<string, any>;
    const req = buildOutgoingRequest(provider, {
      eventType: 'invoice.paid',
      payload,
      secret,
      timestampSec: 1_780_000_000,
    });
    expect(req.headers.map(([n]) => n)).toEqual([
      'Content-Type',
      'X-Acme-Event',
      'X-Acme-Delivery',
      'X-Acme-Timestamp',
      'X-Acme-Signature',
    ]);
    expect(header(req.headers, 'X-Acme-Delivery')).toBe(payload.id);
    const expected = createHmac('sha256', secret)
      .update(`1780000000:${Buffer.from(req.body).toString('utf8')}`)
      .digest('base64');
    expect(header(req.headers, 'X-Acme-Signature')).toBe(`v1=${expected}`);
    expect(
      verifyRequest(provider, { headers: req.headers, body: req.body, secrets: [secret], nowMs: 1_780_000_500_000 })
        .status,
    ).toBe('valid');
    expect(
      verifyRequest(provider, { headers: req.headers, body: req.body, secrets: [secret], nowMs: 1_780_000_700_000 })
        .status,
    ).toBe('stale');
    expect(detectProvider({ headers: req.headers, body: req.body }, registry)).toMatchObject({
      providerId: 'acme-billing',
      eventType: 'invoice.paid',
    });
  });
});

describe('createProviderRegistry', () => {
  it('lists built-ins then user providers, keeps file errors, and throws PROVIDER_UNKNOWN for an unknown id', () => {
    const registry = createProviderRegistry({ userDir: dir });
    const ids = registry.list().map((p) => p.id);
    expect(ids.slice(0, 5)).toEqual(['lrdefender', 'fingerprintiq', 'clickdefender', 'lmif', 'prynt']);
    expect(ids).toContain('acme-billing');
    expect(registry.errors.length).toBeGreaterThanOrEqual(15);
    expect(registry.get('nope')).toBeUndefined();
    let thrown: unknown;
    try {
      registry.require('nope');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HookscopeError);
    expect((thrown as HookscopeError).code).toBe('PROVIDER_UNKNOWN');
  });

  it('without a user folder: every built-in of the catalog, no errors, definitions frozen', () => {
    const registry = createProviderRegistry();
    expect(registry.list().map((p) => p.id)).toEqual(BUILTIN_PROVIDERS.map((p) => p.id));
    expect(registry.list().length).toBeGreaterThanOrEqual(17);
    expect(registry.errors).toEqual([]);
    expect(Object.isFrozen(registry.require('prynt').delivery.retryDelaysMs)).toBe(true);
  });
});
