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

/** Browser mode: POST /api/<method> with the per-run token from the page URL. */
async function overHttp<T>(method: string, args: unknown): Promise<Reply<T>> {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const res = await fetch(`/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(args),
  });
  return (await res.json()) as Reply<T>;
}

/** Calls an API method over whichever transport this page was given. */
export async function call<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResults[M]> {
  const bridge = window.hookscope?.[method];
  const reply = (bridge ? await bridge(args) : await overHttp<ApiResults[M]>(method, args)) as Reply<ApiResults[M]>;
  if (!reply.ok) throw new ApiError(reply.error);
  return reply.result;
}
