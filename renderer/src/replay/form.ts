import type { ApiArgs } from '../../../src/shared/api';
import type { HeaderPair } from '../../../src/shared/capture-types';
import type { ReplayPreview } from '../../../src/shared/replay-types';

/** One row of the header editor; `key` keeps React rows stable while names are typed. */
export interface HeaderRow {
  key: number;
  name: string;
  value: string;
}

export interface ReplayFormState {
  url: string;
  method: string;
  headers: HeaderRow[];
  /** The body as text; ignored for a binary body (which is sent as captured). */
  body: string;
  resign: boolean;
  /** Empty: the endpoint's first secret. */
  secret: string;
  /** Empty: the provider's timeout, else 30 s. */
  timeoutMs: string;
}

/** What the form started from: the capture as received. */
export interface ReplayOriginal {
  method: string;
  headers: HeaderPair[];
  /** The stored body as UTF-8 text, or null when it is binary (or still Content-Encoded). */
  bodyText: string | null;
  /** Not received whole: the API refuses to send it as captured, so the kept text is sent as an edit. */
  truncated: boolean;
}

export type FormErrors = Partial<Record<'url' | 'method' | 'headers' | 'timeoutMs' | 'form', string>>;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
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

/** Headers the HTTP client sets itself for the new connection (Host, Content-Length, hop-by-hop ones): never copied. */
export function setByClient(name: string): boolean {
  const lower = name.trim().toLowerCase();
  return NOT_COPIED.has(lower) || lower.startsWith('proxy-');
}

let nextKey = 1;
export function headerRows(headers: readonly HeaderPair[]): HeaderRow[] {
  return headers.map(([name, value]) => ({ key: nextKey++, name, value }));
}

export function blankRow(): HeaderRow {
  return { key: nextKey++, name: '', value: '' };
}

/** The editor's rows as pairs, blank rows left out. */
export function rowPairs(rows: readonly HeaderRow[]): HeaderPair[] {
  return rows.filter((r) => r.name.trim() !== '' || r.value !== '').map((r) => [r.name.trim(), r.value]);
}

export function sameHeaders(a: readonly HeaderPair[], b: readonly HeaderPair[]): boolean {
  return a.length === b.length && a.every(([n, v], i) => n === b[i][0] && v === b[i][1]);
}

export function initialForm(original: ReplayOriginal, url: string): ReplayFormState {
  return {
    url,
    method: original.method,
    headers: headerRows(original.headers),
    body: original.bodyText ?? '',
    resign: false,
    secret: '',
    timeoutMs: '',
  };
}

export function utf8ToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function checkUrl(url: string): string | undefined {
  if (url.trim() === '') return 'a target URL is needed: your handler, or an endpoint of this app';
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'an http or https URL';
  } catch {
    return 'not a URL';
  }
  return undefined;
}

function checkHeaders(pairs: readonly HeaderPair[]): string | undefined {
  for (const [i, [name, value]] of pairs.entries()) {
    if (name === '') return `header ${i + 1} has a value but no name`;
    if (!TOKEN.test(name)) return `"${name}" is not a valid header name`;
    if (/[\r\n\0]/.test(value)) return `${name}: a value cannot hold a line break or NUL`;
  }
  return undefined;
}

/**
 * The replays.send arguments for the form, sending only what was changed
 * (an unchanged method, header list or body is left to the capture, so the
 * replay is not marked edited), or the errors to show next to the fields.
 */
export function sendArgs(
  id: number,
  form: ReplayFormState,
  original: ReplayOriginal,
  preview: ReplayPreview | null = null,
): { args: ApiArgs<'replays.send'> } | { errors: FormErrors } {
  const errors: FormErrors = {};
  const method = form.method.trim();
  const pairs = rowPairs(form.headers);
  errors.url = checkUrl(form.url);
  if (!TOKEN.test(method)) errors.method = method === '' ? 'a method is needed' : `"${method}" is not an HTTP method`;
  errors.headers = checkHeaders(pairs);
  const timeout = form.timeoutMs.trim();
  if (timeout !== '' && !(/^\d+$/.test(timeout) && Number(timeout) >= 1 && Number(timeout) <= 600_000)) {
    errors.timeoutMs = 'a whole number of milliseconds, 1 to 600000';
  }
  const shown = Object.fromEntries(Object.entries(errors).filter(([, v]) => v !== undefined)) as FormErrors;
  if (Object.keys(shown).length > 0) return { errors: shown };

  const args: ApiArgs<'replays.send'> = { id, url: form.url.trim() };
  if (method !== original.method) args.method = method;
  if (!sameHeaders(pairs, original.headers)) args.headers = pairs;
  if (original.bodyText !== null && (form.body !== original.bodyText || original.truncated))
    args.bodyBase64 = utf8ToBase64(form.body);
  if (form.resign) {
    args.resign = true;
    if (form.secret !== '') args.secret = form.secret;
    // Signed with the timestamp the editor showed, so what goes out is what was on screen.
    if (preview?.resigned) args.signedAt = preview.resigned.timestamp;
  }
  if (timeout !== '') args.timeoutMs = Number(timeout);
  return { args };
}

/** The edits that change the headers a re-sign writes (method, headers, body, secret); the target does not, so any valid URL stands in for an unfinished one. */
export function previewArgs(id: number, form: ReplayFormState, original: ReplayOriginal): ApiArgs<'replays.preview'> {
  const pairs = rowPairs(form.headers);
  const method = form.method.trim();
  const args: ApiArgs<'replays.preview'> = {
    id,
    url: checkUrl(form.url) === undefined ? form.url.trim() : 'http://127.0.0.1/',
    resign: true,
  };
  if (TOKEN.test(method) && method !== original.method) args.method = method;
  if (checkHeaders(pairs) === undefined && !sameHeaders(pairs, original.headers)) args.headers = pairs;
  if (original.bodyText !== null && (form.body !== original.bodyText || original.truncated))
    args.bodyBase64 = utf8ToBase64(form.body);
  if (form.secret !== '') args.secret = form.secret;
  return args;
}

/** For each header row, the value a re-sign puts in its place when it differs (matched by name, in order); and the headers it adds. */
export function resignedValues(
  rows: readonly HeaderRow[],
  sent: readonly HeaderPair[],
): { changed: Map<number, string>; added: HeaderPair[] } {
  const changed = new Map<number, string>();
  const pending = sent.map(([n, v]) => [n.toLowerCase(), v, false] as [string, string, boolean]);
  for (const row of rows) {
    const match = pending.find((p) => !p[2] && p[0] === row.name.trim().toLowerCase());
    if (!match) continue;
    match[2] = true;
    if (match[1] !== row.value) changed.set(row.key, match[1]);
  }
  const added = sent.filter((_, i) => !pending[i][2] && !setByClient(sent[i][0]));
  return { changed, added };
}
