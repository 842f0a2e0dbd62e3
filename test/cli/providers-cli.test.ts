import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaptureDetail } from '../../src/shared/capture-types';
import type { ProviderDefinition } from '../../src/shared/providers';
import { cliJson, runCli } from '../helpers/cli';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

let dir: { path: string; remove(): void };
let serve: ServeProcess;

beforeAll(async () => {
  dir = tempDir();
  expect(
    (await runCli(['endpoint', 'create', 'prynt', '--provider', 'prynt', '--secret', 'whsec_old', '--data', dir.path]))
      .code,
  ).toBe(0);
  serve = await startServeProcess(dir.path);
});
afterAll(async () => {
  serve.child.kill('SIGTERM');
  await serve.exited;
  dir.remove();
});

describe('providers and signatures from the CLI', () => {
  it('lists the five documented providers and the common schemes with their ladders', async () => {
    const list = await cliJson<ProviderDefinition[]>(['providers', '--data', dir.path]);
    expect(list.map((p) => p.id)).toEqual(
      expect.arrayContaining([
        'lrdefender',
        'fingerprintiq',
        'clickdefender',
        'lmif',
        'prynt',
        'standard-webhooks',
        'stripe',
        'github',
        'shopify',
        'slack',
      ]),
    );
    const prynt = list.find((p) => p.id === 'prynt')!;
    expect(prynt.delivery).toMatchObject({ timeoutMs: 10_000, success: '2xx', retryDelaysMs: [300_000, 1_800_000] });
  });

  it('signs like the provider: `sign` prints headers an independent HMAC agrees with', async () => {
    const body = '{"action":"opened"}';
    const out = await runCli(
      ['sign', '--provider', 'github', '--secret', "It's a Secret to Everybody", '--data', dir.path],
      body,
    );
    expect(out.code).toBe(0);
    const expected = createHmac('sha256', "It's a Secret to Everybody").update(body).digest('hex');
    expect(out.stdout).toContain(`X-Hub-Signature-256: sha256=${expected}`);
  });

  it('gives each capture a provider, event type and verdict; verify and secret rotation re-check it', async () => {
    const sent = await runCli([
      'send',
      '--provider',
      'prynt',
      '--event',
      'verdict.block',
      '--url',
      `${serve.info.captureUrl}prynt/hook`,
      '--secret',
      'whsec_new',
      '--json',
      '--data',
      dir.path,
    ]);
    expect(sent.code).toBe(0);
    const list = await cliJson<{ id: number }[]>(['list', '--endpoint', 'prynt', '--data', dir.path]);
    const id = list[0].id;
    const shown = await cliJson<CaptureDetail>(['show', String(id), '--data', dir.path]);
    expect(shown.provider).toBe('prynt');
    expect(shown.eventType).toBe('verdict.block');
    expect(shown.signature).toMatchObject({ status: 'invalid', scheme: expect.stringMatching(/^prynt/) });
    expect(typeof shown.signature!.detail).toBe('string');

    const before = await runCli(['verify', String(id), '--data', dir.path]);
    expect(before.code).toBe(1);
    expect(before.stdout).toMatch(/invalid/);

    // Rotation: add the new secret beside the old one; the capture is verified again.
    expect((await runCli(['endpoint', 'set', 'prynt', '--secret', 'whsec_new', '--data', dir.path])).code).toBe(0);
    const after = await cliJson<CaptureDetail>(['show', String(id), '--data', dir.path]);
    expect(after.signature).toMatchObject({ status: 'valid', secretIndex: 1 });
    const verified = await runCli(['verify', String(id), '--data', dir.path]);
    expect(verified.code).toBe(0);
  });

  it('rejects an unknown provider or event with a clear error', async () => {
    const p = await runCli(['endpoint', 'create', 'x', '--provider', 'nope', '--data', dir.path]);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/nope/);
    const e = await runCli([
      'send',
      '--provider',
      'prynt',
      '--event',
      'no.such.event',
      '--url',
      'http://127.0.0.1:9/',
      '--data',
      dir.path,
    ]);
    expect(e.code).toBe(2);
    expect(e.stderr).toMatch(/no\.such\.event/);
    const list = await cliJson<{ slug: string }[]>(['endpoint', 'list', '--data', dir.path]);
    expect(list.map((x) => x.slug)).not.toContain('x');
  });
});
