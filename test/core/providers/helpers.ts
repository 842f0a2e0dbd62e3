import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProviderDefinition } from '../../../src/shared/providers';
import { buildOutgoingRequest, type OutgoingInput } from '../../../src/core/providers';
import { buildHandshakeRequest, handshakeOf } from '../../../src/core/providers/handshake';

export const FIXTURES_DIR = fileURLToPath(new URL('./fixtures', import.meta.url));

export interface Fixture {
  providerId: string;
  eventType: string;
  /** The bytes exactly as in the fixture file. */
  bytes: Buffer;
  payload: unknown;
}

/** The documents' own example payloads (`<provider>__<event type>.json`). */
export function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURES_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => {
      const [providerId, eventType] = name.replace(/\.json$/, '').split('__');
      const bytes = readFileSync(join(FIXTURES_DIR, name));
      return { providerId, eventType, bytes, payload: JSON.parse(bytes.toString('utf8')) as unknown };
    });
}

/** A secret of the kind each scheme expects: base64 after whsec_ for Standard Webhooks, hex for a hex key (Adyen), any text otherwise. */
export function secretFor(provider: ProviderDefinition, label = 'primary'): string {
  if (provider.signature.forms.some((f) => f.secretEncoding === 'hex'))
    return Buffer.from(`hookscope-${label}-key-material`).toString('hex').toUpperCase();
  const base64 = provider.signature.forms.some((f) => f.secretEncoding === 'whsec-base64');
  return base64
    ? `whsec_${Buffer.from(`hookscope-${label}-key-material`).toString('base64')}`
    : `whsec_${label}_8f3b2c1d9e`;
}

export function header(headers: [string, string][], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}

/** A copy with one byte changed (XOR 0x01) at `index`. */
export function flipByte(bytes: Uint8Array, index: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[index] ^= 0x01;
  return copy;
}

export const NOW_SEC = 1_780_000_000;

/**
 * The request the sender sends for an event: a handshake's own (Dropbox's is a
 * GET with no body and no header, Asana's an empty POST with X-Hook-Secret),
 * any other event through buildOutgoingRequest.
 */
export function requestFor(
  provider: ProviderDefinition,
  input: OutgoingInput,
): { headers: [string, string][]; body: Uint8Array; handshake: boolean } {
  const handshake = handshakeOf(provider, input.eventType);
  if (!handshake) return { ...buildOutgoingRequest(provider, input), handshake: false };
  const payload = buildOutgoingRequest(provider, { ...input, secret: '' }).body;
  const built = buildHandshakeRequest(provider, handshake, { ...input, payload });
  return { headers: built.headers, body: built.body, handshake: true };
}
