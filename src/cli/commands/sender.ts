import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { HookscopeError } from '../../shared/errors';
import { createSender } from '../../core/sender';
import { createRegistryAdapter } from '../../core/sender/provider-glue';
import { generateSecret } from '../../core/sender/generate-secret';
import type { SenderEvent } from '../../core/sender/types';
import type { App } from '../../core/app';
import { withApp, withData, withJson, type CommonOptions } from '../context';
import { printJson, printTable } from '../output';
import { floatArg, idArg, intArg } from '../parse';
import { inertLine } from '../terminal-safe';
import { toWebhookView } from '../../core/sender';

function senderFor(app: App, speed = 1, resumePending = false) {
  return createSender({ db: app.db, speed, resumePending, providers: createRegistryAdapter({ registry: app.providers }) });
}

function readPayload(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new HookscopeError('BAD_INPUT', `--payload ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function describeEvent(e: SenderEvent): string | undefined {
  if (e.type === 'attempt-started') return `attempt ${e.n}: sending (provider time ${e.scheduledAt})`;
  if (e.type === 'attempt-finished') {
    const a = e.attempt;
    const outcome = a.errorKind === null ? `${a.status} delivered` : a.errorKind === 'status' ? `${a.status} (not a success)` : a.errorKind;
    const next = e.next ? `; attempt ${e.next.n} at provider time ${e.next.scheduledAt} (real ${e.next.dueAt})` : '';
    return `attempt ${a.n}: ${outcome} in ${a.durationMs} ms${next}`;
  }
  if (e.type === 'webhook-disabled') return `webhook ${e.url} disabled after ${Math.round(e.failingForMs / 3_600_000)} h of consecutive failures`;
  if (e.type === 'engine-error') return `sender error: ${e.error.message} [${e.error.code}]`;
  return undefined;
}

interface SendOptions extends CommonOptions {
  provider: string;
  event: string;
  url: string;
  secret?: string;
  payload?: string;
  speed: number;
  timeoutMs?: number;
}

export function registerSenderCommands(program: Command): void {
  withJson(withData(program.command('send').description("send a signed event as the provider would, running its retry ladder and timeout")))
    .requiredOption('--provider <id>', 'provider id (see `hookscope providers`)')
    .requiredOption('--event <type>', 'event type')
    .requiredOption('--url <url>', "your handler's URL")
    .option('--secret <secret>', 'signing secret (default: a generated one, printed)')
    .option('--payload <file>', "the event's exact bytes (default: a realistic sample)")
    .option('--speed <n>', 'provider time per real time for waits between attempts (3600: an hour a second)', floatArg('--speed', 0.001, 10_000_000), 1)
    .option('--timeout-ms <ms>', "replace the provider's response timeout", intArg('--timeout-ms', 1, 600_000))
    .action(async (options: SendOptions) => {
      await withApp(options, async (app) => {
        const provider = app.providers.require(options.provider);
        const generated = options.secret === undefined ? generateSecret(provider) : undefined;
        const secret = options.secret ?? (generated as string);
        if (generated && !options.json) process.stdout.write(`generated secret: ${generated}\n`);
        const sender = senderFor(app, options.speed);
        try {
          const result = await sender.sendAndWait(
            {
              provider: provider.id,
              eventType: options.event,
              url: options.url,
              secret,
              payload: options.payload ? readPayload(options.payload) : undefined,
              policy: options.timeoutMs ? { timeoutMs: options.timeoutMs } : undefined,
            },
            options.json ? undefined : (e) => {
              const line = describeEvent(e);
              if (line) process.stdout.write(`${line}\n`);
            },
          );
          for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
          if (options.json) printJson(generated ? { ...result, generatedSecret: generated } : result);
          else process.stdout.write(`delivery ${result.deliveryId}: ${result.status}${result.failureReason ? ` (${result.failureReason})` : ''}\n`);
          process.exitCode = result.status === 'delivered' ? 0 : 1;
        } finally {
          await sender.stop();
        }
      });
    });

  withJson(withData(program.command('deliveries').description('list deliveries the sender made, newest first')))
    .option('--limit <n>', 'how many (default 50)', intArg('--limit', 1, 10_000), 50)
    .action(async (options: CommonOptions & { limit: number }) => {
      await withApp(options, async (app) => {
        const sender = senderFor(app);
        try {
          const list = sender.listDeliveries({ limit: options.limit });
          if (options.json) printJson(list);
          else if (list.length === 0) process.stdout.write('no deliveries yet\n');
          else
            printTable(
              list.map((d) => ({
                id: d.id, provider: d.provider, event: d.eventType, url: d.url, status: d.status,
                attempts: d.attemptCount, last: d.lastErrorKind ?? d.lastStatus ?? '',
                next: d.nextScheduledAt ? new Date(d.nextScheduledAt).toISOString() : '',
              })),
              ['id', 'provider', 'event', 'url', 'status', 'attempts', 'last', 'next'],
            );
        } finally {
          await sender.stop();
        }
      });
    });

  withJson(withData(program.command('delivery').description('one delivery with every attempt: request, response, timing')))
    .argument('<id>', 'delivery id', idArg)
    .action(async (id: number, options: CommonOptions) => {
      await withApp(options, async (app) => {
        const sender = senderFor(app);
        try {
          const detail = sender.getDelivery(id);
          if (options.json) {
            printJson(detail.result);
            return;
          }
          const r = detail.result;
          process.stdout.write(`delivery ${r.deliveryId}: ${r.provider} ${r.eventType} -> ${r.target}: ${r.status}${r.failureReason ? ` (${r.failureReason})` : ''}\n`);
          printTable(
            r.attempts.map((a) => ({ n: a.n, trigger: a.trigger, scheduled: a.scheduledAt, sent: a.sentAt ?? '', ms: a.durationMs ?? '', status: a.status ?? '', error: a.errorKind ?? '' })),
            ['n', 'trigger', 'scheduled', 'sent', 'ms', 'status', 'error'],
          );
        } finally {
          await sender.stop();
        }
      });
    });

  withJson(withData(program.command('retry').description('retry a failed delivery now (one attempt), or every failed delivery since a time')))
    .argument('[id]', 'delivery id', idArg)
    .option('--since <time>', 'retry every failed delivery created since this ISO time instead')
    .action(async (id: number | undefined, options: CommonOptions & { since?: string }) => {
      if ((id === undefined) === (options.since === undefined)) throw new HookscopeError('BAD_INPUT', 'give a delivery id or --since TIME, not both');
      await withApp(options, async (app) => {
        const sender = senderFor(app);
        try {
          if (options.since !== undefined) {
            const since = Date.parse(options.since);
            if (Number.isNaN(since)) throw new HookscopeError('BAD_INPUT', `--since must be an ISO time, got "${options.since}"`);
            const report = sender.retryFailedSince(since);
            const results = await Promise.all(report.retried.map((d) => sender.waitFor(d)));
            if (options.json) printJson({ ...report, results });
            else {
              for (const r of results) process.stdout.write(`delivery ${r.deliveryId}: ${r.status}\n`);
              for (const s of report.skipped) process.stdout.write(`delivery ${s.deliveryId}: skipped (${s.reason})\n`);
            }
            process.exitCode = results.every((r) => r.status === 'delivered') ? 0 : 1;
            return;
          }
          sender.retry(id as number);
          const result = await sender.waitFor(id as number);
          if (options.json) printJson(result);
          else process.stdout.write(`delivery ${result.deliveryId}: ${result.status}\n`);
          process.exitCode = result.status === 'delivered' ? 0 : 1;
        } finally {
          await sender.stop();
        }
      });
    });

  withJson(withData(program.command('check').description("run every robustness scenario against a handler and print what it should have answered")))
    .requiredOption('--provider <id>', 'provider id')
    .requiredOption('--url <url>', "your handler's URL")
    .requiredOption('--secret <secret>', 'the secret your handler verifies with')
    .option('--event <type>', 'event type to build scenarios from (default: the first in the catalogue)')
    .option('--effects-url <url>', 'a GET URL reflecting what the handler did, to judge duplicates by effect')
    .option('--timeout-ms <ms>', "replace the provider's response timeout", intArg('--timeout-ms', 1, 600_000))
    .action(async (options: CommonOptions & { provider: string; url: string; secret: string; event?: string; effectsUrl?: string; timeoutMs?: number }) => {
      await withApp(options, async (app) => {
        const provider = app.providers.require(options.provider);
        const sender = senderFor(app);
        try {
          const report = await sender.check({
            url: options.url,
            provider: provider.id,
            eventType: options.event ?? provider.events[0].type,
            secret: options.secret,
            effectsUrl: options.effectsUrl,
            timeoutMs: options.timeoutMs,
          });
          if (options.json) printJson(report);
          else {
            const forms = report.rows.some((r) => r.form);
            printTable(
              report.rows.map((r) => ({
                scenario: r.scenario,
                form: r.form ?? '',
                expected: r.expected,
                actual: inertLine(r.actual),
                result: r.pass === null ? 'n/a' : r.pass ? 'pass' : 'FAIL',
              })),
              forms ? ['scenario', 'form', 'expected', 'actual', 'result'] : ['scenario', 'expected', 'actual', 'result'],
            );
            for (const r of report.rows) if (r.note) process.stdout.write(`${r.scenario}${r.form ? ` (${r.form})` : ''}: ${inertLine(r.note)}\n`);
            for (const note of report.notes) process.stdout.write(`note: ${note}\n`);
            process.stdout.write(`${report.passed} passed, ${report.failed} failed, ${report.notJudged} not judged\n`);
          }
          process.exitCode = report.failed === 0 ? 0 : 1;
        } finally {
          await sender.stop();
        }
      });
    });

  const webhook = program.command('webhook').description("the sender's webhooks (provider + URL): list them, enable one a provider disabled");
  withJson(withData(webhook.command('list').description('list webhooks with their failing streak and whether they are enabled'))).action(async (options: CommonOptions) => {
    await withApp(options, async (app) => {
      const sender = senderFor(app);
      try {
        const list = sender.listWebhooks().map(toWebhookView);
        if (options.json) printJson(list);
        else if (list.length === 0) process.stdout.write('no webhooks yet\n');
        else
          printTable(
            list.map((w) => ({ id: w.id, provider: w.provider, url: inertLine(w.url), state: w.enabled ? 'enabled' : `disabled (${w.disabledReason ?? 'disabled'})`, 'failing since': w.failingSince ?? '' })),
            ['id', 'provider', 'url', 'state', 'failing since'],
          );
      } finally {
        await sender.stop();
      }
    });
  });
  for (const [name, enabled] of [['enable', true], ['disable', false]] as const) {
    withJson(withData(webhook.command(name).argument('<id>', 'the webhook id (see `hookscope webhook list`)', idArg).description(enabled ? 're-enable a webhook (clears its failing streak): sends are accepted again' : 'disable a webhook: what waits on it fails, new sends are refused')))
      .action(async (id: number, options: CommonOptions) => {
        await withApp(options, async (app) => {
          const sender = senderFor(app);
          try {
            const view = toWebhookView(sender.setWebhookEnabled(id, enabled));
            if (options.json) printJson(view);
            else process.stdout.write(`webhook ${view.id} (${view.provider} ${inertLine(view.url)}): ${view.enabled ? 'enabled' : 'disabled'}\n`);
          } finally {
            await sender.stop();
          }
        });
      });
  }
}
