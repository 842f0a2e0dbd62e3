import { createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { HookscopeError } from '../../shared/errors';
import type { App } from '../../core/app';
import { toCurl } from '../../core/replay/curl';
import { parseSince } from '../../core/replay/since';
import type { ExportSelection } from '../../core/store/transfer';
import { withApp, withData, type CommonOptions } from '../context';
import { idArg } from '../parse';

const FORMATS = ['har', 'ndjson', 'curl'] as const;
type Format = (typeof FORMATS)[number];

interface ExportOptions extends CommonOptions {
  format: string;
  endpoint?: string;
  since?: string;
  out?: string;
}

/** Writes lines to a stream, waiting whenever it asks to (an export can be larger than memory would like). */
async function writeLines(stream: Writable, lines: Iterable<string>): Promise<number> {
  let n = 0;
  for (const line of lines) {
    n++;
    if (!stream.write(`${line}\n`)) await once(stream, 'drain');
  }
  return n;
}

function openOut(out: string | undefined): { stream: Writable; done(): Promise<void> } {
  if (out === undefined) return { stream: process.stdout, done: async () => undefined };
  const stream = createWriteStream(out);
  const failed = new Promise<never>((_, reject) =>
    stream.once('error', (e: NodeJS.ErrnoException) => reject(new HookscopeError('BAD_INPUT', `--out ${out}: ${e.code ?? e.message}`))),
  );
  failed.catch(() => undefined);
  return {
    stream,
    async done() {
      stream.end();
      await Promise.race([once(stream, 'finish'), failed]);
    },
  };
}

/** cURL lines, one per capture; a binary body goes to a file beside the output (or in the working folder). */
function* curlLines(app: App, selection: ExportSelection, out: string | undefined): Generator<string> {
  const dir = out === undefined ? process.cwd() : dirname(resolve(out));
  const stem = out === undefined ? 'hookscope' : basename(out, extname(out));
  for (const capture of app.replay.exportCaptures(selection)) {
    const bodyPath = join(dir, `${stem}-${capture.id}.body`);
    const { command, bodyFile } = toCurl(capture, { bodyFileName: bodyPath });
    if (bodyFile) writeFileSync(bodyPath, Buffer.from(bodyFile.bodyBase64, 'base64'));
    yield `# capture ${capture.id}: ${capture.method} ${capture.path} (${new Date(capture.receivedAt).toISOString()})`;
    yield command;
    yield '';
  }
}

async function runExport(app: App, format: Format, selection: ExportSelection, out: string | undefined): Promise<number> {
  const count = app.replay.exportIds(selection).length;
  const target = openOut(out);
  try {
    if (format === 'ndjson') await writeLines(target.stream, app.replay.ndjson(selection));
    else if (format === 'har') await writeLines(target.stream, [JSON.stringify(app.replay.har(selection), null, 2)]);
    else await writeLines(target.stream, curlLines(app, selection, out));
  } finally {
    await target.done();
  }
  return count;
}

export function registerExportCommands(program: Command): void {
  withData(program.command('export').description('export captures as HAR 1.2, NDJSON (everything, for import) or cURL command lines'))
    .argument('[ids...]', 'only these captures', (value: string, previous: number[] | undefined) => [...(previous ?? []), idArg(value)])
    .requiredOption('--format <format>', 'har | ndjson | curl')
    .option('--endpoint <slug>', 'only captures of this endpoint')
    .option('--since <time>', 'only captures received since then (ISO time, or 30m, 24h, 7d back)')
    .option('--out <file>', 'write here instead of standard output')
    .action(async (ids: number[] | undefined, options: ExportOptions) => {
      if (!(FORMATS as readonly string[]).includes(options.format)) {
        throw new HookscopeError('BAD_INPUT', `--format must be one of ${FORMATS.join(', ')}, got "${options.format}"`);
      }
      await withApp(options, async (app) => {
        const selection: ExportSelection = {
          ids: ids?.length ? ids : undefined,
          endpoint: options.endpoint,
          since: options.since === undefined ? undefined : parseSince(options.since, app.clock.now()),
        };
        const count = await runExport(app, options.format as Format, selection, options.out);
        if (options.out !== undefined) process.stderr.write(`exported ${count} capture${count === 1 ? '' : 's'} to ${options.out}\n`);
      });
    });
}
