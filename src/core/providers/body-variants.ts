/**
 * Plausible ways a JSON body gets changed between signing and verifying:
 * pretty-printing, compacting, key sorting, unicode escaping, a trailing
 * newline. The verifier tries them only to explain a failure.
 */
import type { DiagnosticCode } from '../../shared/providers';
import { toText, utf8 } from './bytes';
import { parseJsonLenient } from './signed-content';

export interface BodyVariant {
  code: DiagnosticCode;
  /** The bytes the signature would have been made over. */
  body: Uint8Array;
  message: string;
}

/** Bodies above this size are not explored (diagnostics stay fast). */
export const MAX_VARIANT_BODY_BYTES = 1024 * 1024;

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

/** Writes every non-ASCII UTF-16 unit as \uXXXX (what Python's json.dumps does by default). */
export function escapeNonAscii(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Turns \uXXXX escapes of non-ASCII characters back into the characters, keeping everything else as written. */
export function unescapeNonAscii(text: string): string {
  return text.replace(
    /\\\\|\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})/g,
    (match, high: string | undefined, low: string | undefined, single: string | undefined) => {
      if (high && low) return String.fromCharCode(parseInt(high, 16), parseInt(low, 16));
      if (single) {
        const code = parseInt(single, 16);
        if (code < 0x80 || (code >= 0xd800 && code <= 0xdfff)) return match;
        return String.fromCharCode(code);
      }
      return match;
    },
  );
}

export function bodyVariants(body: Uint8Array): BodyVariant[] {
  if (body.length > MAX_VARIANT_BODY_BYTES) return [];
  const candidates: BodyVariant[] = [];
  const text = toText(body);
  if (text.endsWith('\n')) {
    candidates.push({
      code: 'body-trailing-newline-added',
      body: utf8(text.replace(/\r?\n$/, '')),
      message:
        'A trailing newline was added to the body after signing: the signature matches the body without its final newline.',
    });
  } else {
    candidates.push({
      code: 'body-trailing-newline-removed',
      body: utf8(`${text}\n`),
      message: 'The body lost its trailing newline after signing: the signature matches the body with a final newline.',
    });
  }
  const parsed = parseJsonLenient(body);
  if (parsed) {
    const value = parsed.value;
    candidates.push({
      code: 'body-unicode-unescaped',
      body: utf8(unescapeNonAscii(text)),
      message:
        'Non-ASCII characters were escaped as \\uXXXX after signing: the signature matches the body with those characters written raw.',
    });
    candidates.push({
      code: 'body-unicode-escaped',
      body: utf8(escapeNonAscii(text)),
      message:
        'The signature matches the body with non-ASCII characters written as \\uXXXX escapes (as Python json.dumps does): the sender signed escaped text but the body carries raw characters, or the other way round.',
    });
    const compact = JSON.stringify(value);
    candidates.push({
      code: 'body-pretty-printed',
      body: utf8(compact),
      message:
        'The body was re-formatted after signing (pretty-printed or whitespace changed): the signature matches the compact JSON.stringify form, so verify the raw bytes exactly as received.',
    });
    for (const [indent, label] of [
      [2, '2 spaces'],
      [4, '4 spaces'],
      ['\t', 'tabs'],
    ] as const) {
      const pretty = JSON.stringify(value, null, indent);
      const message = `The body was re-serialized after signing: the signature matches the same JSON pretty-printed with ${label}, so something (a proxy, a framework, a handler re-stringifying req.body) compacted or re-formatted it.`;
      candidates.push({ code: 'body-compacted', body: utf8(pretty), message });
      candidates.push({ code: 'body-compacted', body: utf8(`${pretty}\n`), message });
    }
    const sorted = sortKeys(value);
    const sortedMessage =
      'The key order differs from what was signed: the signature matches the same JSON with keys sorted alphabetically, so the body was re-serialized with its keys reordered.';
    candidates.push({ code: 'body-keys-sorted', body: utf8(JSON.stringify(sorted)), message: sortedMessage });
    candidates.push({ code: 'body-keys-sorted', body: utf8(JSON.stringify(sorted, null, 2)), message: sortedMessage });
  }
  const seen: Buffer[] = [Buffer.from(body)];
  const out: BodyVariant[] = [];
  for (const candidate of candidates) {
    const bytes = Buffer.from(candidate.body);
    if (seen.some((s) => s.equals(bytes))) continue;
    seen.push(bytes);
    out.push(candidate);
  }
  return out;
}
