/**
 * `hookscope providers ID`, event validation before any secret is made,
 * `send --webhook-id` and `send --compact`, through the real command (and the
 * control API of a real `hookscope serve` for the same checks over HTTP).
 */
import crypto from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeVerdict } from '../../src/cli/commands/providers';
import { verifyRequest, createProviderRegistry } from '../../src/core/providers';
import type { ProviderDefinition } from '../../src/shared/providers';
import { ACME_PROVIDER } from '../core/providers/fixtures/acme-provider';
import { cliJson, runCli } from '../helpers/cli';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

let dir: { path: string; remove(): void };
let handler: Server;
let target: string;
const received: { url: string; headers: Record<string, string | string[] | undefined>; body: Buffer }[] = [];

beforeAll(async () => {
  dir = tempDir();
  handler = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => handler.listen(0, '127.0.0.1', r));
  target = `http://127.0.0.1:${(handler.address() as AddressInfo).port}`;
});
afterAll(async () => {
  handler.closeAllConnections();
  await new Promise((r) => handler.close(r));
  dir.remove();
});

const data = () => ['--data', dir.path];

describe('hookscope providers ID', () => {
  it('prints Prynt in full: events with descriptions, headers, scheme, ladder, timeout, success rule, notes', async () => {
    const out = await runCli(['providers', 'prynt', ...data()]);
    expect(out.code).toBe(0);
    const prynt = (await cliJson<ProviderDefinition[]>(['providers', ...data()])).find((p) => p.id === 'prynt')!;
    for (const e of prynt.events)
      expect(out.stdout).toMatch(
        new RegExp(`^  ${e.type.replace(/\./g, '\\.')} +${e.description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'),
      );
    expect(out.stdout).toContain('X-Prynt-Signature: the signature');
    expect(out.stdout).toContain('X-Prynt-Timestamp');
    expect(out.stdout).toContain('X-Prynt-Event: the event type');
    expect(out.stdout).toMatch(/X-Prynt-Signature: sha256=<digest> \(HMAC-SHA256, hex\)/);
    expect(out.stdout).toContain('signs: {timestamp}.{body} with the body raw');
    expect(out.stdout).toContain('replay window: 300 s');
    expect(out.stdout).toContain('timeout: 10s');
    expect(out.stdout).toContain('success: any 2xx');
    expect(out.stdout).toContain('attempts: 3 (retries after 5m, 30m)');
    expect(out.stdout).toContain('disabled after 24h of consecutive failures');
    expect(out.stdout).toMatch(/notes:\n( {2}- .+\n)+/);
    for (const note of prynt.notes) expect(out.stdout).toContain(`  - ${note}`);
    expect(out.stdout).toContain('webhookId names the webhook subscription');
  });

  it('--json prints the one definition, the same as in the list', async () => {
    const one = await cliJson<ProviderDefinition>(['providers', 'prynt', ...data()]);
    const list = await cliJson<ProviderDefinition[]>(['providers', ...data()]);
    expect(one).toEqual(list.find((p) => p.id === 'prynt'));
  });

  it('an unknown provider id is PROVIDER_UNKNOWN (exit 2)', async () => {
    const out = await runCli(['providers', 'nope', ...data()]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/nope/);
    expect(out.stdout).toBe('');
  });

  it("prints a user provider file's text inert: no control character reaches the terminal", async () => {
    const own = tempDir();
    try {
      mkdirSync(join(own.path, 'providers'));
      const hostile = {
        ...ACME_PROVIDER,
        name: 'Acme \u001b]0;pwned\u0007Billing',
        description: 'line one\nline \u001b[2Jtwo',
        events: [{ ...ACME_PROVIDER.events[0], description: 'paid \u202eevil' }, ACME_PROVIDER.events[1]],
        notes: ['a note with \u009b31m C1'],
      };
      writeFileSync(join(own.path, 'providers', 'acme.json'), JSON.stringify(hostile));
      const out = await runCli(['providers', 'acme-billing', '--data', own.path]);
      expect(out.code).toBe(0);
      expect(out.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(out.stdout).toContain('Acme \\x1b]0;pwned\\x07Billing');
      expect(out.stdout).toContain('line \\x1b[2Jtwo');
      expect(out.stdout).toContain('paid \\u202eevil');
      expect(out.stdout).toContain('a note with \\x9b31m C1');
      const json = await runCli(['providers', 'acme-billing', '--json', '--data', own.path]);
      expect(json.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect((JSON.parse(json.stdout) as ProviderDefinition).notes).toEqual(['a note with \u009b31m C1']);
    } finally {
      own.remove();
    }
  });
});

describe('an unknown event type names the valid ones, before any secret is generated', () => {
  const PRYNT_EVENTS = /identification\.complete, verdict\.allow, verdict\.block.*alert\.triggered/;

  it('send: EVENT_UNKNOWN with the valid types, no secret printed, nothing stored or sent', async () => {
    const before = received.length;
    const out = await runCli([
      'send',
      '--provider',
      'prynt',
      '--event',
      'verdict.blok',
      '--url',
      `${target}/x`,
      ...data(),
    ]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/EVENT_UNKNOWN|no event type "verdict\.blok"/);
    expect(out.stderr).toMatch(PRYNT_EVENTS);
    expect(out.stdout).not.toMatch(/generated secret/);
    expect(out.stdout).toBe('');
    expect(received.length).toBe(before);
    expect(await cliJson<unknown[]>(['deliveries', ...data()])).toEqual([]);
    const json = await runCli([
      'send',
      '--provider',
      'prynt',
      '--event',
      'verdict.blok',
      '--url',
      `${target}/x`,
      '--json',
      ...data(),
    ]);
    expect(json.code).toBe(2);
    expect(json.stdout).not.toMatch(/whsec_/);
  });

  it('send: a malformed --webhook-id fails the same way, before a secret', async () => {
    const out = await runCli([
      'send',
      '--provider',
      'prynt',
      '--event',
      'visitor.new',
      '--url',
      `${target}/x`,
      '--webhook-id',
      'not-an-id',
      ...data(),
    ]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/wh_/);
    expect(out.stdout).toBe('');
  });

  it('sign --event: EVENT_UNKNOWN with the valid types; a known event prints every header the provider sends', async () => {
    const bad = await runCli(['sign', '--provider', 'prynt', '--secret', 's', '--event', 'nope', ...data()], '{}');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(PRYNT_EVENTS);
    const good = await runCli(
      [
        'sign',
        '--provider',
        'prynt',
        '--secret',
        's',
        '--event',
        'verdict.block',
        '--timestamp',
        '1796391462',
        ...data(),
      ],
      '{"eventId":"evt_1"}',
    );
    expect(good.code).toBe(0);
    const expected = crypto.createHmac('sha256', 's').update('1796391462.{"eventId":"evt_1"}').digest('hex');
    expect(good.stdout).toContain('X-Prynt-Event: verdict.block');
    expect(good.stdout).toContain('X-Prynt-Delivery: evt_1');
    expect(good.stdout).toContain(`X-Prynt-Signature: sha256=${expected}`);
  });

  it('the API (sender.send, providers.sample): EVENT_UNKNOWN with the valid types, no secret generated', async () => {
    const own = tempDir();
    let serve: ServeProcess | undefined;
    try {
      serve = await startServeProcess(own.path);
      const post = async (method: string, args: unknown) => {
        const res = await fetch(`${new URL(serve!.info.uiUrl).origin}/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${serve!.info.token}` },
          body: JSON.stringify(args),
        });
        return (await res.json()) as {
          ok: boolean;
          error?: { code: string; message: string };
          result?: Record<string, unknown>;
        };
      };
      const sent = await post('sender.send', { provider: 'lmif', eventType: 'box.exploded', url: `${target}/api` });
      expect(sent.ok).toBe(false);
      expect(sent.error!.code).toBe('EVENT_UNKNOWN');
      expect(sent.error!.message).toMatch(/box\.created, box\.updated, box\.deleted/);
      expect(JSON.stringify(sent)).not.toMatch(/whsec_/);
      const sample = await post('providers.sample', { provider: 'lmif', eventType: 'box.exploded' });
      expect(sample.error!.code).toBe('EVENT_UNKNOWN');
      expect(sample.error!.message).toMatch(/detection\.scan_complete/);
      expect((await post('deliveries.list', {})).result).toEqual([]);
      // And a good send reports the webhook's subscription id.
      const ok = await post('sender.send', {
        provider: 'lmif',
        eventType: 'box.created',
        url: `${target}/api`,
        webhookId: 'wh_apiset',
      });
      expect(ok.result).toMatchObject({ subscriptionId: 'wh_apiset' });
      // A ClickDefender payload sent as typed, pretty-printed: sent, with the warning; compact: no warning.
      const event = {
        event: 'high_risk_visitor',
        timestamp: '2026-12-04T13:37:42Z',
        property: { id: 'prop_1', name: 'P' },
        visitor: { id: 'vis_1', score: 50, label: 'SUSPICIOUS' },
      };
      const pretty = await post('sender.send', {
        provider: 'clickdefender',
        eventType: 'high_risk_visitor',
        url: `${target}/api-cd`,
        secret: 's',
        payload: JSON.stringify(event, null, 2),
      });
      expect(pretty.result!.warnings).toEqual(
        expect.arrayContaining([expect.stringMatching(/documented handlers will disagree.*pretty-printed/)]),
      );
      const compact = await post('sender.send', {
        provider: 'clickdefender',
        eventType: 'high_risk_visitor',
        url: `${target}/api-cd`,
        secret: 's',
        payload: JSON.stringify(event),
      });
      expect(compact.result!.warnings).not.toEqual(expect.arrayContaining([expect.stringMatching(/disagree/)]));
    } finally {
      if (serve) {
        serve.child.kill('SIGTERM');
        await serve.exited;
      }
      own.remove();
    }
  });
});

describe('send --webhook-id and send --compact', () => {
  it('two sends to one URL carry the same webhook id, another URL another; --webhook-id sets it for later sends', async () => {
    const send = (path: string, extra: string[] = []) =>
      cliJson<{ subscriptionId: string; status: string }>([
        'send',
        '--provider',
        'lrdefender',
        '--event',
        'device.new',
        '--url',
        `${target}${path}`,
        '--secret',
        'whsec_x',
        ...extra,
        ...data(),
      ]);
    const bodyOf = () => JSON.parse(received.at(-1)!.body.toString('utf8')) as { webhookId: string };
    const a = await send('/one');
    expect(a.subscriptionId).toMatch(/^wh_[A-Za-z0-9]{12}$/);
    expect(bodyOf().webhookId).toBe(a.subscriptionId);
    expect((await send('/one')).subscriptionId).toBe(a.subscriptionId);
    expect(bodyOf().webhookId).toBe(a.subscriptionId);
    const c = await send('/two');
    expect(c.subscriptionId).not.toBe(a.subscriptionId);
    expect(bodyOf().webhookId).toBe(c.subscriptionId);
    expect((await send('/one', ['--webhook-id', 'wh_xyz789'])).subscriptionId).toBe('wh_xyz789');
    expect(bodyOf().webhookId).toBe('wh_xyz789');
    expect((await send('/one')).subscriptionId).toBe('wh_xyz789');
    const text = await runCli([
      'send',
      '--provider',
      'lrdefender',
      '--event',
      'device.new',
      '--url',
      `${target}/one`,
      '--secret',
      'whsec_x',
      ...data(),
    ]);
    expect(text.stdout).toContain('webhook id: wh_xyz789');
  });

  it('ClickDefender: a pretty-printed payload is warned about and sent as is; --compact sends the compact form both documented handlers accept', async () => {
    const own = tempDir();
    try {
      const event = {
        event: 'high_risk_visitor',
        timestamp: '2026-12-04T13:37:42Z',
        property: { id: 'prop_abc123', name: 'Café' },
        visitor: { id: 'vis_xyz789', score: 55, label: 'SUSPICIOUS' },
      };
      const file = join(own.path, 'event.json');
      writeFileSync(file, JSON.stringify(event, null, 2));
      const send = (extra: string[]) =>
        runCli([
          'send',
          '--provider',
          'clickdefender',
          '--event',
          'high_risk_visitor',
          '--url',
          `${target}/cd`,
          '--secret',
          'cd_secret',
          '--payload',
          file,
          ...extra,
          ...data(),
        ]);
      const warned = await send([]);
      expect(warned.code).toBe(0);
      expect(warned.stderr).toMatch(/warning: ClickDefender's documented handlers will disagree.*pretty-printed/);
      expect(received.at(-1)!.body.toString('utf8')).toBe(JSON.stringify(event, null, 2));
      const compacted = await send(['--compact']);
      expect(compacted.code).toBe(0);
      expect(compacted.stderr).not.toMatch(/disagree/);
      const sent = received.at(-1)!;
      expect(sent.body.toString('utf8')).toBe(JSON.stringify(event));
      // Both documented handlers (seed 002) accept what was sent.
      const signature = String(sent.headers['x-clickdefender-signature']);
      const node = crypto
        .createHmac('sha256', 'cd_secret')
        .update(JSON.stringify(JSON.parse(sent.body.toString('utf8'))), 'utf8')
        .digest('hex');
      const python = crypto
        .createHmac('sha256', Buffer.from('cd_secret'))
        .update(Buffer.from(sent.body.toString('utf8'), 'utf8'))
        .digest('hex');
      expect([signature, signature]).toEqual([node, python]);
      writeFileSync(file, 'not json');
      const bad = await send(['--compact']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--compact: the payload is not JSON/);
      expect(bad.stdout).not.toMatch(/generated secret/);
    } finally {
      own.remove();
    }
  });
});

describe('verdict lines on the terminal', () => {
  it('quote the received header values inert', () => {
    const prynt = createProviderRegistry().require('prynt');
    const hostile = '\u001b]52;c;cHduZWQ=\u0007 \u001b[2J\u009b31m\u202e';
    const verdicts = [
      verifyRequest(prynt, {
        headers: [
          ['X-Prynt-Signature', 'sha256=00'],
          ['X-Prynt-Timestamp', hostile],
        ],
        body: Buffer.from('{}'),
        secrets: ['s'],
        nowMs: 0,
      }),
      verifyRequest(prynt, {
        headers: [
          ['X-Prynt-Signature', hostile],
          ['X-Prynt-Timestamp', '1'],
        ],
        body: Buffer.from('{}'),
        secrets: ['s'],
        nowMs: 1000,
      }),
    ];
    for (const v of verdicts) {
      expect(JSON.stringify(v)).toContain('\\u001b');
      const lines = describeVerdict(v).join('\n');
      expect(lines).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(lines).toContain('\\x1b');
    }
  });
});
