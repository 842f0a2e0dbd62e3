// Random provider definition files: loadUserProviders never throws, every file
// either loads or gets errors naming it and a field, and what loads can be
// used (verified against, detected) without throwing. Seeded and bounded.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_PROVIDERS,
  buildSample,
  createProviderRegistry,
  detectProvider,
  loadUserProviders,
  verifyRequest,
} from '../../src/core/providers';
import { ACME_PROVIDER } from '../core/providers/fixtures/acme-provider';

const SEED = 424_242;

/** A valid user provider (the loader tests' own fixture) under another id, mutated below. */
function validDefinition(id: string): Record<string, unknown> {
  return { ...structuredClone(ACME_PROVIDER), id };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value in a JSON tree. */
function pathsOf(value: Json, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...at, i])));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
}

interface Mutation {
  pick: number;
  kind: 'delete' | 'replace' | 'rename' | 'wrap' | 'add-key';
  value: Json;
  key: string;
}

function mutate(root: Json, mutations: Mutation[]): Json {
  const doc = structuredClone(root);
  for (const m of mutations) {
    const paths = pathsOf(doc).filter((p) => p.length > 0);
    if (paths.length === 0) break;
    const path = paths[m.pick % paths.length];
    const parent = path
      .slice(0, -1)
      .reduce<Json>((node, step) => (node as Record<string | number, Json>)[step], doc) as Record<
      string | number,
      Json
    >;
    const last = path[path.length - 1];
    if (m.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
    } else if (m.kind === 'replace') parent[last] = m.value;
    else if (m.kind === 'wrap') parent[last] = [parent[last]];
    else if (m.kind === 'rename' && !Array.isArray(parent)) {
      parent[`${String(last)}${m.key || 'x'}`] = parent[last];
      delete parent[last];
    } else if (
      m.kind === 'add-key' &&
      parent[last] !== null &&
      typeof parent[last] === 'object' &&
      !Array.isArray(parent[last])
    ) {
      (parent[last] as Record<string, Json>)[m.key || 'extra'] = m.value;
    }
  }
  return doc;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom('delete', 'replace', 'rename', 'wrap', 'add-key'),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
    fc.constantFrom<Json>('', -1, 0, 1e308, '(', '{{nope}}', '{{int:9:1}}', '[', 'hmac-md5', 'base32'),
  ),
  key: fc.string({ maxLength: 8 }),
});

/** A file's bytes: a mutated valid definition, random JSON, or random bytes and text. */
const fileArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), fc.nat())
      .map(([m, n]) => Buffer.from(JSON.stringify(mutate(validDefinition(`acme-${n}`) as Json, m), null, 1))),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v))) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }).map((s) => Buffer.from(`\uFEFF${s}`)) },
  {
    weight: 1,
    arbitrary: fc.nat().map((n) => Buffer.from(JSON.stringify(validDefinition(`acme-valid-${n}`)).slice(0, n % 400))),
  },
);

describe('fuzzing user provider files', () => {
  it('never throws; every file loads or gets errors naming it and a field; what loads is usable', () => {
    const reservedIds = BUILTIN_PROVIDERS.map((p) => p.id);
    let loadedSome = false;
    let rejectedSome = false;
    fc.assert(
      fc.property(fc.array(fileArb, { minLength: 1, maxLength: 5 }), fc.boolean(), (files, withValid) => {
        const dir = mkdtempSync(join(tmpdir(), 'hookscope-fuzz-providers-'));
        try {
          const names = files.map((_, i) => `p${i}.json`);
          files.forEach((bytes, i) => writeFileSync(join(dir, names[i]), bytes));
          if (withValid) {
            names.push('valid.json');
            writeFileSync(join(dir, 'valid.json'), JSON.stringify(validDefinition('acme-known-good')));
          }
          const { providers, errors } = loadUserProviders(dir, { reservedIds });
          for (const e of errors) {
            expect(names).toContain(e.file);
            expect(typeof e.field === 'string' && e.field.length > 0).toBe(true);
            expect(typeof e.problem === 'string' && e.problem.length > 0).toBe(true);
          }
          const failed = new Set(errors.map((e) => e.file));
          expect(providers.length + failed.size).toBe(names.length);
          if (withValid) {
            expect(failed.has('valid.json')).toBe(false);
            expect(providers.map((p) => p.id)).toContain('acme-known-good');
          }
          loadedSome ||= providers.length > 0;
          rejectedSome ||= failed.size > 0;

          // What loaded is usable: the registry builds, verification and detection give answers.
          const registry = createProviderRegistry({ userDir: dir });
          for (const provider of providers) {
            const verdict = verifyRequest(provider, {
              headers: [
                ['X-Acme-Signature', 'v1=abc'],
                ['X-Acme-Timestamp', '1700000000'],
              ],
              body: Buffer.from('{"kind":"invoice.paid"}'),
              secrets: ['s'],
              nowMs: 1_700_000_000_000,
            });
            expect(typeof verdict.status).toBe('string');
            detectProvider({ headers: [['X-Acme-Signature', 'v1=abc']], body: Buffer.from('{}') }, registry);
            for (const event of provider.events)
              if (event.sample !== undefined) expect(buildSample(provider, event.type, 7)).toBeTypeOf('object');
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { seed: SEED, numRuns: 500, interruptAfterTimeLimit: 5000, markInterruptAsFailure: false },
    );
    expect(loadedSome && rejectedSome).toBe(true);
  }, 30_000);
});
