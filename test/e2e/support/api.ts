import type { ApiArgs, ApiMethod, ApiResults } from '../../../src/shared/api';
import type { Served } from './serve';

/** Calls the control API of a running serve, as the page does (bearer token). */
export async function api<M extends ApiMethod>(served: Served, method: M, args: ApiArgs<M>): Promise<ApiResults[M]> {
  const ui = new URL(served.uiUrl);
  const res = await fetch(`${ui.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${served.serve.info.token}` },
    body: JSON.stringify(args),
  });
  const reply = (await res.json()) as { ok: boolean; result: ApiResults[M]; error?: { message: string } };
  if (!reply.ok) throw new Error(`${method}: ${reply.error?.message}`);
  return reply.result;
}

/** Polls until `check` returns a value that is not undefined (background work such as search indexing). */
export async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
