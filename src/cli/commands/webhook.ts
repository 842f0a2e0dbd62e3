import type { Command } from 'commander';
import { toWebhookView } from '../../core/sender';
import { withApp, withData, withJson, type CommonOptions } from '../context';
import { printJson, printTable } from '../output';
import { idArg } from '../parse';
import { inertLine } from '../terminal-safe';
import { senderFor } from './command-sender';

/** `hookscope webhook list|enable|disable`: the sender's webhooks (provider + URL). */
export function registerWebhookCommands(program: Command): void {
  const webhook = program
    .command('webhook')
    .description("the sender's webhooks (provider + URL): list them, enable one a provider disabled");
  withJson(
    withData(
      webhook.command('list').description('list webhooks with their failing streak and whether they are enabled'),
    ),
  ).action(async (options: CommonOptions) => {
    await withApp(options, async (app) => {
      const sender = senderFor(app);
      try {
        const list = sender.listWebhooks().map(toWebhookView);
        if (options.json) printJson(list);
        else if (list.length === 0) process.stdout.write('no webhooks yet\n');
        else
          printTable(
            list.map((w) => ({
              id: w.id,
              provider: w.provider,
              url: inertLine(w.url),
              state: w.enabled ? 'enabled' : `disabled (${w.disabledReason ?? 'disabled'})`,
              'failing since': w.failingSince ?? '',
            })),
            ['id', 'provider', 'url', 'state', 'failing since'],
          );
      } finally {
        await sender.stop();
      }
    });
  });
  for (const [name, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    withJson(
      withData(
        webhook
          .command(name)
          .argument('<id>', 'the webhook id (see `hookscope webhook list`)', idArg)
          .description(
            enabled
              ? 're-enable a webhook (clears its failing streak): sends are accepted again'
              : 'disable a webhook: what waits on it fails, new sends are refused',
          ),
      ),
    ).action(async (id: number, options: CommonOptions) => {
      await withApp(options, async (app) => {
        const sender = senderFor(app);
        try {
          const view = toWebhookView(sender.setWebhookEnabled(id, enabled));
          if (options.json) printJson(view);
          else
            process.stdout.write(
              `webhook ${view.id} (${view.provider} ${inertLine(view.url)}): ${view.enabled ? 'enabled' : 'disabled'}\n`,
            );
        } finally {
          await sender.stop();
        }
      });
    });
  }
}
