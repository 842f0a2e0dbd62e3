/**
 * Changes to a JSON event envelope for the handler check: another event of
 * the same kind (new ids, shifted time), padding to a size, a wrong secret.
 * Works on the common envelope fields of every documented provider; a body
 * that is not a JSON object is left as it is (the check says so).
 */

const ID_FIELDS = ['eventId', 'event_id', 'id', 'idempotencyKey', 'idempotency_key'];
const TIME_FIELDS = ['timestamp', 'createdAt', 'created_at', 'created'];
export const PADDING_FIELD = 'hookscopePadding';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function parseObject(body: Uint8Array): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(decoder.decode(body));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function shiftTime(value: unknown, shiftMs: number): unknown {
  if (typeof value === 'number') {
    // Seconds or milliseconds since the epoch, told apart by size.
    return value > 1e11 ? value + shiftMs : value + Math.round(shiftMs / 1000);
  }
  if (typeof value === 'string') {
    const parsed = Date.parse(value);
    if (Number.isNaN(parsed)) return value;
    const shifted = new Date(parsed + shiftMs).toISOString();
    // Keep the document's precision: ISO seconds stay seconds.
    return /\.\d+/.test(value) ? shifted : shifted.replace(/\.\d{3}Z$/, 'Z');
  }
  return value;
}

/** Whether the body is a JSON object whose ids and time can be varied. */
export function isVariable(body: Uint8Array): boolean {
  return parseObject(body) !== null;
}

/**
 * Another event like `body`: every id field gets the suffix `_<tag>` and
 * the time fields move by `shiftMs` (negative: an older event).
 */
export function eventVariant(body: Uint8Array, tag: string, shiftMs = 0): Uint8Array {
  const event = parseObject(body);
  if (!event) return body;
  for (const field of ID_FIELDS) {
    if (typeof event[field] === 'string') event[field] = `${event[field]}_${tag}`;
  }
  for (const field of TIME_FIELDS) {
    if (field in event) event[field] = shiftTime(event[field], shiftMs);
  }
  return encoder.encode(JSON.stringify(event));
}

/** The event grown to exactly `size` bytes by a padding field (or trailing spaces when it is not a JSON object). */
export function padTo(body: Uint8Array, size: number): Uint8Array {
  const event = parseObject(body);
  if (!event) {
    const out = new Uint8Array(Math.max(size, body.length)).fill(0x20);
    out.set(body);
    return out;
  }
  event[PADDING_FIELD] = '';
  const base = encoder.encode(JSON.stringify(event)).length;
  event[PADDING_FIELD] = 'x'.repeat(Math.max(0, size - base));
  return encoder.encode(JSON.stringify(event));
}

/** The event with one field added after signing: any verifier, raw or re-serializing, must see the change. */
export function tamper(body: Uint8Array): Uint8Array {
  const event = parseObject(body);
  if (!event) return Uint8Array.from([...body, 0x78]);
  event.hookscopeTampered = true;
  return encoder.encode(JSON.stringify(event));
}

/** A secret of the same shape that differs in one character (so a base64 secret stays base64). */
export function wrongSecret(secret: string): string {
  if (!secret) return 'hookscope-wrong-secret';
  for (let i = secret.length - 1; i >= 0; i--) {
    const ch = secret[i];
    if (/[A-Za-z0-9]/.test(ch)) return `${secret.slice(0, i)}${ch === 'A' ? 'B' : 'A'}${secret.slice(i + 1)}`;
  }
  return `${secret}x`;
}
