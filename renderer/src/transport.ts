import type { ApiArgs, ApiMethod, ApiResults } from '../../src/shared/api';
import type { ErrorPayload } from '../../src/shared/errors';

type Reply<T> = { ok: true; result: T } | { ok: false; error: ErrorPayload };

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

/** The per-run token of browser mode, from the page URL (`?token=`). */
export function pageToken(): string {
  return new URLSearchParams(window.location.search).get('token') ?? '';
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
    return { ok: false, error: { code: 'INTERNAL', message: `Hookscope is not reachable (${(error as Error).message}); is \`hookscope serve\` running?` } };
  }
  try {
    return (await res.json()) as Reply<T>;
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
