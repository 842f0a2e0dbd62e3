/**
 * Detection across the whole catalog, every pair: each provider's every
 * event, as its sender sends it, is attributed to that provider and no
 * other; with its headers stripped, the body alone is attributed to it or to
 * nobody, never to another provider.
 */
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_PROVIDERS,
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  detectProvider,
} from '../../../src/core/providers';
import { requestFor, secretFor } from './helpers';

const registry = createProviderRegistry();

function confusions(withHeaders: boolean): string[] {
  const out: string[] = [];
  for (const provider of BUILTIN_PROVIDERS) {
    for (const event of provider.events) {
      for (const seed of [1, 2]) {
        const req = requestFor(provider, {
          eventType: event.type,
          payload: buildSample(provider, event.type, seed),
          secret: secretFor(provider),
          timestampSec: 1_780_000_000,
          url: 'https://hooks.example.com/in',
        });
        const headers = withHeaders ? req.headers : req.headers.filter(([k]) => k.toLowerCase() === 'content-type');
        const hit = detectProvider({ headers, body: req.body }, registry);
        // A handshake may carry nothing that names it (Dropbox's bare GET) or its type (Asana's empty POST): it is
        // then attributed to nobody, or to its provider without a type; never to another provider or type.
        const wrong = !withHeaders
          ? hit.providerId !== null && hit.providerId !== provider.id
          : req.handshake
            ? (hit.providerId !== null && hit.providerId !== provider.id) ||
              (hit.eventType !== null && hit.eventType !== event.type)
            : hit.providerId !== provider.id || hit.eventType !== event.type;
        if (wrong) out.push(`${provider.id} ${event.type} -> ${hit.providerId} ${hit.eventType}`);
      }
    }
  }
  return out;
}

describe('detection with no false positives across the catalog', () => {
  it(`every event of the ${BUILTIN_PROVIDERS.length} providers is attributed to its own provider and event type`, () => {
    expect(confusions(true)).toEqual([]);
  });

  it('a body without its headers is attributed to its provider or to none, never to another', () => {
    expect(confusions(false)).toEqual([]);
  });

  it('the pairs that share headers are told apart: a Polar event is not Standard Webhooks, a Clerk event is not Svix', () => {
    const pairs: [string, string][] = [
      ['polar', 'standard-webhooks'],
      ['openai', 'standard-webhooks'],
      ['liveblocks', 'replicate'],
      ['clerk', 'svix'],
      ['resend', 'clerk'],
    ];
    for (const [a, b] of pairs) {
      for (const [x, y] of [
        [a, b],
        [b, a],
      ]) {
        const provider = registry.require(x);
        const event = provider.events[0].type;
        const req = buildOutgoingRequest(provider, {
          eventType: event,
          payload: buildSample(provider, event, 3),
          secret: secretFor(provider),
          timestampSec: 1_780_000_000,
          url: 'https://hooks.example.com/in',
        });
        expect(detectProvider({ headers: req.headers, body: req.body }, registry).providerId, `${x} not ${y}`).toBe(x);
      }
    }
  });
});
