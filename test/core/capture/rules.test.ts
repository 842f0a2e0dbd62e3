import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULE, responseRuleSchema, type ResponseRule } from '../../../src/shared/capture-types';
import { newRuleState, planResponse } from '../../../src/core/capture/rules';
import { insertCaptureParams } from '../../../src/core/store/captures';
import { captureRow } from '../../helpers/capture-row';
import { startCaptureApp, type RunningCapture } from '../../helpers/capture-app';

let cap: RunningCapture;
beforeAll(async () => {
  cap = await startCaptureApp();
});
afterAll(() => cap.close());

function rule(partial: Partial<ResponseRule>): ResponseRule {
  return responseRuleSchema.parse({ ...DEFAULT_RULE, ...partial });
}

interface Outcome {
  status?: number;
  headers?: Record<string, string | string[] | undefined>;
  body?: string;
  error?: string;
  ms: number;
}

function post(path: string, timeoutMs = 3000): Promise<Outcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port: cap.port, path, method: 'POST', agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body, ms: Date.now() - started }));
    });
    req.setTimeout(timeoutMs, () =>
      req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })),
    );
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message, ms: Date.now() - started }));
    req.end('{"x":1}');
  });
}

describe('response rules', () => {
  it('answers 200 by default with a JSON body naming the capture, after the row is stored', async () => {
    const out = await post('/anything');
    expect(out.status).toBe(200);
    const id = Number(out.headers!['x-hookscope-capture-id']);
    expect(JSON.parse(out.body!)).toEqual({ ok: true, id });
    expect(cap.app.captures.get(id).response).toMatchObject({ kind: 'answered', status: 200, body: out.body });
  });

  it('uses the rule status, headers, body and delay', async () => {
    cap.app.createEndpoint(
      'custom',
      rule({ status: 202, headers: [['X-Custom', 'yes']], body: 'accepted', delayMs: 300 }),
    );
    const out = await post('/custom/a');
    expect(out).toMatchObject({ status: 202, body: 'accepted' });
    expect(out.headers!['x-custom']).toBe('yes');
    expect(out.ms).toBeGreaterThanOrEqual(280);
  });

  it('fails the first N requests, then succeeds', async () => {
    cap.app.createEndpoint('flaky', rule({ failFirst: 2, failStatus: 503 }));
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post('/flaky/x')).status);
    expect(statuses).toEqual([503, 503, 200, 200]);
  });

  it("gives a rule's answer as one frozen object, and an edited rule (a new object) its own", () => {
    const r = rule({ status: 202, body: '{"queued":true}' });
    const state = newRuleState(r);
    const first = planResponse(r, state);
    expect(planResponse(r, state)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toEqual({
      kind: 'answered',
      status: 202,
      headers: [['Content-Type', 'application/json']],
      body: '{"queued":true}',
      delayMs: 0,
    });
    const edited = rule({ status: 204, body: '' });
    expect(planResponse(edited, newRuleState(edited))).toMatchObject({ status: 204, body: '' });
    expect(insertCaptureParams({ ...captureRow('/x', '{}'), response: first }).at(-1)).toBe(JSON.stringify(first));
  });

  it('fails with probability p from a seed, reproducibly', () => {
    const r = rule({ failRate: 0.5, seed: 42 });
    const run = () => {
      const state = newRuleState(r);
      return Array.from({ length: 200 }, () => planResponse(r, state)).map((p) =>
        p.kind === 'answered' ? p.status : 0,
      );
    };
    const first = run();
    expect(run()).toEqual(first);
    const failures = first.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(70);
    expect(failures).toBeLessThan(130);
  });

  it('fails at the seeded rate on the real server too', async () => {
    cap.app.createEndpoint('dice', rule({ failRate: 0.3, seed: 7 }));
    const expected = (() => {
      const r = rule({ failRate: 0.3, seed: 7 });
      const s = newRuleState(r);
      return Array.from({ length: 20 }, () => planResponse(r, s)).map((p) => (p.kind === 'answered' ? p.status : 0));
    })();
    const got = [];
    for (let i = 0; i < 20; i++) got.push((await post('/dice/x')).status);
    expect(got).toEqual(expected);
  });

  it('hangs without answering, and the request is still stored', async () => {
    cap.app.createEndpoint('hang', rule({ hang: true }));
    const before = cap.app.captures.count();
    const out = await post('/hang/x', 500);
    expect(out.error).toBe('CLIENT_TIMEOUT');
    expect(cap.app.captures.count()).toBe(before + 1);
    expect(cap.app.captures.list({ endpoint: 'hang' })[0].responseStatus).toBeNull();
  });

  it('destroys the connection without an answer', async () => {
    cap.app.createEndpoint('reset', rule({ reset: true }));
    const out = await post('/reset/x');
    expect(out.error).toMatch(/ECONNRESET|socket hang up/);
    const stored = cap.app.captures.get(cap.app.captures.list({ endpoint: 'reset' })[0].id);
    expect(stored.response).toEqual({ kind: 'reset' });
  });

  it('picks up a rule changed by another connection (the CLI) without a restart', async () => {
    cap.app.createEndpoint('live');
    expect((await post('/live/1')).status).toBe(200);
    const { createApp } = await import('../../../src/core/app');
    const other = createApp({ dataDir: cap.dataDir });
    other.updateEndpoint('live', { rule: rule({ status: 418 }) });
    await other.close();
    await new Promise((r) => setTimeout(r, 300));
    expect((await post('/live/2')).status).toBe(418);
  });
});
