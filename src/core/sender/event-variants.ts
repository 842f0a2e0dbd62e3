/**
 * Changes to a JSON event envelope for the handler check: another event of
 * the same kind (new ids, shifted time), padding to a size, a wrong secret.
 * Works on the common envelope fields of every documented provider, and on
 * each event of a batch (a top-level array of objects: SendGrid); any other
 * body is left as it is (the check says so).
 */

import { createHash } from 'node:crypto';
import { isTooDeep } from '../../shared/json-depth';
import { getPath, setPath } from '../providers/json-path';

const ID_FIELDS = ['eventId', 'event_id', 'id', 'idempotencyKey', 'idempotency_key'];
const TIME_FIELDS = ['timestamp', 'createdAt', 'created_at', 'created'];
export const PADDING_FIELD = 'hookscopePadding';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The body as a JSON object, or null: not JSON, not an object, or nested deeper than MAX_JSON_DEPTH (it may come from outside). */
function parseObject(body: Uint8Array): Record<string, unknown> | null {
  try {
    const text = decoder.decode(body);
    if (isTooDeep(text)) return null;
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The body's events: the object itself, or every object of a top-level array (a batch); null for anything else. */
function parseEvents(body: Uint8Array): { events: Record<string, unknown>[]; batch: boolean } | null {
  const single = parseObject(body);
  if (single) return { events: [single], batch: false };
  try {
    const text = decoder.decode(body);
    if (isTooDeep(text)) return null;
    const value: unknown = JSON.parse(text);
    const isEvent = (item: unknown) => item !== null && typeof item === 'object' && !Array.isArray(item);
    return Array.isArray(value) && value.length > 0 && value.every(isEvent)
      ? { events: value as Record<string, unknown>[], batch: true }
      : null;
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

/** Whether the body is a JSON object (or a batch of them) whose ids and time can be varied. */
export function isVariable(body: Uint8Array): boolean {
  return parseEvents(body) !== null;
}

export interface VariantOptions {
  /** Body paths of the ids to renew (default: the envelope's common id fields, ID_FIELDS). */
  idFields?: string[];
  /** Moves the time fields (negative: an older event). */
  shiftMs?: number;
  /** Another event type, written where the body names its type (an event the handler does not know). */
  eventType?: { from: string; to: string };
  /** Body paths of the event type besides the common top-level fields (Coinbase `event.type`, Intercom `topic`). */
  typeFields?: string[];
  /** Event types written in two fields, `<path>.<actionPath>` (GoCardless `resource_type` + `action`). */
  typePairs?: { path: string; actionPath: string }[];
  /** Moves every date in the event, however deep (2026-04-18, ISO times), keeping their relations (a summary's day). */
  everyDateMs?: number;
}

const DATE_TEXT = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/;

function shiftDates(value: unknown, shiftMs: number): unknown {
  if (typeof value === 'string' && DATE_TEXT.test(value)) {
    if (value.length === 10) return new Date(Date.parse(`${value}T00:00:00Z`) + shiftMs).toISOString().slice(0, 10);
    return shiftTime(value, shiftMs);
  }
  if (Array.isArray(value)) return value.map((v) => shiftDates(v, shiftMs));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftDates(v, shiftMs)]));
  }
  return value;
}

const TYPE_FIELDS = ['type', 'event', 'eventType', 'event_type'];

/** A deterministic stream of bytes from a seed, to pick replacement characters. */
function byteStream(seed: string): () => number {
  let block = createHash('sha256').update(seed).digest();
  let i = 0;
  return () => {
    if (i === block.length) {
      block = createHash('sha256').update(block).digest();
      i = 0;
    }
    return block[i++];
  };
}

const DIGITS = '0123456789';
const HEX_LOWER = '0123456789abcdef';
const HEX_UPPER = '0123456789ABCDEF';
const LOWER = 'abcdefghjkmnpqrstvwxyz'; // no i, l, o, u: also valid Crockford base 32
const UPPER = LOWER.toUpperCase();

/**
 * Another id of the same shape: the prefix up to the last "_" is kept and
 * each character after it is replaced by one of its own class (a digit by a
 * digit, hex by hex, a letter by a letter of its case), so the new id matches
 * whatever pattern the original did (evt_<base62>, 24 hex, iq_<base32>).
 */
export function renewId(id: string, seed: string): string {
  const cut = id.lastIndexOf('_') + 1;
  // A one-letter kind before a hex id (LINE's U..., C..., R... user, group and room ids) stays as it is.
  const kind = /^([A-Z])([0-9a-f]{16,})$/.exec(id.slice(cut));
  const head = id.slice(0, cut) + (kind ? kind[1] : '');
  const tail = kind ? kind[2] : id.slice(cut);
  const next = byteStream(`${seed}:${id}`);
  const hex = /^[0-9a-f]+$/.test(tail) ? HEX_LOWER : /^[0-9A-F]+$/.test(tail) ? HEX_UPPER : null;
  let out = '';
  for (const ch of tail) {
    const set = hex ?? (/[0-9]/.test(ch) ? DIGITS : /[a-z]/.test(ch) ? LOWER : /[A-Z]/.test(ch) ? UPPER : null);
    out += set ? set[next() % set.length] : ch;
  }
  return out === tail && tail.length > 0 ? renewId(id, `${seed}+`) : head + out;
}

/**
 * Another event like `body`: every id field gets a new id of the same shape
 * (derived from `tag`), the time fields move by `shiftMs`, and optionally the
 * event type changes. Providers without event ids thus still get distinct
 * bodies for distinct events (another device, visitor, time).
 */
export function eventVariant(body: Uint8Array, tag: string, options: VariantOptions = {}): Uint8Array {
  const parsed = parseEvents(body);
  if (!parsed) return body;
  const events = parsed.events.map((event) => varyEvent(event, tag, options));
  return encoder.encode(JSON.stringify(parsed.batch ? events : events[0]));
}

function varyEvent(event: Record<string, unknown>, tag: string, options: VariantOptions): Record<string, unknown> {
  for (const field of options.idFields ?? ID_FIELDS) {
    const value = getPath(event, field);
    if (typeof value === 'string' && value) setPath(event, field, renewId(value, tag));
  }
  for (const field of TIME_FIELDS) {
    if (field in event) event[field] = shiftTime(event[field], options.shiftMs ?? 0);
  }
  if (options.everyDateMs) Object.assign(event, shiftDates(event, options.everyDateMs));
  if (options.eventType) {
    for (const field of TYPE_FIELDS) {
      if (event[field] === options.eventType.from) event[field] = options.eventType.to;
    }
    for (const path of options.typeFields ?? []) {
      if (getPath(event, path) === options.eventType.from) setPath(event, path, options.eventType.to);
    }
    for (const { path, actionPath } of options.typePairs ?? []) {
      if (`${String(getPath(event, path))}.${String(getPath(event, actionPath))}` !== options.eventType.from) continue;
      const dot = options.eventType.to.indexOf('.');
      setPath(event, path, dot < 0 ? options.eventType.to : options.eventType.to.slice(0, dot));
      setPath(event, actionPath, dot < 0 ? '' : options.eventType.to.slice(dot + 1));
    }
  }
  return event;
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
