/**
 * The catalog: one folder per provider, one line each, every definition in
 * the user-file schema, and the source of its facts named.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROVIDERS } from '../../../src/core/providers';
import { CATALOG } from '../../../src/core/providers/catalog';
import { providerDefinitionSchema } from '../../../src/shared/provider-schema';

const ROOT = resolve(import.meta.dirname, '../../../src/core/providers');
const folders = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(ROOT, d.name, 'definition.ts')))
  .map((d) => d.name);

describe('the provider catalog', () => {
  it('has one folder per provider, named by its id, each with a definition and a catalog entry, and one catalog line each', () => {
    expect(folders.sort()).toEqual(BUILTIN_PROVIDERS.map((p) => p.id).sort());
    for (const id of folders) expect(existsSync(join(ROOT, id, 'index.ts')), id).toBe(true);
    const catalogText = readFileSync(join(ROOT, 'catalog.ts'), 'utf8');
    for (const id of folders)
      expect(
        catalogText.split('\n').filter((l) => l.includes(`from './${id}'`)),
        id,
      ).toHaveLength(1);
    expect(new Set(CATALOG.map((e) => e.definition.id)).size).toBe(CATALOG.length);
  });

  it('every definition is a valid provider file (the schema users write to)', () => {
    for (const p of BUILTIN_PROVIDERS) {
      const parsed = providerDefinitionSchema.safeParse(JSON.parse(JSON.stringify(p)));
      expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`), p.id).toEqual(
        [],
      );
    }
  });

  it('every common-scheme provider names where its facts come from: a source page and notes citing documentation or a library', () => {
    for (const p of BUILTIN_PROVIDERS.filter((x) => x.kind === 'common-scheme')) {
      expect(p.source, p.id).toMatch(/^https:\/\//);
      expect(p.notes.length, p.id).toBeGreaterThan(0);
      if (!['standard-webhooks', 'stripe', 'github', 'shopify', 'slack'].includes(p.id)) {
        expect(p.notes.join(' '), p.id).toMatch(/https:\/\//);
      }
    }
  });

  it('a provider without a documented ladder or timeout says so in its notes', () => {
    for (const p of BUILTIN_PROVIDERS) {
      const usesDefault = p.delivery.retryDelaysMs.join() === '60000,300000,900000,1800000';
      if (usesDefault) expect(p.notes.join(' '), p.id).toMatch(/not documented|not publish/i);
    }
  });
});
