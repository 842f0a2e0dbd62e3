import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CaptureResponse, HeaderPair } from '../../shared/capture-types';
import { SLUG_PATTERN } from '../../shared/capture-types';
import { HookscopeError } from '../../shared/errors';
import type { ImportItem, ImportPlan } from './import-plan';
import { captureResponseSchema, firstIssue } from './records';

const nameValue = z.object({ name: z.string(), value: z.string() });

const entrySchema = z.object({
  startedDateTime: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO time'),
  request: z.object({
    method: z.string().min(1),
    url: z.string().min(1),
    httpVersion: z.string(),
    headers: z.array(nameValue),
    postData: z.object({ mimeType: z.string().optional(), text: z.string().optional(), encoding: z.string().optional(), _encoding: z.string().optional() }).optional(),
  }),
  response: z.object({
    status: z.number().int(),
    headers: z.array(nameValue).optional(),
    content: z.object({ text: z.string().optional(), encoding: z.string().optional() }).optional(),
    _error: z.string().optional(),
  }),
  _hookscope: z
    .object({
      endpoint: z.string().regex(SLUG_PATTERN),
      path: z.string(),
      query: z.string(),
      url: z.string(),
      remoteAddress: z.string().nullable(),
      remotePort: z.number().int().nullable(),
      bodySize: z.number().int().min(0),
      truncated: z.boolean(),
      error: z.string().nullable(),
      response: captureResponseSchema.nullable(),
      provider: z.string().nullable(),
      eventType: z.string().nullable(),
      signatureStatus: z.string().nullable(),
      signature: z.unknown(),
    })
    .optional(),
});

const harSchema = z.object({ log: z.object({ version: z.string().optional(), entries: z.array(z.unknown()) }) });

type Entry = z.infer<typeof entrySchema>;

const pairs = (list: { name: string; value: string }[]): HeaderPair[] =>
  // HTTP/2 pseudo-headers (:method, :path...) are not headers a request can carry again.
  list.filter((h) => !h.name.startsWith(':')).map((h) => [h.name, h.value]);

function bodyOf(entry: Entry): Buffer {
  const post = entry.request.postData;
  if (!post?.text) return Buffer.alloc(0);
  const base64 = post._encoding === 'base64' || post.encoding === 'base64';
  return Buffer.from(post.text, base64 ? 'base64' : 'utf8');
}

function responseOf(entry: Entry): CaptureResponse {
  if (entry._hookscope?.response) return entry._hookscope.response;
  const r = entry.response;
  if (r.status < 100 || r.status > 599) return { kind: 'none', reason: r._error ?? 'no response in the HAR' };
  const content = r.content?.text ?? '';
  const body = r.content?.encoding === 'base64' ? Buffer.from(content, 'base64').toString('utf8') : content;
  return { kind: 'answered', status: r.status, headers: pairs(r.headers ?? []), body, delayMs: 0 };
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
    throw new HookscopeError('IMPORT_INVALID', `log.entries.${index}.request.url: "${entry.request.url}" is not a URL; nothing was imported`);
  }
  const body = bodyOf(entry);
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
      httpVersion: entry.request.httpVersion.replace(/^HTTP\//i, '') || '1.1',
      remoteAddress: extra?.remoteAddress ?? null,
      remotePort: extra?.remotePort ?? null,
      headers: pairs(entry.request.headers),
      body,
      bodySize: extra?.truncated ? extra.bodySize : body.length,
      bodySha256: createHash('sha256').update(body).digest('hex'),
      truncated: extra?.truncated ?? false,
      error: extra?.error ?? null,
      response: responseOf(entry),
      provider: extra?.provider ?? null,
      eventType: extra?.eventType ?? null,
      signatureStatus: extra?.signatureStatus ?? null,
      signature: extra?.signature ?? null,
      // A HAR from elsewhere has no verdict: this folder's analysis gives it one.
      staleVerdict: extra === undefined,
    },
    replays: [],
  };
}

/** Reads a HAR 1.2 document (from Hookscope, Chrome DevTools or elsewhere); throws IMPORT_INVALID naming the first bad field. */
export function parseHar(value: unknown, knownEndpoint: (slug: string) => boolean): ImportPlan {
  const doc = harSchema.safeParse(value);
  if (!doc.success) throw new HookscopeError('IMPORT_INVALID', `not a HAR document: ${firstIssue(doc.error)}; nothing was imported`);
  const items = doc.data.log.entries.map((raw, i) => {
    const entry = entrySchema.safeParse(raw);
    if (!entry.success) throw new HookscopeError('IMPORT_INVALID', `log.entries.${i}.${firstIssue(entry.error)}; nothing was imported`);
    return toItem(entry.data, i, knownEndpoint);
  });
  return { format: 'har', endpoints: new Map(), items };
}
