import type { Command } from 'commander';
import { firstRegularEvent } from '../../core/providers';
import { withApp, withData, withJson, type CommonOptions } from '../context';
import { printJson, printTable } from '../output';
import { intArg } from '../parse';
import { inertLine } from '../terminal-safe';
import { senderFor } from './command-sender';

/** `hookscope check`: every robustness scenario against a handler, and what it should have answered. */
export function registerCheckCommand(program: Command): void {
  withJson(
    withData(
      program
        .command('check')
        .description('run every robustness scenario against a handler and print what it should have answered'),
    ),
  )
    .requiredOption('--provider <id>', 'provider id')
    .requiredOption('--url <url>', "your handler's URL")
    .requiredOption('--secret <secret>', 'the secret your handler verifies with')
    .option(
      '--event <type>',
      'event type to build scenarios from (default: the first in the catalogue that is not a handshake)',
    )
    .option('--effects-url <url>', 'a GET URL reflecting what the handler did, to judge duplicates by effect')
    .option('--timeout-ms <ms>', "replace the provider's response timeout", intArg('--timeout-ms', 1, 600_000))
    .action(
      async (
        options: CommonOptions & {
          provider: string;
          url: string;
          secret: string;
          event?: string;
          effectsUrl?: string;
          timeoutMs?: number;
        },
      ) => {
        await withApp(options, async (app) => {
          const provider = app.providers.require(options.provider);
          const sender = senderFor(app);
          try {
            const report = await sender.check({
              url: options.url,
              provider: provider.id,
              eventType: options.event ?? firstRegularEvent(provider),
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
                forms
                  ? ['scenario', 'form', 'expected', 'actual', 'result']
                  : ['scenario', 'expected', 'actual', 'result'],
              );
              for (const r of report.rows)
                if (r.note)
                  process.stdout.write(`${r.scenario}${r.form ? ` (${r.form})` : ''}: ${inertLine(r.note)}\n`);
              for (const note of report.notes) process.stdout.write(`note: ${note}\n`);
              process.stdout.write(
                `${report.passed} passed, ${report.failed} failed, ${report.notJudged} not judged\n`,
              );
            }
            process.exitCode = report.failed === 0 ? 0 : 1;
          } finally {
            await sender.stop();
          }
        });
      },
    );
}
