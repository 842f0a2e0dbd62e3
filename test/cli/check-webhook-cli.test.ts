import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderRegistry } from '../../src/core/providers';
import type { CheckReport, WebhookView } from '../../src/shared/delivery-types';
import { providerHandler } from '../core/sender/support/provider-handlers';
import type { TestServer } from '../core/sender/support/servers';
import { startServer } from '../core/sender/support/servers';
import { cliJson, runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const SECRET = 'whsec_cli_check_secret';
const registry = createProviderRegistry();
let dir: { path: string; remove(): void };
const servers: TestServer[] = [];

beforeAll(() => {
  dir = tempDir();
});
afterAll(async () => {
  for (const s of servers) await s.close();
  dir.remove();
});

describe('hookscope check', () => {
  it("names the lenient handler's flaw in both LRDefender forms, with expected vs actual, exit 1", async () => {
    const handler = await providerHandler(registry.require('lrdefender'), { secret: SECRET, flaw: 'lenient' });
    servers.push(handler);
    const args = [
      'check',
      '--provider',
      'lrdefender',
      '--url',
      handler.url,
      '--secret',
      SECRET,
      '--effects-url',
      handler.url.replace('/hook', '/effects'),
      '--data',
      dir.path,
    ];
    const r = await runCli([...args, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as CheckReport;
    const failed = report.rows.filter((row) => row.pass === false);
    expect(failed.map((row) => [row.scenario, row.form, row.expected, row.actual])).toEqual([
      ['unsigned', 'timestamped', '401 or 403 (400 accepted)', '200'],
      ['unsigned', 'plain', '401 or 403 (400 accepted)', '200'],
    ]);
    expect(report.rows.map((row) => row.scenario)).toEqual(
      expect.arrayContaining(['retry', 'slow-handler', 'unknown-event', 'unsigned']),
    );

    const text = await runCli(args);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^SCENARIO\s+FORM\s+EXPECTED\s+ACTUAL\s+RESULT/m);
    expect(text.stdout).toMatch(/^unsigned\s+plain\s+401 or 403 \(400 accepted\)\s+200\s+FAIL$/m);
    expect(text.stdout).toMatch(/^replay-attack \(plain\): lrdefender \(plain form\) signs no timestamp/m);
    expect(text.stdout).toContain(`${report.passed} passed, 2 failed, ${report.notJudged} not judged`);
  });
});

describe('hookscope webhook list / enable / disable', () => {
  it('disables and re-enables a webhook in one command each; sends are refused while disabled', async () => {
    const ok = await startServer((_req, res) => res.writeHead(200).end());
    servers.push(ok);
    const send = () =>
      runCli([
        'send',
        '--provider',
        'prynt',
        '--event',
        'verdict.block',
        '--url',
        ok.url,
        '--secret',
        SECRET,
        '--json',
        '--data',
        dir.path,
      ]);
    expect((await send()).code).toBe(0);
    const [webhook] = (await cliJson<WebhookView[]>(['webhook', 'list', '--data', dir.path])).filter(
      (w) => w.url === ok.url,
    );
    expect(webhook).toMatchObject({ provider: 'prynt', enabled: true, hasSecret: true, disabledReason: null });

    expect(await cliJson<WebhookView>(['webhook', 'disable', String(webhook.id), '--data', dir.path])).toMatchObject({
      enabled: false,
      disabledReason: 'disabled by the user',
    });
    const refused = await send();
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('WEBHOOK_DISABLED');

    const enabled = await runCli(['webhook', 'enable', String(webhook.id), '--data', dir.path]);
    expect(enabled).toMatchObject({ code: 0, stdout: `webhook ${webhook.id} (prynt ${ok.url}): enabled\n` });
    expect((await send()).code).toBe(0);

    const list = await runCli(['webhook', 'list', '--data', dir.path]);
    expect(list.stdout).toMatch(new RegExp(`^${webhook.id}\\s+prynt\\s+\\S+\\s+enabled`, 'm'));
    const missing = await runCli(['webhook', 'enable', '9999', '--data', dir.path]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('no webhook has id 9999');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});
