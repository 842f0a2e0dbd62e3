/** The exact bytes a provider signs: body forms and the signed-content template. */
import type { BodyForm } from '../../shared/providers';
import { MAX_JSON_DEPTH, jsonNestingDepth } from '../../shared/json-depth';
import { toText, utf8 } from './bytes';
import { parseFormFields, sortedFieldString } from './form-fields';

/** Bodies above this size are never re-serialized (the verifier stays fast on huge captures). */
export const MAX_RESERIALIZE_BYTES = 4 * 1024 * 1024;

/**
 * Parses JSON the way a Node handler does (`JSON.parse(body.toString())`);
 * undefined when not JSON, or when it nests deeper than MAX_JSON_DEPTH
 * (JSON.stringify, which re-serializing needs, overflows the stack on that).
 */
export function parseJsonLenient(body: Uint8Array): { value: unknown } | undefined {
  if (body.length === 0 || body.length > MAX_RESERIALIZE_BYTES) return undefined;
  const text = toText(body);
  if (jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** The body in the given form; undefined when `re-serialized` does not apply (not JSON). */
export function bodyInForm(body: Uint8Array, form: BodyForm): Uint8Array | undefined {
  if (form === 'raw') return body;
  const parsed = parseJsonLenient(body);
  if (!parsed) return undefined;
  return utf8(JSON.stringify(parsed.value));
}

export interface SignedParts {
  body: Uint8Array;
  timestamp?: string;
  id?: string;
  /** The full URL the provider called (`{url}`). */
  url?: string;
  /** The HTTP method (`{method}`). */
  method?: string;
  /** The form fields, sorted and concatenated (`{form}`); read from the body when absent (form-fields.ts). */
  form?: string;
}

/** Which request parts a template signs beyond the body. */
export function templateUses(template: string, name: 'url' | 'method' | 'form' | 'body'): boolean {
  return template.includes(`{${name}}`);
}

/** Fills `{body}`, `{timestamp}`, `{id}`, `{url}`, `{method}` and `{form}` in the template; the body goes in as raw bytes. */
export function buildSignedBytes(template: string, parts: SignedParts): Buffer {
  const chunks: Buffer[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(body|timestamp|id|url|method|form)\}/g)) {
    chunks.push(utf8(template.slice(last, match.index)));
    const name = match[1] as Exclude<keyof SignedParts, 'body'> | 'body';
    if (name === 'body') chunks.push(Buffer.from(parts.body));
    else if (name === 'form') chunks.push(utf8(parts.form ?? sortedFieldString(parseFormFields(parts.body))));
    else chunks.push(utf8(parts[name] ?? ''));
    last = (match.index ?? 0) + match[0].length;
  }
  chunks.push(utf8(template.slice(last)));
  return Buffer.concat(chunks);
}
