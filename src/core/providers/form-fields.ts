/**
 * POST form fields (application/x-www-form-urlencoded) as Twilio and
 * Mailchimp Transactional sign them: sorted by name, each name followed by
 * its value, concatenated, with nothing between.
 */
import { MAX_JSON_DEPTH, jsonNestingDepth } from '../../shared/json-depth';
import { toText } from './bytes';

/** The body's `name=value` pairs, decoded (`+` is a space), in order; a malformed escape is kept as written. */
export function parseFormFields(body: Uint8Array): [string, string][] {
  const text = toText(body);
  if (text.length === 0) return [];
  return text.split('&').flatMap((part): [string, string][] => {
    if (part.length === 0) return [];
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    return [[decodeFormComponent(name), decodeFormComponent(value)]];
  });
}

function decodeFormComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/**
 * The fields sorted by name (by UTF-16 code unit, as JavaScript's sort does),
 * a repeated name's values sorted too (twilio-node's recipe), each as name + value.
 */
export function sortedFieldString(fields: readonly (readonly [string, string])[]): string {
  const names = [...new Set(fields.map(([name]) => name))].sort();
  return names
    .map((name) =>
      fields
        .filter(([n]) => n === name)
        .map(([, value]) => value)
        .sort()
        .map((value) => name + value)
        .join(''),
    )
    .join('');
}

/** Encodes an object's fields as a form body: strings and numbers as text, arrays and objects as JSON text (Mandrill's `mandrill_events`). */
export function encodeFormBody(fields: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === null) continue;
    params.append(name, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return params.toString();
}

/** Whether a body is a form (by its Content-Type header value). */
export function isFormContentType(contentType: string | undefined): boolean {
  return (contentType ?? '').toLowerCase().split(';')[0].trim() === 'application/x-www-form-urlencoded';
}

/**
 * A form body as an object for detection and the event type: each field's
 * value (the last of a repeated name), and a value that is JSON text (Mailchimp
 * Transactional's `mandrill_events`) read as JSON, depth-checked first.
 */
export function formBodyObject(body: Uint8Array): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of parseFormFields(body)) {
    let parsed: unknown = value;
    const first = value.trimStart()[0];
    if ((first === '[' || first === '{') && jsonNestingDepth(value, MAX_JSON_DEPTH) <= MAX_JSON_DEPTH) {
      try {
        parsed = JSON.parse(value) as unknown;
      } catch {
        parsed = value;
      }
    }
    Object.defineProperty(out, name, { value: parsed, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
