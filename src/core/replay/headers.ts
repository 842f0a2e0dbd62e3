import type { HeaderPair } from '../../shared/capture-types';

/**
 * Headers that describe one connection, not the message (RFC 9110 7.6.1),
 * plus Host and Content-Length, which the HTTP client sets for the new
 * connection and body. They are not copied when a capture is sent again.
 */
const NOT_COPIED = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'host',
  'content-length',
]);

export function isHopByHop(name: string): boolean {
  const lower = name.toLowerCase();
  return NOT_COPIED.has(lower) || lower.startsWith('proxy-');
}

/** The captured headers a replay sends: all but hop-by-hop ones, Host and Content-Length, in order. */
export function copyableHeaders(headers: readonly HeaderPair[]): HeaderPair[] {
  return headers.filter(([name]) => !isHopByHop(name)).map(([name, value]) => [name, value]);
}

/** Headers of a proxied answer: the target's, minus those that describe its connection and framing. */
export function answerHeaders(headers: readonly HeaderPair[]): HeaderPair[] {
  return headers.filter(([name]) => !isHopByHop(name) && name.toLowerCase() !== 'date').map(([n, v]) => [n, v]);
}

/**
 * Sets a header in place: the first occurrence keeps its position and the
 * case of its name and takes the new value; later duplicates are dropped.
 * Appended when absent.
 */
export function setHeader(headers: HeaderPair[], name: string, value: string): HeaderPair[] {
  const lower = name.toLowerCase();
  const out: HeaderPair[] = [];
  let placed = false;
  for (const [n, v] of headers) {
    if (n.toLowerCase() !== lower) out.push([n, v]);
    else if (!placed) {
      out.push([n, value]);
      placed = true;
    }
  }
  if (!placed) out.push([name, value]);
  return out;
}

export function firstValue(headers: readonly HeaderPair[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find(([n]) => n.toLowerCase() === lower)?.[1];
}
