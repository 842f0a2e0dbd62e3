import { STATUS_CODES } from 'node:http';
import type { HeaderPair } from '../../shared/capture-types';
import type { HarDocument, HarEntry, HarNameValue } from '../../shared/har-types';
import { isText } from '../capture/decode';
import type { StoredCapture } from '../store/captures';
import { VERSION } from '../version';
import { firstValue } from './headers';

const nameValues = (headers: readonly HeaderPair[]): HarNameValue[] =>
  headers.map(([name, value]) => ({ name, value }));

function cookiesOf(headers: readonly HeaderPair[]): HarNameValue[] {
  const out: HarNameValue[] = [];
  for (const [name, value] of headers) {
    if (name.toLowerCase() !== 'cookie') continue;
    for (const part of value.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0) out.push({ name: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() });
    }
  }
  return out;
}

function queryOf(query: string): HarNameValue[] {
  if (!query) return [];
  return [...new URLSearchParams(query)].map(([name, value]) => ({ name, value }));
}

/** The URL as HAR wants it (an absolute URI); the raw one is kept in `_hookscope.url`. */
function harUrl(c: StoredCapture): string {
  if (URL.canParse(c.url)) return new URL(c.url).href;
  const host = firstValue(c.headers, 'host') ?? 'localhost';
  const fallback = `http://${host}${c.path}${c.query ? `?${c.query}` : ''}`;
  return URL.canParse(fallback) ? new URL(fallback).href : `http://localhost${encodeURI(c.path)}`;
}

function responseOf(c: StoredCapture): HarEntry['response'] {
  const r = c.response;
  if (r?.kind === 'answered') {
    const body = Buffer.from(r.body, 'utf8');
    return {
      status: r.status,
      statusText: STATUS_CODES[r.status] ?? '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: nameValues(r.headers),
      content: { size: body.length, mimeType: firstValue(r.headers, 'content-type') ?? 'text/plain', text: r.body },
      redirectURL: firstValue(r.headers, 'location') ?? '',
      headersSize: -1,
      bodySize: body.length,
    };
  }
  const reason =
    r === null
      ? 'no response recorded'
      : r.kind === 'none'
        ? r.reason
        : r.kind === 'hang'
          ? 'never answered (hang rule)'
          : 'connection reset (reset rule)';
  return {
    status: 0,
    statusText: '',
    httpVersion: '',
    cookies: [],
    headers: [],
    content: { size: 0, mimeType: 'x-unknown' },
    redirectURL: '',
    headersSize: -1,
    bodySize: -1,
    _error: reason,
  };
}

/** One capture as a HAR entry: the request as received and the answer Hookscope gave. */
export function toHarEntry(c: StoredCapture): HarEntry {
  const mimeType = firstValue(c.headers, 'content-type') ?? 'application/octet-stream';
  const text = isText(c.body);
  const wait = c.response?.kind === 'answered' ? c.response.delayMs : 0;
  return {
    startedDateTime: new Date(c.receivedAt).toISOString(),
    time: wait,
    request: {
      method: c.method,
      url: harUrl(c),
      httpVersion: `HTTP/${c.httpVersion}`,
      cookies: cookiesOf(c.headers),
      headers: nameValues(c.headers),
      queryString: queryOf(c.query),
      ...(c.body.length > 0 || c.truncated
        ? {
            postData: text
              ? { mimeType, text: c.body.toString('utf8') }
              : { mimeType, text: c.body.toString('base64'), _encoding: 'base64' as const },
          }
        : {}),
      headersSize: -1,
      bodySize: c.body.length,
    },
    response: responseOf(c),
    cache: {},
    timings: { send: 0, wait, receive: 0 },
    _hookscope: {
      id: c.id,
      endpoint: c.endpoint,
      path: c.path,
      query: c.query,
      url: c.url,
      remoteAddress: c.remoteAddress,
      remotePort: c.remotePort,
      bodySize: c.bodySize,
      bodySha256: c.bodySha256,
      truncated: c.truncated,
      error: c.error,
      response: c.response,
      provider: c.provider,
      eventType: c.eventType,
      signatureStatus: c.signatureStatus,
      signature: c.signature,
    },
  };
}

/** A HAR 1.2 document of captures, oldest first; it opens in Chrome DevTools (Network, Import HAR). */
export function toHar(captures: Iterable<StoredCapture>): HarDocument {
  const entries: HarEntry[] = [];
  for (const c of captures) entries.push(toHarEntry(c));
  return { log: { version: '1.2', creator: { name: 'Hookscope', version: VERSION }, entries } };
}
