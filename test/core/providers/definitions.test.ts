/** The built-in definitions are valid data and say what PROVIDERS.md and the seeds say. */
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROVIDERS, createProviderRegistry } from '../../../src/core/providers';
import { providerDefinitionSchema, toProviderDefinition } from '../../../src/shared/provider-schema';

const registry = createProviderRegistry();
const S = 1000;
const M = 60 * S;
const H = 60 * M;

describe('built-in definitions', () => {
  it.each(BUILTIN_PROVIDERS.map((p) => [p.id, p] as const))(
    '%s passes the user-file schema unchanged and survives JSON',
    (_, provider) => {
      const parsed = providerDefinitionSchema.safeParse(JSON.parse(JSON.stringify(provider)));
      expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
      if (parsed.success) expect(toProviderDefinition(parsed.data)).toEqual(provider);
    },
  );

  it('delivery policies follow the PROVIDERS.md table', () => {
    const policy = (id: string) => registry.require(id).delivery;
    expect(policy('lrdefender')).toMatchObject({
      timeoutMs: 30 * S,
      success: '2xx',
      retryDelaysMs: [1 * S, 5 * S, 15 * S, 60 * S, 300 * S],
    });
    expect(policy('fingerprintiq')).toMatchObject({
      timeoutMs: 5 * S,
      success: 'exactly-200',
      retryDelaysMs: [1 * S, 5 * S, 25 * S],
    });
    expect(policy('clickdefender')).toMatchObject({
      timeoutMs: 30 * S,
      success: '2xx',
      retryDelaysMs: [1 * M, 5 * M, 30 * M, 2 * H, 24 * H],
    });
    expect(policy('lmif')).toMatchObject({
      timeoutMs: 30 * S,
      success: '2xx',
      retryDelaysMs: [1 * M, 5 * M, 30 * M, 2 * H, 8 * H, 24 * H],
    });
    expect(policy('prynt')).toMatchObject({
      timeoutMs: 10 * S,
      success: '2xx',
      retryDelaysMs: [5 * M, 30 * M],
      disableAfterFailingMs: 24 * H,
    });
    expect(policy('lmif').retryDelaysMs.length + 1).toBe(7);
    expect(registry.require('lmif').notes.join(' ')).toMatch(/Immediate/);
  });

  it('signature schemes follow the PROVIDERS.md table', () => {
    const forms = (id: string) => registry.require(id).signature.forms;
    expect(
      forms('lrdefender').map((f) => [f.name, f.header, f.format.kind, f.signedContent.template, f.toleranceSeconds]),
    ).toEqual([
      ['timestamped', 'X-Webhook-Signature', 'kv', '{timestamp}.{body}', 300],
      ['plain', 'X-Webhook-Signature', 'plain', '{body}', undefined],
    ]);
    expect(forms('fingerprintiq')[0]).toMatchObject({
      header: 'X-FIQ-Signature',
      format: { kind: 'plain' },
      digest: 'hex',
      signedContent: { template: '{body}', bodyForms: ['raw'] },
    });
    expect(forms('clickdefender')[0]).toMatchObject({
      header: 'X-ClickDefender-Signature',
      signedContent: { bodyForms: ['re-serialized', 'raw'] },
    });
    expect(forms('lmif')[0]).toMatchObject({
      header: 'X-LMIF-Signature',
      format: { kind: 'prefixed', prefix: 'sha256=' },
    });
    expect(forms('prynt')[0]).toMatchObject({
      header: 'X-Prynt-Signature',
      format: { kind: 'prefixed', prefix: 'sha256=' },
      signedContent: { template: '{timestamp}.{body}' },
      timestamp: { in: 'header', header: 'X-Prynt-Timestamp' },
      toleranceSeconds: 300,
    });
    for (const p of BUILTIN_PROVIDERS.filter((x) => x.kind === 'documented')) {
      for (const f of p.signature.forms) expect([f.algorithm, f.secretEncoding]).toEqual(['hmac-sha256', 'utf8']);
    }
    expect(forms('standard-webhooks')[0]).toMatchObject({
      secretEncoding: 'whsec-base64',
      digest: 'base64',
      signedContent: { template: '{id}.{timestamp}.{body}' },
    });
  });

  it('event catalogues follow the PROVIDERS.md table', () => {
    const types = (id: string) => registry.require(id).events.map((e) => e.type);
    expect(types('lrdefender')).toHaveLength(10);
    expect(types('fingerprintiq')).toEqual(['visit.new', 'visit.returning', 'visit.flagged', 'threat.detected']);
    expect(types('clickdefender')).toEqual(['fraud_detected', 'high_risk_visitor', 'daily_summary']);
    expect(types('lmif')).toHaveLength(19);
    expect(types('prynt')).toHaveLength(11);
    expect(registry.require('prynt').subscriptionWildcard).toBe('*');
    for (const p of BUILTIN_PROVIDERS)
      for (const e of p.events) expect(e.description.length, `${p.id} ${e.type}`).toBeGreaterThan(10);
  });

  it('limits: Prynt 256 KB and HTTPS, ClickDefender 5 webhooks per property and HTTPS', () => {
    expect(registry.require('prynt').limits).toEqual({ maxPayloadBytes: 256 * 1024, httpsRequired: true });
    expect(registry.require('clickdefender').limits).toEqual({ httpsRequired: true, webhooksPerProperty: 5 });
  });
});
