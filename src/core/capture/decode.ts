import { brotliDecompressSync, gunzipSync, inflateSync, inflateRawSync } from 'node:zlib';
import type { HeaderPair } from '../../shared/capture-types';

/** Largest decoded body we inflate for display and search (a zip bomb stays a zip). */
export const MAX_DECODED_BYTES = 32 * 1024 * 1024;

export function headerValue(headers: HeaderPair[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of headers) if (k.toLowerCase() === lower) return v;
  return undefined;
}

export interface DecodedBody {
  bytes: Buffer;
  /** The content-encodings undone, outermost first; empty when none. */
  decoded: string[];
  /** Why decoding stopped, when it did. */
  error?: string;
}

/** Undoes Content-Encoding (gzip, deflate, br) for display and search; the raw bytes stay what is kept. */
export function decodeBody(headers: HeaderPair[], body: Buffer): DecodedBody {
  const encodings = (headerValue(headers, 'content-encoding') ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e && e !== 'identity');
  let bytes = body;
  const decoded: string[] = [];
  for (const encoding of encodings.reverse()) {
    try {
      const options = { maxOutputLength: MAX_DECODED_BYTES };
      if (encoding === 'gzip' || encoding === 'x-gzip') bytes = gunzipSync(bytes, options);
      else if (encoding === 'br') bytes = brotliDecompressSync(bytes, options);
      else if (encoding === 'deflate') {
        try {
          bytes = inflateSync(bytes, options);
        } catch {
          bytes = inflateRawSync(bytes, options);
        }
      } else return { bytes, decoded, error: `unknown content-encoding "${encoding}"` };
      decoded.push(encoding);
    } catch (error) {
      return { bytes, decoded, error: `cannot decode ${encoding}: ${(error as Error).message}` };
    }
  }
  return { bytes, decoded };
}

/** True when the bytes are valid UTF-8 with no NUL: safe to show and index as text. */
export function isText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The text a capture is searchable by: its path, its headers, and its decoded body when that is text. */
export function searchableText(c: { path: string; query: string; headers: HeaderPair[]; body: Buffer }): {
  path: string;
  headers: string;
  body: string;
} {
  const { bytes } = decodeBody(c.headers, c.body);
  return {
    path: c.query ? `${c.path}?${c.query}` : c.path,
    headers: c.headers.map(([k, v]) => `${k}: ${v}`).join('\n'),
    body: isText(bytes) ? bytes.toString('utf8') : '',
  };
}
