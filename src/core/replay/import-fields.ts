/**
 * What a field of an imported capture may hold: the same things the capture
 * server could have recorded from a real request, and nothing that would
 * change meaning when printed on a terminal, put in a header or replayed.
 * Pure predicates; import-records.ts turns them into schema checks.
 */

/** RFC 9110 token characters (methods, header names). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** C0 controls, space and DEL: never inside a method, path, query or URL. */
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f]/;
/** A header value: any text but CR, LF, NUL and the other C0 controls (a horizontal tab is allowed). */
const BAD_IN_HEADER_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** Longest method, header name or HTTP version kept; a real one is far shorter. */
export const MAX_TOKEN_LENGTH = 256;

export function isHttpToken(text: string): boolean {
  return text.length <= MAX_TOKEN_LENGTH && TOKEN.test(text);
}

/** A request-target part (path, query, URL): no control character, space, CR, LF or NUL. */
export function isTargetText(text: string): boolean {
  return !CONTROL_OR_SPACE.test(text);
}

/** A path as the capture server records it: origin-form, starting with `/`. */
export function isRequestPath(text: string): boolean {
  return text.startsWith('/') && isTargetText(text) && !text.includes('?');
}

export function isHeaderValue(text: string): boolean {
  return !BAD_IN_HEADER_VALUE.test(text);
}

/** What `req.httpVersion` gives: 1.0, 1.1, 2.0 and the like. */
export function isHttpVersion(text: string): boolean {
  return /^[0-9](\.[0-9])?$/.test(text);
}

/**
 * Strict base64: the canonical encoding of some bytes (what Buffer writes),
 * so text Buffer.from would quietly skip over ("not base64!") is refused.
 */
export function isCanonicalBase64(text: string): boolean {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return false;
  return Buffer.from(text, 'base64').toString('base64') === text;
}
