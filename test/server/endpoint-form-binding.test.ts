import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiArgs, ApiMethod, ApiResults } from '../../src/shared/api';
import type { ErrorPayload } from '../../src/shared/errors';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

let serve: ServeProcess;
let dir: { path: string; remove(): void };

beforeAll(async () => {
  dir = tempDir();
  serve = await startServeProcess(dir.path);
});
afterAll(async () => {
  serve.child.kill('SIGTERM');
  await serve.exited;
  dir.remove();
});

type Reply<T> = { status: number; ok: true; result: T } | { status: number; ok: false; error: ErrorPayload };

async function post<M extends ApiMethod>(
  method: M,
  args: ApiArgs<M> | Record<string, unknown>,
): Promise<Reply<ApiResults[M]>> {
  const res = await fetch(`${new URL(serve.info.uiUrl).origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serve.info.token}` },
    body: JSON.stringify(args),
  });
  return {
    status: res.status,
    ...((await res.json()) as { ok: true; result: ApiResults[M] } | { ok: false; error: ErrorPayload }),
  };
}

async function ok<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResults[M]> {
  const reply = await post(method, args);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.result;
}

const row = async (slug: string) => (await ok('endpoints.list', {})).find((e) => e.slug === slug);

describe('the endpoint form in one call: provider and secrets with create and update', () => {
  it('creates an endpoint bound to a provider with its secrets; the list counts them and never shows them', async () => {
    const created = await ok('endpoints.create', {
      slug: 'pr',
      provider: 'prynt',
      secrets: ['whsec_one', 'whsec_two'],
    });
    expect(created.provider).toBe('prynt');
    const listed = await row('pr');
    expect(listed?.secretCount).toBe(2);
    expect(JSON.stringify(await ok('endpoints.list', {}))).not.toContain('whsec_one');
    expect((await row('default'))?.secretCount ?? 0).toBe(0);
  });

  it('refuses an unknown provider or a bad secret list and creates nothing', async () => {
    const unknown = await post('endpoints.create', { slug: 'nope', provider: 'no-such-provider', secrets: ['s'] });
    expect(unknown.ok).toBe(false);
    const empty = await post('endpoints.create', { slug: 'nope', secrets: [''] });
    expect(empty.ok ? '' : empty.error.code).toBe('BAD_INPUT');
    const many = await post('endpoints.create', {
      slug: 'nope',
      secrets: Array.from({ length: 21 }, (_, i) => `s${i}`),
    });
    expect(many.ok ? '' : many.error.code).toBe('BAD_INPUT');
    expect(await row('nope')).toBeUndefined();
  });

  it('update changes rule, provider and secrets together: add (rotation), replace, clear, unbind', async () => {
    await ok('endpoints.update', { slug: 'pr', rule: { status: 202 }, secrets: ['whsec_three'], secretsMode: 'add' });
    expect((await row('pr'))?.secretCount).toBe(3);
    expect((await row('pr'))?.rule.status).toBe(202);
    await ok('endpoints.update', {
      slug: 'pr',
      secrets: ['whsec_only'],
      secretsMode: 'replace',
      provider: 'lrdefender',
    });
    expect(await row('pr')).toMatchObject({ secretCount: 1, provider: 'lrdefender' });
    await ok('endpoints.update', { slug: 'pr', secrets: [], secretsMode: 'replace', provider: null });
    expect(await row('pr')).toMatchObject({ secretCount: 0, provider: null });
  });

  it('an update naming an unknown provider changes nothing', async () => {
    const reply = await post('endpoints.update', {
      slug: 'pr',
      rule: { status: 418 },
      provider: 'no-such-provider',
      secrets: ['x'],
    });
    expect(reply.ok).toBe(false);
    expect(await row('pr')).toMatchObject({ secretCount: 0, provider: null });
    expect((await row('pr'))?.rule.status).toBe(202);
  });
});
