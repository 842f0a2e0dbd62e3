import type { Command } from 'commander';
import { HookscopeError } from '../../shared/errors';
import type { AppSurface } from '../../core/app';
import { curlScript } from '../../core/curl/script';
import { parseSince } from '../../core/replay/since';
import type { ExportSelection } from '../../core/store-exports';
import { dataDirOf, withApp, withData, type CommonOptions } from '../context';
import { idArg } from '../parse';
import { checkExportTargets, curlBodyFiles, isStdout, openSink } from './export-output';

const FORMATS = ['har', 'ndjson', 'curl'] as const;
type Format = (typeof FORMATS)[number];

interface ExportOptions extends CommonOptions {
  format: string;
  endpoint?: string;
  since?: string;
  out?: string;
}

function* linesOf(
  app: AppSurface,
  format: Format,
  selection: ExportSelection,
  bodies: ReturnType<typeof curlBodyFiles>,
): Generator<string> {
  if (format === 'ndjson') yield* app.replay.ndjson(selection);
  else if (format === 'har') yield JSON.stringify(app.replay.har(selection), null, 2);
  else yield* curlScript(app.replay.exportCaptures(selection), (capture, bytes) => bodies.place(capture, bytes));
}

/**
 * Writes the export to standard output or to a temporary file renamed over
 * `--out` once complete; on failure nothing is left behind (the temporary
 * file and any cURL body folder are removed).
 */
async function runExport(app: AppSurface, format: Format, selection: ExportSelection, out: string | undefined) {
  const count = app.replay.exportIds(selection).length;
  const bodies = curlBodyFiles(out);
  const sink = await openSink(out);
  try {
    for (const line of linesOf(app, format, selection, bodies)) await sink.write(`${line}\n`);
    await sink.commit();
  } catch (error) {
    await sink.abort();
    bodies.remove();
    throw error;
  }
  return { count, bodies: bodies.written() };
}

export function registerExportCommands(program: Command): void {
  withData(
    program
      .command('export')
      .description('export captures as HAR 1.2, NDJSON (everything, for import) or cURL command lines'),
  )
    .argument('[ids...]', 'only these captures', (value: string, previous: number[] | undefined) => [
      ...(previous ?? []),
      idArg(value),
    ])
    .requiredOption('--format <format>', 'har | ndjson | curl')
    .option('--endpoint <slug>', 'only captures of this endpoint')
    .option('--since <time>', 'only captures received since then (ISO time, or 30m, 24h, 7d back)')
    .option(
      '--out <file>',
      "write here (a temporary file, renamed over it when complete) instead of standard output ('-')",
    )
    .action(async (ids: number[] | undefined, options: ExportOptions) => {
      if (!(FORMATS as readonly string[]).includes(options.format)) {
        throw new HookscopeError('BAD_INPUT', `--format must be one of ${FORMATS.join(', ')}, got "${options.format}"`);
      }
      checkExportTargets(options.out, options.format, dataDirOf(options));
      await withApp(options, async (app) => {
        const selection: ExportSelection = {
          ids: ids?.length ? ids : undefined,
          endpoint: options.endpoint,
          since: options.since === undefined ? undefined : parseSince(options.since, app.clock.now()),
        };
        const { count, bodies } = await runExport(app, options.format as Format, selection, options.out);
        if (!isStdout(options.out))
          process.stderr.write(`exported ${count} capture${count === 1 ? '' : 's'} to ${options.out}\n`);
        if (bodies)
          process.stderr.write(`wrote ${bodies.count} body file${bodies.count === 1 ? '' : 's'} in ${bodies.path}\n`);
      });
    });
}
