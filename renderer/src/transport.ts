import type { ApiArgs, ApiMethod, ApiResults } from '../../src/shared/api';
import type { ApiReply as Reply, ErrorPayload } from '../../src/shared/errors';
import { useAccess } from './shell/access';

/** Present in the desktop window (from the preload): one function per API method. */
declare global {
  interface Window {
    hookscope?: Record<string, (args: unknown) => Promise<Reply<unknown>>>;
  }
}

export class ApiError extends Error {
  constructor(readonly payload: ErrorPayload) {
    super(`${payload.message} [${payload.code}]`);
  }
}

const TOKEN_KEY = 'hookscope.token';
/** Where the token stays when sessionStorage is unavailable (storage disabled): this page's memory. */
let memoryToken = '';

/**
 * Browser mode, once at start: takes the per-run token from the URL the page
 * was opened with (`#token=...`, which a browser never sends to a server; an
 * old-style `?token=` is taken too), keeps it in sessionStorage (this tab
 * only, gone when it closes), and removes it from the address bar and the
 * history entry. A reload finds it in sessionStorage.
 */
export function adoptPageToken(): void {
  const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const query = new URLSearchParams(window.location.search);
  const token = hash.get('token') ?? query.get('token');
  if (token === null) return;
  try {
    window.sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    memoryToken = token;
  }
  hash.delete('token');
  query.delete('token');
  const search = query.toString();
  const fragment = hash.toString();
  window.history.replaceState(
    window.history.state,
    '',
    `${window.location.pathname}${search ? `?${search}` : ''}${fragment ? `#${fragment}` : ''}`,
  );
}

/** The per-run token of browser mode (see adoptPageToken). */
export function pageToken(): string {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY) ?? memoryToken;
  } catch {
    return memoryToken;
  }
}

/** Browser mode: POST /api/<method> with the per-run token from the page URL. */
async function overHttp<T>(method: string, args: unknown): Promise<Reply<T>> {
  let res: Response;
  try {
    res = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${pageToken()}` },
      body: JSON.stringify(args),
    });
  } catch (error) {
    useAccess.getState().report('unreachable');
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: `nothing answers at ${window.location.host} (${(error as Error).message}): open the URL \`hookscope serve\` printed; a new start may use another port`,
      },
    };
  }
  try {
    const reply = (await res.json()) as Reply<T>;
    if (!reply.ok && reply.error.code === 'UNAUTHORIZED')
      useAccess.getState().report(pageToken() === '' ? 'missing' : 'stale');
    return reply;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: `the control API answered ${res.status} without JSON` } };
  }
}

/** Calls an API method over whichever transport this page was given. */
export async function call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResults[M]> {
  const bridge = window.hookscope?.[method];
  const reply = (bridge ? await bridge(args) : await overHttp<ApiResults[M]>(method, args)) as Reply<ApiResults[M]>;
  if (!reply.ok) throw new ApiError(reply.error);
  return reply.result;
}

/** A short message for anything thrown by a call. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.payload.message;
  return error instanceof Error ? error.message : String(error);
}
