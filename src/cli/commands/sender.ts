import { readFileSync } from 'node:fs';
import { defaultForm } from '../../core/providers/forms';
import { isAsymmetric, publicKeyForSecret } from '../../core/providers/keys';
import type { Command } from 'commander';
import { HookscopeError } from '../../shared/errors';
import { generateSecret } from '../../core/sender/generate-secret';
import { parseSince } from '../../core/replay/since';
import type { TimestampMode } from '../../core/sender/types';
import { assertEventType, checkSubscriptionId } from '../../core/providers';
import { TIMESTAMP_MODES } from '../../shared/delivery-types';
import { inertLine } from '../terminal-safe';
import { isNotDocumented } from '../../shared/undocumented';
import { ladderText, timeoutText } from './provider-detail';
import { deliveryJson, printDelivery } from './delivery-print';
import { describeEvent, describeInterruption, runUntilDone } from './delivery-run';
import { withApp, withData, withJson, type CommonOptions } from '../context';
import { preparePayload } from './send-payload';
import { printJson, printTable } from '../output';
import { floatArg, idArg, intArg } from '../parse';
import type { DeliveryDetail } from '../../core/sender';
import { deliveryBodyLines, deliveryOutcomeLine } from './outcome-print';
import { senderFor } from './command-sender';
import { registerCheckCommand } from './check';
import { registerWebhookCommands } from './webhook';

/** `retry`'s line for one delivery: its status, the last attempt's error kind; with --show-body, what the handler answered. */
function printRetried(detail: DeliveryDetail, showBody: boolean): void {
  const lines = [deliveryOutcomeLine(detail), ...(showBody ? deliveryBodyLines(detail) : [])];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function timestampsArg(value: string): TimestampMode {
  if (!(TIMESTAMP_MODES as readonly string[]).includes(value)) {
    throw new HookscopeError('BAD_INPUT', `--timestamps must be real or provider, not "${inertLine(value)}"`);
  }
  return value as TimestampMode;
}

function readPayload(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new HookscopeError(
      'BAD_INPUT',
      `--payload ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

interface SendOptions extends CommonOptions {
  provider: string;
  event: string;
  url: string;
  secret?: string;
  payload?: string;
  speed: number;
  timeoutMs?: number;
  webhookId?: string;
  compact?: boolean;
  form?: string;
  timestamps: TimestampMode;
  detach?: boolean;
}

export function registerSenderCommands(program: Command): void {
  withJson(
    withData(
      program
        .command('send')
        .description('send a signed event as the provider would, running its retry ladder and timeout'),
    ),
  )
    .requiredOption('--provider <id>', 'provider id (see `hookscope providers`)')
    .requiredOption('--event <type>', 'event type')
    .requiredOption('--url <url>', "your handler's URL")
    .option('--secret <secret>', 'signing secret (default: a generated one, printed)')
    .option('--payload <file>', "the event's exact bytes (default: a realistic sample)")
    .option(
      '--speed <n>',
      'provider time per real time for waits between attempts (3600: an hour a second)',
      floatArg('--speed', 0.001, 10_000_000),
      1,
    )
    .option('--timeout-ms <ms>', "replace the provider's response timeout", intArg('--timeout-ms', 1, 600_000))
    .option(
      '--webhook-id <id>',
      "the webhook's subscription id in the provider's format (wh_...), kept for later sends to this URL (default: the stored one, else a new one)",
    )
    .option(
      '--compact',
      'send the --payload as compact JSON (JSON.stringify form), so re-serializing and raw-body handlers agree',
    )
    .option(
      '--form <name>',
      "signature form every attempt signs in, e.g. LRDefender's plain or timestamped (default: the provider's; see `hookscope providers ID`)",
    )
    .option(
      '--timestamps <mode>',
      "time each attempt signs: real (the clock at sending, so sped-up retries pass a handler's tolerance window) or provider (the attempt's provider-schedule time, which such a handler may reject)",
      timestampsArg,
      'real',
    )
    .option(
      '--detach',
      'store the delivery and hand it to the running `hookscope serve` at once; print its id and exit (paused until a serve or `retry` runs it)',
    )
    .action(async (options: SendOptions) => {
      await withApp(options, async (app) => {
        const provider = app.providers.require(options.provider);
        // Everything that can fail on the input fails here, before a secret is generated or printed.
        if (options.payload === undefined) assertEventType(provider, options.event);
        if (options.webhookId !== undefined) checkSubscriptionId(provider, options.webhookId);
        const prepared =
          options.payload === undefined
            ? undefined
            : preparePayload(provider, readPayload(options.payload), options.compact === true);
        if (prepared === undefined && options.compact)
          throw new HookscopeError(
            'BAD_INPUT',
            '--compact applies to a --payload file; samples are sent compact already.',
          );
        for (const w of prepared?.warnings ?? []) process.stderr.write(`warning: ${inertLine(w)}\n`);
        const generated = options.secret === undefined ? generateSecret(provider) : undefined;
        const secret = options.secret ?? (generated as string);
        if (generated && !options.json) process.stdout.write(`generated secret: ${generated}\n`);
        const signing = provider.signature.forms.find((f) => f.name === options.form) ?? defaultForm(provider);
        const publicKey = isAsymmetric(signing.algorithm) ? publicKeyForSecret(secret, signing.algorithm) : undefined;
        if (publicKey && !options.json)
          process.stdout.write(`public key (configure your handler with it): ${publicKey}\n`);
        // A timeout or ladder the provider does not document is Hookscope's default: say so before it is played.
        const defaults = (['timeout', 'retries'] as const).filter(
          (part) => isNotDocumented(provider, part) && !(part === 'timeout' && options.timeoutMs),
        );
        if (!options.json) {
          if (defaults.includes('timeout')) process.stdout.write(`timeout: ${timeoutText(provider)}\n`);
          if (defaults.includes('retries')) process.stdout.write(`retries after: ${ladderText(provider)}\n`);
        }
        const extra = {
          ...(generated ? { generatedSecret: generated } : {}),
          ...(publicKey ? { publicKey } : {}),
          ...(defaults.length > 0 ? { notDocumented: defaults } : {}),
        };
        const sender = senderFor(app, options.speed, true);
        try {
          const input = {
            provider: provider.id,
            eventType: options.event,
            url: options.url,
            secret,
            payload: prepared?.payload,
            webhookId: options.webhookId,
            policy: options.timeoutMs ? { timeoutMs: options.timeoutMs } : undefined,
            form: options.form,
            timestamps: options.timestamps,
          };
          if (options.detach) {
            const started = sender.send({ ...input, detach: true });
            for (const w of started.warnings) process.stderr.write(`warning: ${inertLine(w)}\n`);
            const handed = {
              deliveryId: started.deliveryId,
              eventId: started.eventId,
              subscriptionId: started.subscriptionId,
              status: 'paused',
              warnings: started.warnings,
            };
            if (options.json) printJson({ ...handed, ...extra });
            else {
              process.stdout.write(
                `delivery ${started.deliveryId}: handed over; a running \`hookscope serve\` sends it at once, else it stays paused until one starts or \`hookscope retry ${started.deliveryId}\`\n`,
              );
            }
            return;
          }
          const started = sender.send(input);
          const off = options.json
            ? () => undefined
            : sender.on((e) => {
                const id =
                  e.type === 'delivery-finished' ? e.result.deliveryId : 'deliveryId' in e ? e.deliveryId : undefined;
                if (id !== started.deliveryId && !(e.type === 'webhook-disabled' && e.webhookId === started.webhookId))
                  return;
                const line = describeEvent(e);
                if (line) process.stdout.write(`${line}\n`);
              });
          const end = await runUntilDone(sender, [started.deliveryId]);
          off();
          if (end.kind === 'interrupted') {
            const lines = describeInterruption(end);
            if (options.json)
              printJson({
                deliveryId: started.deliveryId,
                interrupted: true,
                handedOver: end.taken,
                paused: end.paused,
              });
            else for (const line of lines) process.stdout.write(`${line}\n`);
            process.exitCode = 130;
            return;
          }
          const [done] = end.results;
          const result = {
            ...done,
            subscriptionId: started.subscriptionId,
            warnings: [...started.warnings, ...done.warnings],
          };
          for (const w of result.warnings) process.stderr.write(`warning: ${inertLine(w)}\n`);
          if (options.json) printJson({ ...result, ...extra });
          else {
            if (result.subscriptionId !== null) process.stdout.write(`webhook id: ${result.subscriptionId}\n`);
            process.stdout.write(
              `delivery ${result.deliveryId}: ${result.status}${result.failureReason ? ` (${result.failureReason})` : ''}\n`,
            );
          }
          process.exitCode = result.status === 'delivered' ? 0 : 1;
        } finally {
          await sender.stop();
        }
      });
    });

  withJson(withData(program.command('deliveries').description('list deliveries the sender made, newest first')))
    .option('--limit <n>', 'how many', intArg('--limit', 1, 10_000), 50)
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
                id: d.id,
                provider: d.provider,
                event: d.eventType,
                url: d.url,
                status: d.status,
                attempts: d.attemptCount,
                last: d.lastErrorKind ?? d.lastStatus ?? '',
                next: d.nextScheduledAt ? new Date(d.nextScheduledAt).toISOString() : '',
              })),
              ['id', 'provider', 'event', 'url', 'status', 'attempts', 'last', 'next'],
            );
        } finally {
          await sender.stop();
        }
      });
    });

  withJson(
    withData(program.command('delivery').description('one delivery with every attempt: request, response, timing')),
  )
    .argument('<id>', 'delivery id', idArg)
    .action(async (id: number, options: CommonOptions) => {
      await withApp(options, async (app) => {
        const sender = senderFor(app);
        try {
          const detail = sender.getDelivery(id);
          if (options.json) printJson(deliveryJson(detail));
          else printDelivery(detail);
        } finally {
          await sender.stop();
        }
      });
    });

  withJson(
    withData(
      program
        .command('retry')
        .description(
          'retry a failed delivery now (one attempt) or resume a paused one, or retry every failed delivery since a time',
        ),
    ),
  )
    .argument('[id]', 'delivery id', idArg)
    .option(
      '--since <time>',
      'retry every failed delivery created since this time instead: ISO, or back from now (30m, 24h, 7d)',
    )
    .option(
      '--speed <n>',
      'provider time per real time for the waits of a resumed ladder (3600: an hour a second)',
      floatArg('--speed', 0.001, 10_000_000),
      1,
    )
    .option('--show-body', "also print the body the handler answered (its last attempt's)")
    .action(
      async (
        id: number | undefined,
        options: CommonOptions & { since?: string; speed: number; showBody?: boolean },
      ) => {
        if ((id === undefined) === (options.since === undefined))
          throw new HookscopeError('BAD_INPUT', 'give a delivery id or --since TIME, not both');
        await withApp(options, async (app) => {
          const sender = senderFor(app, options.speed, true);
          try {
            if (options.since !== undefined) {
              const report = sender.retryFailedSince(parseSince(options.since, app.clock.now()));
              const end = await runUntilDone(sender, report.retried);
              if (end.kind === 'interrupted') {
                for (const line of describeInterruption(end)) process.stdout.write(`${line}\n`);
                process.exitCode = 130;
                return;
              }
              const results = end.results;
              if (options.json) printJson({ ...report, results });
              else {
                for (const r of results) printRetried(sender.getDelivery(r.deliveryId), options.showBody === true);
                for (const s of report.skipped)
                  process.stdout.write(`delivery ${s.deliveryId}: skipped (${s.reason})\n`);
              }
              process.exitCode = results.every((r) => r.status === 'delivered') ? 0 : 1;
              return;
            }
            sender.retry(id as number);
            const end = await runUntilDone(sender, [id as number]);
            if (end.kind === 'interrupted') {
              for (const line of describeInterruption(end)) process.stdout.write(`${line}\n`);
              process.exitCode = 130;
              return;
            }
            const [result] = end.results;
            if (options.json) printJson(result);
            else printRetried(sender.getDelivery(result.deliveryId), options.showBody === true);
            process.exitCode = result.status === 'delivered' ? 0 : 1;
          } finally {
            await sender.stop();
          }
        });
      },
    );

  registerCheckCommand(program);
  registerWebhookCommands(program);
}
