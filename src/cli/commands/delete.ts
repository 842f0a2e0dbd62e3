import type { Command } from 'commander';
import type { AppSurface } from '../../core/app';
import { withBusyRetry, type DeleteTarget } from '../../core/store-exports';
import { withApp, withData, withJson, type CommonOptions } from '../context';
import { confirm } from '../confirm';
import { printJson } from '../output';
import { idArg } from '../parse';
import { inertLine } from '../terminal-safe';

/** Rows per transaction: a running `serve` waits at most about one slice for the database. */
const CLI_DELETE_ROWS = 64;
/** Pages given back per step after deleting. */
const CLI_RECLAIM_PAGES = 64;

const besideServe = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(2, ms)));

interface DeleteOptions extends CommonOptions {
  endpoint?: string;
  provider?: string;
  eventType?: string;
  method?: string;
  signature?: string;
  all?: boolean;
  yes?: boolean;
  dryRun?: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Runs the queued deletion in small transactions with a pause after each, waiting out a busy database. */
async function drain(app: AppSurface, done: () => string): Promise<void> {
  for (;;) {
    const started = Date.now();
    const n = await withBusyRetry(() => app.cleanup.runSlice(CLI_DELETE_ROWS), besideServe, done);
    if (n === 0) break;
    await besideServe(Date.now() - started);
  }
  for (let i = 0; i < 10_000; i++) {
    const n = await withBusyRetry(
      () => app.reclaimer.run(CLI_RECLAIM_PAGES),
      besideServe,
      () => 'the captures are deleted; the file shrinks later',
    );
    if (n === 0) break;
    await besideServe(2);
  }
}

function describeTarget(target: DeleteTarget): string {
  if (target.kind === 'all') return 'every capture';
  if (target.kind === 'ids') return `capture${target.ids.length === 1 ? '' : 's'} ${target.ids.join(', ')}`;
  const f = target.filter;
  const parts = [
    f.endpoint && `endpoint ${f.endpoint}`,
    f.provider && `provider ${f.provider}`,
    f.eventType && `event type ${f.eventType}*`,
    f.method && `method ${f.method.toUpperCase()}`,
    f.signatureStatus && `signature ${f.signatureStatus}`,
  ].filter(Boolean);
  return `captures of ${parts.join(', ')}`;
}

export function registerDeleteCommands(program: Command): void {
  withJson(
    withData(
      program
        .command('delete')
        .description(
          'delete captures: by id, every one matching a filter, or --all; asks first on a terminal (--yes for scripts)',
        ),
    ),
  )
    .argument('[ids...]', 'capture ids', (value: string, previous: number[] | undefined) => [
      ...(previous ?? []),
      idArg(value),
    ])
    .option('--endpoint <slug>', 'every capture of this endpoint')
    .option('--provider <id>', 'every capture from this provider (any case)')
    .option('--event-type <prefix>', 'every capture whose event type starts with this (any case)')
    .option('--method <method>', 'every capture with this HTTP method')
    .option(
      '--signature <status>',
      'every capture with this signature verdict (valid, invalid, stale, missing, malformed, no-secret)',
    )
    .option('--all', 'every capture of every endpoint')
    .option('--yes', 'do not ask (needed when not on a terminal)')
    .option('--dry-run', 'only count what would be deleted')
    .action(async (given: number[] | undefined, options: DeleteOptions) => {
      const ids = given && given.length > 0 ? given : undefined;
      await withApp(options, async (app) => {
        if (options.endpoint) app.endpoints.get(options.endpoint);
        const target = app.cleanup.plan({
          ids,
          all: options.all,
          filter: {
            endpoint: options.endpoint,
            provider: options.provider,
            eventType: options.eventType,
            method: options.method,
            signatureStatus: options.signature,
          },
        });
        const count = app.cleanup.countTarget(target);
        const what = inertLine(describeTarget(target));
        if (options.dryRun || count === 0) {
          if (options.json) printJson({ deleted: 0, matched: count, dryRun: options.dryRun === true });
          else
            process.stdout.write(
              `${options.dryRun ? 'would delete' : 'nothing to delete:'} ${plural(count, 'capture')} (${what})\n`,
            );
          return;
        }
        if (!options.yes) {
          const yes = await confirm(
            `Delete ${plural(count, 'capture')} (${what})?`,
            `this would delete ${plural(count, 'capture')}; not on a terminal, so nothing was deleted: add --yes`,
          );
          if (!yes) {
            process.stderr.write('nothing deleted\n');
            process.exitCode = 1;
            return;
          }
        }
        const { count: queued } = app.cleanup.deleteTarget(target);
        await drain(app, () => 'some captures may already be deleted; run the same command again for the rest');
        if (options.json) printJson({ deleted: queued, matched: count, dryRun: false });
        else process.stdout.write(`deleted ${plural(queued, 'capture')}\n`);
      });
    });

  const endpoint = program.commands.find((c) => c.name() === 'endpoint');
  if (!endpoint) return;
  withJson(
    withData(
      endpoint
        .command('delete')
        .description('delete an endpoint and all its captures; asks first on a terminal (--yes for scripts)'),
    ),
  )
    .argument('<slug>', 'the endpoint')
    .option('--yes', 'do not ask (needed when not on a terminal)')
    .action(async (slug: string, options: CommonOptions & { yes?: boolean }) => {
      await withApp(options, async (app) => {
        const found = app.endpoints.get(slug);
        const count = app.cleanup.count({ filter: { endpoint: found.slug } });
        const name = inertLine(found.slug);
        if (!options.yes) {
          const yes = await confirm(
            `Delete endpoint ${name} and its ${plural(count, 'capture')}?`,
            `this would delete endpoint ${name} and its ${plural(count, 'capture')}; not on a terminal, so nothing was deleted: add --yes`,
          );
          if (!yes) {
            process.stderr.write('nothing deleted\n');
            process.exitCode = 1;
            return;
          }
        }
        app.cleanup.deleteEndpoint(found.slug);
        await drain(app, () => `some of its captures may already be deleted; run the same command again to finish`);
        if (options.json) printJson({ endpoint: found.slug, deleted: count });
        else process.stdout.write(`deleted endpoint ${name} and ${plural(count, 'capture')}\n`);
      });
    });
}
