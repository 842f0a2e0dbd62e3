import type { Endpoint, HeaderPair } from '../../shared/capture-types';
import type { ProviderDefinition } from '../../shared/providers';
import type { ResignInfo } from '../../shared/replay-types';
import { HookscopeError } from '../../shared/errors';
import type { StoredCapture } from '../store/captures';
import { parseTargetUrl } from '../sender/attempt';
import type { SuccessRule } from '../sender/types';
import { copyableHeaders } from './headers';
import { resignHeaders, signingForm, staleWarning } from './resign';
import { joinTarget, pathSuffix } from './target';

/** How a replay differs from the capture; everything optional. */
export interface ReplayEdits {
  /** Exact target URL; default: the endpoint's forward URL plus the capture's path suffix and query. */
  url?: string;
  method?: string;
  /** Replaces the captured headers (hop-by-hop ones, Host and Content-Length are still left to the client). */
  headers?: HeaderPair[];
  body?: Uint8Array;
  /** Sign again for the capture's provider with a fresh timestamp. */
  resign?: boolean;
  /** Secret to re-sign with (implies resign); default: the endpoint's first. */
  secret?: string;
  /** Re-sign with this timestamp (unix seconds) instead of the clock's: the one a preview showed. */
  signedAt?: number;
  timeoutMs?: number;
}

export interface PlanContext {
  endpoint: Endpoint;
  /** The endpoint's secrets, in order. */
  secrets: string[];
  provider: ProviderDefinition | undefined;
  nowMs: number;
}

export interface ReplayPlan {
  url: string;
  method: string;
  headers: HeaderPair[];
  body: Uint8Array;
  edited: boolean;
  resigned: ResignInfo | null;
  warnings: string[];
  success: SuccessRule;
  timeoutMs: number;
}

export const DEFAULT_REPLAY_TIMEOUT_MS = 30_000;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** The year 2286: a signed timestamp beyond it is a mistake. */
const MAX_SIGNED_AT = 9_999_999_999;

function checkEdits(edits: ReplayEdits): void {
  if (edits.method !== undefined && !TOKEN.test(edits.method)) {
    throw new HookscopeError('BAD_INPUT', `method "${edits.method}" is not an HTTP method token`);
  }
  if (
    edits.timeoutMs !== undefined &&
    (!Number.isInteger(edits.timeoutMs) || edits.timeoutMs < 1 || edits.timeoutMs > 600_000)
  ) {
    throw new HookscopeError('BAD_INPUT', `timeoutMs must be between 1 and 600000, got ${edits.timeoutMs}`);
  }
  if (
    edits.signedAt !== undefined &&
    (!Number.isInteger(edits.signedAt) || edits.signedAt < 0 || edits.signedAt > MAX_SIGNED_AT)
  ) {
    throw new HookscopeError(
      'BAD_INPUT',
      `signedAt must be whole unix seconds from 0 to ${MAX_SIGNED_AT}, got ${edits.signedAt}`,
    );
  }
}

/** Headers a request can carry (an imported HAR may hold names or values no HTTP client sends). */
function checkHeaders(headers: readonly HeaderPair[]): void {
  for (const [name, value] of headers) {
    if (!TOKEN.test(name))
      throw new HookscopeError('BAD_INPUT', `header name "${name}" is not a valid HTTP header name`);
    if (/[\r\n\0]/.test(value))
      throw new HookscopeError('BAD_INPUT', `header ${name}: a value cannot hold CR, LF or NUL`);
  }
}

/** Where a capture goes by default: its endpoint's forward URL, with the capture's path suffix and query. */
export function defaultTarget(capture: StoredCapture, endpoint: Endpoint): string {
  if (!endpoint.forwardUrl) {
    throw new HookscopeError(
      'BAD_INPUT',
      `capture ${capture.id}'s endpoint "${endpoint.slug}" has no forward URL; give a URL (--url) or set one (hookscope forward ${endpoint.slug} --to URL)`,
      { id: capture.id, endpoint: endpoint.slug },
    );
  }
  return joinTarget(endpoint.forwardUrl, pathSuffix(capture.path, endpoint.slug), capture.query);
}

function chooseSecret(
  capture: StoredCapture,
  ctx: PlanContext,
  given?: string,
): { secret: string; index: number | null } {
  if (given !== undefined) {
    if (given.length === 0) throw new HookscopeError('BAD_INPUT', 'the secret to re-sign with is empty');
    const index = ctx.secrets.indexOf(given);
    return { secret: given, index: index === -1 ? null : index };
  }
  if (ctx.secrets.length === 0) {
    throw new HookscopeError(
      'BAD_INPUT',
      `endpoint "${ctx.endpoint.slug}" has no secret to re-sign capture ${capture.id} with; pass one (--secret) or add one (hookscope endpoint set ${ctx.endpoint.slug} --secret S)`,
    );
  }
  return { secret: ctx.secrets[0], index: 0 };
}

/**
 * Decides exactly what a replay sends: pure, given the capture, its endpoint,
 * secrets, provider and the time. Throws BAD_INPUT, before anything is sent,
 * for an edit that is not valid or a re-sign that cannot be done.
 */
export function planReplay(capture: StoredCapture, ctx: PlanContext, edits: ReplayEdits = {}): ReplayPlan {
  checkEdits(edits);
  let url = edits.url ?? defaultTarget(capture, ctx.endpoint);
  parseTargetUrl(url);
  if (capture.truncated && edits.body === undefined) {
    throw new HookscopeError(
      'BAD_INPUT',
      `capture ${capture.id} was not received whole (${capture.error ?? 'truncated'}: ${capture.bodySize} bytes received, ${capture.body.length} kept), so it cannot be sent as captured; give a body to send it edited`,
      { id: capture.id },
    );
  }
  const method = edits.method ?? capture.method;
  let body = edits.body ?? capture.body;
  let headers = copyableHeaders(edits.headers ?? capture.headers);
  checkHeaders(headers);
  const bodyEdited = edits.body !== undefined && !Buffer.from(body).equals(capture.body);
  const edited = method !== capture.method || edits.headers !== undefined || bodyEdited;
  const warnings: string[] = [];
  const provider = ctx.provider;
  const form = provider
    ? signingForm(provider, headers, (capture.signature as { scheme?: string } | null)?.scheme)
    : undefined;
  let resigned: ResignInfo | null = null;

  if (edits.resign || edits.secret !== undefined) {
    if (!provider || !form) {
      throw new HookscopeError(
        'BAD_INPUT',
        `capture ${capture.id} has no provider to re-sign for; bind its endpoint to one (hookscope endpoint set ${ctx.endpoint.slug} --provider P)`,
      );
    }
    const { secret, index } = chooseSecret(capture, ctx, edits.secret);
    const out = resignHeaders(
      provider,
      form,
      headers,
      body,
      secret,
      edits.signedAt !== undefined ? edits.signedAt * 1000 : ctx.nowMs,
      { url, method },
    );
    headers = out.headers;
    if (out.url) url = out.url;
    if (out.body) body = out.body;
    resigned = {
      provider: provider.id,
      scheme: `${provider.id}/${form.name}`,
      timestamp: out.timestamp,
      secretIndex: index,
    };
  } else if (provider && form) {
    const stale = staleWarning(provider, form, headers, ctx.nowMs);
    if (stale) warnings.push(stale);
    if (bodyEdited && firstHeaderPresent(headers, form.header)) {
      warnings.push(`the body was edited but not re-signed: its ${form.header} no longer matches it`);
    }
  }
  return {
    url,
    method,
    headers,
    body,
    edited,
    resigned,
    warnings,
    success: provider?.delivery.success ?? '2xx',
    timeoutMs: edits.timeoutMs ?? provider?.delivery.timeoutMs ?? DEFAULT_REPLAY_TIMEOUT_MS,
  };
}

function firstHeaderPresent(headers: readonly HeaderPair[], name: string): boolean {
  const lower = name.toLowerCase();
  return headers.some(([n]) => n.toLowerCase() === lower);
}
