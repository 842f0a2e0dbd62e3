import { MAX_JSON_DEPTH, jsonNestingDepth } from '../../shared/json-depth';

const decoder = new TextDecoder('utf-8', { fatal: false });
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

/** UTF-8 text with U+FFFD for invalid sequences. */
export function toText(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/**
 * Parses a body as JSON; undefined when it is not valid UTF-8 JSON, is larger
 * than `maxBytes`, or nests deeper than MAX_JSON_DEPTH (what detection and the
 * payload rules do with it afterwards, JSON.stringify included, is recursive).
 */
export function parseJsonBody(bytes: Uint8Array, maxBytes = 8 * 1024 * 1024): { value: unknown } | undefined {
  if (bytes.length === 0 || bytes.length > maxBytes) return undefined;
  let text: string;
  try {
    text = strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
  if (jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

export function describeBytes(bytes: Uint8Array): { text: string; hex: string } {
  return { text: toText(bytes), hex: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex') };
}
