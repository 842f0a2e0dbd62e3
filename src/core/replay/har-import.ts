import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import type { CaptureResponse, HeaderPair } from '../../shared/capture-types';
import { SLUG_PATTERN } from '../../shared/capture-types';
import { HookscopeError } from '../../shared/errors';
import { jsonNestingDepth, MAX_JSON_DEPTH } from '../../shared/json-depth';
import { isCanonicalBase64, isHttpToken, isHttpVersion } from './import-fields';
import type { ImportItem } from './import-plan';
import {
  captureResponseSchema,
  firstIssue,
  headerValueSchema,
  isoTimeSchema,
  methodSchema,
  quoted,
  targetSchema,
} from './import-records';

/** A HAR header; HTTP/2 pseudo-headers (`:method`...) are allowed here and dropped below. */
const nameValue = z.object({
  name: z
    .string()
    .refine(
      (n) => isHttpToken(n.startsWith(':') ? n.slice(1) : n),
      'is not a header name (a token, no space, CR, LF or NUL)',
    ),
  value: headerValueSchema,
});
const base64Text = z.object({ text: z.string().optional(), encoding: z.string().optional() });

const entrySchema = z.object({
  startedDateTime: isoTimeSchema,
  request: z.object({
    method: methodSchema,
    url: targetSchema.min(1),
    httpVersion: z.string().max(16),
    headers: z.array(nameValue).max(10_000),
    postData: z
      .object({
        mimeType: z.string().optional(),
        text: z.string().optional(),
        encoding: z.string().optional(),
        _encoding: z.string().optional(),
      })
      .optional(),
  }),
  response: z.object({
    status: z.number().int(),
    headers: z.array(nameValue).max(10_000).optional(),
    content: base64Text.optional(),
    _error: z
      .string()
      .max(64 * 1024)
      .optional(),
  }),
  _hookscope: z
    .object({
      endpoint: z.string().regex(SLUG_PATTERN, 'is not a slug'),
      path: z
        .string()
        .refine((p) => p.startsWith('/') && !p.includes('?'), 'is not a request path')
        .pipe(targetSchema),
      query: targetSchema,
      url: targetSchema.min(1),
      remoteAddress: z
        .string()
        .max(64)
        .refine((s) => isIP(s) !== 0, 'is not an IP address')
        .nullable(),
      remotePort: z.number().int().min(0).max(65_535).nullable(),
      bodySize: z.number().int().min(0),
      truncated: z.boolean(),
      error: headerValueSchema.nullable(),
      response: captureResponseSchema.nullable(),
      // The verdict the file claims: never stored, this folder's analysis gives its own.
      provider: z.string().nullable(),
      eventType: z.string().nullable(),
      signatureStatus: z.string().nullable(),
      signature: z.unknown(),
    })
    .optional(),
});

const harSchema = z.object({ log: z.object({ version: z.string().optional(), entries: z.array(z.unknown()) }) });

type Entry = z.infer<typeof entrySchema>;

function invalidEntry(index: number, message: string): HookscopeError {
  return new HookscopeError('IMPORT_INVALID', `log.entries.${index}.${message}; nothing was imported`, {
    entry: index,
  });
}

const pairs = (list: { name: string; value: string }[]): HeaderPair[] =>
  // HTTP/2 pseudo-headers (:method, :path...) are not headers a request can carry again.
  list.filter((h) => !h.name.startsWith(':')).map((h) => [h.name, h.value]);

/** Base64 text from the file, refused unless it is base64. */
function decoded(text: string, index: number, field: string): Buffer {
  if (!isCanonicalBase64(text)) throw invalidEntry(index, `${field}: is not base64`);
  return Buffer.from(text, 'base64');
}

function bodyOf(entry: Entry, index: number): Buffer {
  const post = entry.request.postData;
  if (!post?.text) return Buffer.alloc(0);
  const base64 = post._encoding === 'base64' || post.encoding === 'base64';
  return base64 ? decoded(post.text, index, 'request.postData.text') : Buffer.from(post.text, 'utf8');
}

function responseOf(entry: Entry, index: number): CaptureResponse {
  if (entry._hookscope?.response) return entry._hookscope.response;
  const r = entry.response;
  if (r.status < 100 || r.status > 599)
    return { kind: 'none', reason: (r._error ?? 'no response in the HAR').replace(/[\u0000-\u001f\u007f]/g, ' ') };
  const content = r.content?.text ?? '';
  const body =
    r.content?.encoding === 'base64' ? decoded(content, index, 'response.content.text').toString('utf8') : content;
  return { kind: 'answered', status: r.status, headers: pairs(r.headers ?? []), body, delayMs: 0 };
}

/** HAR's httpVersion ("HTTP/1.1", "http/2.0", "h2", "") as Node writes it ("1.1", "2.0"). */
function versionOf(text: string, index: number): string {
  const bare = text.replace(/^HTTP\//i, '');
  if (bare === '') return '1.1';
  if (/^h[23]$/i.test(bare)) return `${bare[1]}.0`;
  if (!isHttpVersion(bare)) throw invalidEntry(index, 'request.httpVersion: is not an HTTP version (like HTTP/1.1)');
  return bare;
}

/** The path's first segment names the endpoint when one exists; otherwise it lands in `default`, as the capture server would route it. */
function routeOf(path: string, known: (slug: string) => boolean): string {
  const end = path.indexOf('/', 1);
  const first = path.slice(1, end === -1 ? undefined : end);
  return first && known(first) ? first : 'default';
}

function toItem(entry: Entry, index: number, known: (slug: string) => boolean): ImportItem {
  const extra = entry._hookscope;
  let url: URL;
  try {
    url = new URL(entry.request.url);
  } catch {
    throw invalidEntry(index, `request.url: ${quoted(entry.request.url)} is not a URL`);
  }
  const body = bodyOf(entry, index);
  if (extra && (extra.truncated ? extra.bodySize < body.length : extra.bodySize !== body.length)) {
    throw invalidEntry(
      index,
      `_hookscope.bodySize: ${extra.bodySize} does not match the ${body.length} bytes of the body`,
    );
  }
  const path = extra?.path ?? url.pathname;
  return {
    sourceId: index + 1,
    endpoint: extra?.endpoint ?? routeOf(path, known),
    capture: {
      receivedAt: Date.parse(entry.startedDateTime),
      method: entry.request.method,
      url: extra?.url ?? entry.request.url,
      path,
      query: extra?.query ?? url.search.replace(/^\?/, ''),
      httpVersion: versionOf(entry.request.httpVersion, index),
      remoteAddress: extra?.remoteAddress ?? null,
      remotePort: extra?.remotePort ?? null,
      headers: pairs(entry.request.headers),
      body,
      bodySize: extra?.truncated ? extra.bodySize : body.length,
      // Always from the bytes: a HAR carries no hash to trust.
      bodySha256: createHash('sha256').update(body).digest('hex'),
      truncated: extra?.truncated ?? false,
      error: extra?.error ?? null,
      response: responseOf(entry, index),
    },
    replays: [],
  };
}

/**
 * Parses a HAR 1.2 document (from Hookscope, Chrome DevTools or elsewhere),
 * refusing nesting past MAX_JSON_DEPTH before JSON.parse; returns its entries
 * unchecked (harEntryItem checks each). Throws IMPORT_INVALID.
 */
export function parseHarText(text: string): unknown[] {
  if (jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new HookscopeError(
      'IMPORT_INVALID',
      `the HAR document nests deeper than ${MAX_JSON_DEPTH} levels; nothing was imported`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HookscopeError(
      'IMPORT_INVALID',
      `the file is neither a Hookscope NDJSON export nor a HAR document (not JSON: ${(error as Error).message.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').slice(0, 120)}); nothing was imported`,
    );
  }
  return harEntries(value);
}

/** The entries of a parsed HAR document; IMPORT_INVALID when it is not one. */
export function harEntries(value: unknown): unknown[] {
  const doc = harSchema.safeParse(value);
  if (!doc.success)
    throw new HookscopeError('IMPORT_INVALID', `not a HAR document: ${firstIssue(doc.error)}; nothing was imported`);
  return doc.data.log.entries;
}

/** One HAR entry, validated field by field; throws IMPORT_INVALID naming the entry and the field. */
export function harEntryItem(raw: unknown, index: number, knownEndpoint: (slug: string) => boolean): ImportItem {
  const entry = entrySchema.safeParse(raw);
  if (!entry.success) throw invalidEntry(index, firstIssue(entry.error));
  return toItem(entry.data, index, knownEndpoint);
}
