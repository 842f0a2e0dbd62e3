// Provider detection and signature verification per capture, with a catalog
// of 10 and of 50 providers: the cost must stay flat as the catalog grows.
// The captures are the real built-ins' samples, signed as their senders sign
// them; the 50-provider catalog is the built-ins plus stand-ins with headers
// of their own (a user's provider files look the same to the detector).
import {
  BUILTIN_PROVIDERS,
  buildOutgoingRequest,
  buildSample,
  detectProvider,
  verifyRequest,
  type ProviderLookup,
} from '../../src/core/providers';
import type { ProviderDefinition } from '../../src/shared/providers';
import { round } from '../stats';

export interface ProvidersCase {
  providers: number;
  captures: number;
  detectUsPerCapture: number;
  verifyUsPerCapture: number;
  /** Captures attributed to the provider that sent them (all, or detection is wrong). */
  attributed: number;
}

function standIn(base: ProviderDefinition, n: number): ProviderDefinition {
  const header = `X-Standin${n}-Signature`;
  return {
    ...base,
    id: `standin-${n}`,
    name: `Stand-in ${n}`,
    kind: 'user',
    headers: base.headers.map((h) => (h.value.kind === 'signature' ? { ...h, name: header } : h)),
    signature: { ...base.signature, forms: base.signature.forms.map((f) => ({ ...f, header })) },
    detection: { headers: [header], headersAreGeneric: false },
  };
}

function catalog(size: number): ProviderLookup {
  const list = [...BUILTIN_PROVIDERS.slice(0, size)];
  for (let n = 0; list.length < size; n++) list.push(standIn(BUILTIN_PROVIDERS[n % BUILTIN_PROVIDERS.length], n));
  const byId = new Map(list.map((p) => [p.id, p]));
  return { list: () => list, get: (id) => byId.get(id) };
}

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

export function benchProviders(options: { rounds: number; sizes: number[] }): ProvidersCase[] {
  // The same captures for every catalog size: every event of the first ten built-ins.
  const senders = BUILTIN_PROVIDERS.slice(0, 10);
  const nowSec = 1_780_000_000;
  const captures = senders.flatMap((p) =>
    p.events.map((e) => ({
      provider: p,
      ...buildOutgoingRequest(p, {
        eventType: e.type,
        payload: buildSample(p, e.type, 1, { nowMs: nowSec * 1000 }),
        secret: SECRET,
        timestampSec: nowSec,
      }),
    })),
  );
  return options.sizes.map((size) => {
    const registry = catalog(size);
    let attributed = 0;
    // Warm up once, then measure.
    for (const c of captures) detectProvider({ headers: c.headers, body: c.body }, registry);
    for (const c of captures)
      verifyRequest(c.provider, { headers: c.headers, body: c.body, secrets: [SECRET], nowMs: nowSec * 1000 });
    let t = performance.now();
    for (let r = 0; r < options.rounds; r++) {
      for (const c of captures)
        if (detectProvider({ headers: c.headers, body: c.body }, registry).providerId === c.provider.id && r === 0)
          attributed++;
    }
    const detectMs = performance.now() - t;
    t = performance.now();
    for (let r = 0; r < options.rounds; r++) {
      for (const c of captures)
        verifyRequest(c.provider, { headers: c.headers, body: c.body, secrets: [SECRET], nowMs: nowSec * 1000 });
    }
    const verifyMs = performance.now() - t;
    const n = captures.length * options.rounds;
    return {
      providers: size,
      captures: captures.length,
      detectUsPerCapture: round((detectMs * 1000) / n, 1),
      verifyUsPerCapture: round((verifyMs * 1000) / n, 1),
      attributed,
    };
  });
}
