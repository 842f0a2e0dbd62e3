import type { ApiArgs, ApiMethod, ApiResults } from '../../../src/shared/api';
import type { Served } from './serve';
import { waitFor } from '../../helpers/wait';

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

/** Polls (test/helpers/wait.ts) until `check` gives a value (background work such as search indexing). */
export function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  return waitFor(what, check, { timeout: timeoutMs, interval: 100 });
}
