import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliJson, runCli } from '../helpers/cli';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

let dir: { path: string; remove(): void };
let serve: ServeProcess;

interface SendJson {
  deliveryId: number;
  provider: string;
  eventType: string;
  eventId: string | null;
  target: string;
  status: 'delivered' | 'failed';
  attempts: {
    n: number;
    scheduledAt: string;
    sentAt: string;
    durationMs: number;
    status: number | null;
    errorKind: string | null;
  }[];
  generatedSecret?: string;
}

beforeAll(async () => {
  dir = tempDir();
  await runCli(['endpoint', 'create', 'down', '--status', '500', '--data', dir.path]);
  await runCli(['endpoint', 'create', 'created', '--status', '201', '--data', dir.path]);
  serve = await startServeProcess(dir.path);
});
afterAll(async () => {
  serve.child.kill('SIGTERM');
  await serve.exited;
  dir.remove();
});

describe('hookscope send, deliveries, delivery, retry', () => {
  it('delivers and prints the documented --json shape, exit 0', async () => {
    const r = await runCli([
      'send',
      '--provider',
      'lmif',
      '--event',
      'box.created',
      '--url',
      `${serve.info.captureUrl}ok/lmif`,
      '--json',
      '--data',
      dir.path,
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as SendJson;
    expect(out).toMatchObject({
      provider: 'lmif',
      eventType: 'box.created',
      status: 'delivered',
      target: `${serve.info.captureUrl}ok/lmif`,
    });
    expect(out.generatedSecret).toMatch(/^whsec_/);
    expect(out.attempts).toHaveLength(1);
    expect(out.attempts[0]).toMatchObject({ n: 1, status: 200, errorKind: null });
    expect(Number.isNaN(Date.parse(out.attempts[0].scheduledAt))).toBe(false);
  });

  it("names a timeout or ladder the provider does not document as Hookscope's default, in text and --json", async () => {
    const url = `${serve.info.captureUrl}ok/replicate`;
    const text = await runCli([
      'send',
      '--provider',
      'replicate',
      '--event',
      'succeeded',
      '--url',
      url,
      '--data',
      dir.path,
    ]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('timeout: 30s (default, not documented by Replicate)\n');
    expect(text.stdout).not.toContain('retries after'); // Replicate documents its retries
    // A provider file that documents no ladder (a user's provider says so the same way).
    const file = join(dir.path, 'providers', 'acme.json');
    mkdirSync(join(dir.path, 'providers'), { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({
        id: 'acme',
        name: 'Acme',
        signature: {
          forms: [
            { name: 'default', label: 'hex', header: 'X-Acme-Signature', format: { kind: 'plain' }, digest: 'hex' },
          ],
        },
        events: [{ type: 'thing.created', sample: { id: '{{uuid}}' } }],
        delivery: {
          timeoutMs: 5000,
          success: '2xx',
          retryDelaysMs: [60_000, 300_000],
          afterFailure: 'Marked failed.',
          notDocumented: ['retries'],
        },
      }),
    );
    try {
      const acme = await runCli([
        'send',
        '--provider',
        'acme',
        '--event',
        'thing.created',
        '--url',
        url,
        '--data',
        dir.path,
      ]);
      expect(acme.code).toBe(0);
      expect(acme.stdout).toContain('retries after: 1m, 5m (default, not documented by Acme)\n');
      expect(acme.stdout).not.toContain('timeout:');
    } finally {
      rmSync(file);
    }
    const json = await runCli([
      'send',
      '--provider',
      'stripe',
      '--event',
      'invoice.paid',
      '--url',
      url,
      '--json',
      '--data',
      dir.path,
    ]);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { notDocumented?: string[] }).notDocumented).toEqual(['timeout']);
    // A timeout given on the command line is no default.
    const given = await runCli([
      'send',
      '--provider',
      'stripe',
      '--event',
      'invoice.paid',
      '--url',
      url,
      '--timeout-ms',
      '5000',
      '--data',
      dir.path,
    ]);
    expect(given.stdout).not.toContain('not documented');
  });

  it('runs the whole ladder against a failing handler and exits 1 when it is exhausted', async () => {
    const r = await runCli([
      'send',
      '--provider',
      'fingerprintiq',
      '--event',
      'visit.new',
      '--url',
      `${serve.info.captureUrl}created/x`,
      '--secret',
      's3cret',
      '--speed',
      '1000',
      '--json',
      '--data',
      dir.path,
    ]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as SendJson;
    // FingerprintIQ counts only an exact 200: the 201s are failures, four attempts in all.
    expect(out.status).toBe('failed');
    expect(out.attempts.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    const gaps = out.attempts
      .slice(1)
      .map((a, i) => Date.parse(a.scheduledAt) - Date.parse(out.attempts[i].scheduledAt));
    // Provider-time gaps are the documented ladder (1 s, 5 s, 25 s) plus each attempt's own duration.
    expect(gaps.map((g) => Math.round(g / 1000))).toEqual([1, 5, 25]);
  });

  it('prints attempts as they happen, then lists, shows and retries deliveries', async () => {
    const live = await runCli([
      'send',
      '--provider',
      'lrdefender',
      '--event',
      'device.new',
      '--url',
      `${serve.info.captureUrl}down/x`,
      '--secret',
      'whsec_x',
      '--speed',
      '100000',
      '--data',
      dir.path,
    ]);
    expect(live.code).toBe(1);
    expect(live.stdout.match(/^attempt \d+: 500/gm)).toHaveLength(6);

    const list = await cliJson<{ id: number; status: string; attemptCount: number }[]>([
      'deliveries',
      '--data',
      dir.path,
    ]);
    const failed = list.find((d) => d.status === 'failed' && d.attemptCount === 6)!;
    expect(failed).toBeDefined();
    const detail = await cliJson<SendJson>(['delivery', String(failed.id), '--data', dir.path]);
    expect(detail.attempts).toHaveLength(6);

    const retried = await runCli(['retry', String(failed.id), '--json', '--data', dir.path]);
    expect(retried.code).toBe(1);
    expect((JSON.parse(retried.stdout) as SendJson).attempts).toHaveLength(7);
  });

  it('retry --since takes a duration back from now (30m) as export and replay do, and names the forms it takes', async () => {
    const failedBefore = (await cliJson<{ id: number; status: string }[]>(['deliveries', '--data', dir.path])).filter(
      (d) => d.status === 'failed',
    );
    expect(failedBefore.length).toBeGreaterThan(0);
    const r = await runCli(['retry', '--since', '30m', '--json', '--data', dir.path]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      retried: number[];
      skipped: { deliveryId: number }[];
      results: { deliveryId: number; status: string }[];
    };
    const seen = [...out.retried, ...out.skipped.map((x) => x.deliveryId)];
    expect(seen.sort((a, b) => a - b)).toEqual(failedBefore.map((d) => d.id).sort((a, b) => a - b));
    expect(out.results.map((x) => x.deliveryId).sort((a, b) => a - b)).toEqual([...out.retried].sort((a, b) => a - b));
    expect(out.retried.length).toBeGreaterThan(0);
    expect(out.results.every((x) => x.status === 'failed')).toBe(true);

    const bad = await runCli(['retry', '--since', 'yesterday', '--data', dir.path]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('30m, 24h, 7d');
  });

  it('runs the handler check and says where a naive handler fails', async () => {
    const r = await runCli([
      'check',
      '--provider',
      'prynt',
      '--url',
      `${serve.info.captureUrl}naive/x`,
      '--secret',
      'whsec_x',
      '--json',
      '--data',
      dir.path,
    ]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { rows: { scenario: string; pass: boolean | null }[]; failed: number };
    const byScenario = Object.fromEntries(report.rows.map((row) => [row.scenario, row.pass]));
    expect(byScenario.valid).toBe(true);
    expect(byScenario['tampered-body']).toBe(false);
    expect(byScenario['wrong-secret']).toBe(false);
    expect(byScenario['replay-attack']).toBe(false);
  });
});
