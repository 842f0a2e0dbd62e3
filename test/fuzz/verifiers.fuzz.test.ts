// Random inputs to every signature verifier and header parser: they never
// throw and always come back with a verdict. (Analysis runs them on every
// capture in the background; one that threw would stall it on that capture.)
// Seeded, bounded in runs and time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeCapture } from '../../src/core/analysis/analyze';
import {
  BUILTIN_PROVIDERS,
  createProviderRegistry,
  detectProvider,
  eventTypeOf,
  firstHeader,
  headerValues,
  verifyRequest,
} from '../../src/core/providers';
import { parseSignatureValue } from '../../src/core/providers/signature-format';
import type { StoredCapture } from '../../src/core/store/captures';
import type { HeaderPair } from '../../src/shared/capture-types';
import type { ProviderDefinition, SignatureFormat } from '../../src/shared/providers';

const SEED = 8_081_975;
const RUNS = 250;
const TIME = { interruptAfterTimeLimit: 2500, markInterruptAsFailure: false } as const;
const STATUSES = ['valid', 'invalid', 'stale', 'missing', 'malformed', 'no-secret'];

/** Header names a provider reads: its signature, timestamp and id headers, the rest of its headers, its detection headers. */
function namesOf(provider: ProviderDefinition): string[] {
  const names = new Set<string>(provider.headers.map((h) => h.name));
  for (const form of provider.signature.forms) {
    names.add(form.header);
    if (form.idHeader) names.add(form.idHeader);
    const ts = form.timestamp as { header?: string } | undefined;
    if (ts?.header) names.add(ts.header);
  }
  return [...names];
}

const textArb = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'binary-ascii', maxLength: 200 }),
);
const hexArb = fc.stringMatching(/^[0-9a-f]{0,70}$/);
const b64Arb = fc.base64String({ maxLength: 60 });
const numberTextArb = fc.oneof(
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom('', '0', '-1', '1e99', 'NaN', '1700000000', '1700000000000'),
);

/** Values shaped like signatures (prefixes, key=value lists, version lists) with random parts, or plain noise. */
const signatureLikeArb = fc.oneof(
  textArb,
  fc
    .tuple(
      fc.constantFrom('', 'sha256=', 'sha1=', 'v0=', 'v1=', 'v1,', 'v1a,', 'sha512='),
      fc.oneof(hexArb, b64Arb, textArb),
    )
    .map(([p, d]) => p + d),
  fc
    .tuple(numberTextArb, fc.array(fc.oneof(hexArb, b64Arb), { maxLength: 3 }), fc.constantFrom(',', ', ', ';', ' '))
    .map(([t, ds, sep]) => [`t=${t}`, ...ds.map((d) => `v1=${d}`)].join(sep)),
  fc
    .array(
      fc.tuple(fc.constantFrom('v1', 'v2', 'v1a', ''), b64Arb).map(([v, d]) => `${v},${d}`),
      { maxLength: 3 },
    )
    .map((a) => a.join(' ')),
  numberTextArb,
);

function headersArb(names: string[]): fc.Arbitrary<HeaderPair[]> {
  const name = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: fc.constantFrom(...names).map((n) => n.toUpperCase()) },
    { weight: 1, arbitrary: textArb },
  );
  return fc.array(fc.tuple(name, signatureLikeArb), { maxLength: 8 }).map((pairs) => pairs as HeaderPair[]);
}

const bodyArb = fc.oneof(
  fc.uint8Array({ maxLength: 600 }),
  fc.json({ maxDepth: 3 }).map((t) => new Uint8Array(Buffer.from(t))),
  fc.jsonValue({ maxDepth: 3 }).map((v) => new Uint8Array(Buffer.from(JSON.stringify({ type: 'x', data: v })))),
);
const secretArb = fc.oneof(
  textArb,
  fc.constant(''),
  b64Arb.map((s) => `whsec_${s}`),
  textArb.map((s) => `whsec_${s}`),
);
const nowArb = fc.oneof(
  fc.integer({ min: -1e13, max: 1e13 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, Number.MAX_SAFE_INTEGER),
);

function expectVerdict(verdict: unknown): void {
  const v = verdict as { status: string; detail: unknown; scheme: unknown; diagnostics: unknown };
  expect(STATUSES).toContain(v.status);
  expect(typeof v.detail).toBe('string');
  expect((v.detail as string).length).toBeGreaterThan(0);
  expect(typeof v.scheme).toBe('string');
  expect(Array.isArray(v.diagnostics)).toBe(true);
}

describe.each(BUILTIN_PROVIDERS.map((p) => ({ provider: p, id: p.id })))('verifying as $id', ({ provider }) => {
  it('never throws and always gives a verdict, whatever the headers, body, secrets and clock', () => {
    fc.assert(
      fc.property(
        headersArb(namesOf(provider)),
        bodyArb,
        fc.array(secretArb, { maxLength: 3 }),
        nowArb,
        fc.array(fc.record({ label: textArb, secret: secretArb }), { maxLength: 2 }),
        (headers, body, secrets, nowMs, otherSecrets) => {
          expectVerdict(verifyRequest(provider, { headers, body, secrets, nowMs, otherSecrets }));
        },
      ),
      { seed: SEED, numRuns: RUNS, ...TIME },
    );
  });
});

describe('header parsers', () => {
  const formats: SignatureFormat[] = [
    { kind: 'plain' },
    ...BUILTIN_PROVIDERS.flatMap((p) => p.signature.forms.map((f) => f.format)),
  ];

  it('every signature format parses any value into tokens or a named problem', () => {
    fc.assert(
      fc.property(fc.constantFrom(...formats), signatureLikeArb, (format, raw) => {
        const parsed = parseSignatureValue(format, raw);
        if (parsed.ok) {
          expect(Array.isArray(parsed.tokens) && Array.isArray(parsed.loose)).toBe(true);
        } else {
          expect(typeof parsed.problem).toBe('string');
          expect(parsed.problem.length).toBeGreaterThan(0);
        }
      }),
      { seed: SEED, numRuns: RUNS * 4, ...TIME },
    );
  });

  it('header lookups take any list of pairs, even ones a damaged row could hold', () => {
    const oddPair = fc.oneof(
      fc.tuple(textArb, textArb),
      fc.constantFrom([], ['only-name'], [1, 2], [null, 'x'], 'not a pair', null) as fc.Arbitrary<unknown>,
    );
    fc.assert(
      fc.property(fc.array(oddPair, { maxLength: 6 }), textArb, (pairs, name) => {
        const headers = pairs as unknown as HeaderPair[];
        expect(Array.isArray(headerValues(headers, name))).toBe(true);
        const first = firstHeader(headers, name);
        expect(first === undefined || typeof first === 'string').toBe(true);
      }),
      { seed: SEED, numRuns: RUNS, ...TIME },
    );
  });

  it('detection and event types never throw, and name only known providers', () => {
    const registry = createProviderRegistry();
    const names = BUILTIN_PROVIDERS.flatMap(namesOf);
    fc.assert(
      fc.property(
        headersArb(names),
        bodyArb,
        fc.option(fc.constantFrom(...BUILTIN_PROVIDERS.map((p) => p.id), 'no-such-provider')),
        (headers, body, bound) => {
          const found = detectProvider({ headers, body }, registry, bound ?? undefined);
          if (found.providerId !== null) expect(registry.get(found.providerId)).toBeDefined();
          for (const provider of BUILTIN_PROVIDERS) {
            const type = eventTypeOf(
              provider,
              headers,
              JSON.parse(JSON.stringify({ v: Buffer.from(body).toString('latin1') })),
            );
            expect(type === null || typeof type === 'string').toBe(true);
          }
        },
      ),
      { seed: SEED, numRuns: RUNS, ...TIME },
    );
  });

  it('analysis of a capture with any content never throws', () => {
    const registry = createProviderRegistry();
    const names = BUILTIN_PROVIDERS.flatMap(namesOf);
    fc.assert(
      fc.property(
        headersArb(names),
        bodyArb,
        fc.option(fc.constantFrom(...BUILTIN_PROVIDERS.map((p) => p.id))),
        fc.array(secretArb, { maxLength: 2 }),
        nowArb,
        (headers, body, bound, secrets, receivedAt) => {
          const capture = { id: 1, endpointId: 1, headers, body: Buffer.from(body), receivedAt } as StoredCapture;
          const result = analyzeCapture(capture, {
            registry,
            endpoint: () => ({
              id: 1,
              slug: 'x',
              createdAt: '',
              rule: {} as never,
              provider: bound,
              forwardUrl: null,
              forwardMode: 'rule',
              retention: { keepCount: null, keepDays: null },
            }),
            secrets: () => secrets,
            otherSecrets: () => [],
          });
          if (result.provider !== null) expect(STATUSES).toContain(result.signatureStatus);
        },
      ),
      { seed: SEED, numRuns: RUNS, ...TIME },
    );
  });
});
