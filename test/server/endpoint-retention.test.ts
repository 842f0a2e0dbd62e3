import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiArgs, ApiMethod, ApiResults } from '../../src/shared/api';
import type { Endpoint } from '../../src/shared/capture-types';
import type { ApiReply } from '../../src/shared/errors';
import { cliJson } from '../helpers/cli';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';
import { waitFor } from '../helpers/wait';

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

type Reply<T> = { status: number } & ApiReply<T>;

/** POST /api/<method> with the run's token, as the page does; arguments are sent as given (no type help for bad ones). */
async function post<M extends ApiMethod>(
  method: M,
  args: ApiArgs<M> | Record<string, unknown>,
): Promise<Reply<ApiResults[M]>> {
  const res = await fetch(`${new URL(serve.info.uiUrl).origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serve.info.token}` },
    body: JSON.stringify(args),
  });
  return { status: res.status, ...((await res.json()) as ApiReply<ApiResults[M]>) };
}

async function ok<M extends ApiMethod>(method: M, args: ApiArgs<M>): Promise<ApiResults[M]> {
  const reply = await post(method, args);
  if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
  return reply.result;
}

async function listed(slug: string): Promise<Endpoint | undefined> {
  return (await ok('endpoints.list', {})).find((e) => e.slug === slug);
}

async function capturesOf(endpoint: string): Promise<string[]> {
  return (await ok('captures.list', { endpoint, limit: 100 })).map((c) => c.path);
}

describe('endpoint retention over the control API', () => {
  it('creates an endpoint with limits and returns them on every Endpoint it gives back', async () => {
    const created = await ok('endpoints.create', { slug: 'kept', retention: { keepCount: 1000, keepDays: 7 } });
    expect(created.retention).toEqual({ keepCount: 1000, keepDays: 7 });
    expect((await listed('kept'))?.retention).toEqual({ keepCount: 1000, keepDays: 7 });
    const bound = await ok('endpoints.bind', { slug: 'kept' });
    expect(bound.retention).toEqual({ keepCount: 1000, keepDays: 7 });
    expect((await ok('endpoints.create', { slug: 'plain' })).retention).toEqual({ keepCount: null, keepDays: null });
    expect((await listed('default'))?.retention).toEqual({ keepCount: null, keepDays: null });
  });

  it('updates one limit at a time: a limit left out is kept, null lifts one, the rule is untouched', async () => {
    await ok('endpoints.update', { slug: 'kept', rule: { status: 202 } });
    expect((await listed('kept'))?.retention).toEqual({ keepCount: 1000, keepDays: 7 });
    const days = await ok('endpoints.update', { slug: 'kept', retention: { keepDays: 0.5 } });
    expect(days.retention).toEqual({ keepCount: 1000, keepDays: 0.5 });
    expect(days.rule.status).toBe(202);
    const lifted = await ok('endpoints.update', { slug: 'kept', retention: { keepCount: null } });
    expect(lifted.retention).toEqual({ keepCount: null, keepDays: 0.5 });
    expect((await listed('kept'))?.retention).toEqual({ keepCount: null, keepDays: 0.5 });
  });

  it('accepts the bounds the CLI accepts', async () => {
    const high = await ok('endpoints.update', {
      slug: 'plain',
      retention: { keepCount: 2 ** 31 - 1, keepDays: 36_500 },
    });
    expect(high.retention).toEqual({ keepCount: 2 ** 31 - 1, keepDays: 36_500 });
    const low = await ok('endpoints.update', { slug: 'plain', retention: { keepCount: 1, keepDays: 0.000001 } });
    expect(low.retention).toEqual({ keepCount: 1, keepDays: 0.000001 });
    await ok('endpoints.update', { slug: 'plain', retention: { keepCount: null, keepDays: null } });
  });

  it('refuses a bad limit with BAD_INPUT naming the field, and changes nothing', async () => {
    const before = await ok('endpoints.list', {});
    const bad: [Record<string, unknown>, string, RegExp][] = [
      [{ keepCount: 0 }, 'retention.keepCount', /whole number from 1 to 2147483647/],
      [{ keepCount: 2.5 }, 'retention.keepCount', /whole number/],
      [{ keepCount: 2 ** 31 }, 'retention.keepCount', /2147483647/],
      [{ keepCount: '3' }, 'retention.keepCount', /whole number/],
      [{ keepDays: 0 }, 'retention.keepDays', /from 0.000001 to 36500/],
      [{ keepDays: -1 }, 'retention.keepDays', /days/],
      [{ keepDays: 36_501 }, 'retention.keepDays', /36500/],
      [{ keep: 3 }, 'retention', /keep/],
    ];
    for (const [retention, where, message] of bad) {
      const reply = await post('endpoints.update', { slug: 'kept', rule: { status: 299 }, retention });
      expect(reply.status, JSON.stringify(retention)).toBe(400);
      if (reply.ok) throw new Error('accepted');
      expect(reply.error.code).toBe('BAD_INPUT');
      expect(reply.error.message).toContain(`endpoints.update: ${where}`);
      expect(reply.error.message).toMatch(message);
    }
    const created = await post('endpoints.create', { slug: 'never-made', retention: { keepCount: -5 } });
    expect(created.ok ? null : created.error.code).toBe('BAD_INPUT');
    expect(await ok('endpoints.list', {})).toEqual(before);
  });

  it('pushes the new limits with endpoints.changed', async () => {
    const { WebSocket } = await import('ws');
    const ws = new WebSocket(`ws://127.0.0.1:${new URL(serve.info.uiUrl).port}/api/events`, [
      'hookscope.events',
      `hookscope.token.${serve.info.token}`,
    ]);
    await new Promise((r) => ws.on('open', r));
    const changed = new Promise<Endpoint[]>((resolve) =>
      ws.on('message', (d) => {
        const message = JSON.parse(String(d)) as { event: string; payload: Endpoint[] };
        if (message.event === 'endpoints.changed') resolve(message.payload);
      }),
    );
    await ok('endpoints.update', { slug: 'kept', retention: { keepCount: 42 } });
    expect((await changed).find((e) => e.slug === 'kept')?.retention).toEqual({ keepCount: 42, keepDays: 0.5 });
    ws.close();
  });

  it('agrees with the CLI over the same data folder, both ways', async () => {
    const fromCli = await cliJson<(Endpoint & { retention: unknown })[]>(['endpoint', 'list', '--data', dir.path]);
    expect(fromCli.find((e) => e.slug === 'kept')?.retention).toEqual({ keepCount: 42, keepDays: 0.5 });
    await cliJson(['endpoint', 'set', 'kept', '--keep', 'none', '--keep-days', '3', '--data', dir.path]);
    expect((await listed('kept'))?.retention).toEqual({ keepCount: null, keepDays: 3 });
  });

  it('a limit set through the API is applied by the running serve in the background', async () => {
    await ok('endpoints.create', { slug: 'trim' });
    const send = async (path: string) => {
      const res = await fetch(`${serve.info.captureUrl.replace(/\/?$/, '/')}${path}`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(200);
    };
    await send('plain/a');
    for (let i = 1; i <= 5; i++) await send(`trim/n${i}`);
    await send('plain/b');
    expect(await capturesOf('trim')).toHaveLength(5);
    await ok('endpoints.update', { slug: 'trim', retention: { keepCount: 2 } });
    const left = await waitFor('retention to trim the endpoint to 2', async () => {
      const paths = await capturesOf('trim');
      return paths.length === 2 && paths;
    });
    expect(left).toEqual(['/trim/n5', '/trim/n4']);
    // An endpoint without limits keeps everything.
    expect(await capturesOf('plain')).toEqual(['/plain/b', '/plain/a']);
  });
});
