import { createReadStream, statSync } from 'node:fs';
import type { Command } from 'commander';
import { HookscopeError } from '../../shared/errors';
import type { ImportSource } from '../../core/replay/import-source';
import { withApp, withData, withJson, type CommonOptions } from '../context';
import { printJson } from '../output';
import { inertLine } from '../terminal-safe';

/**
 * How long one slice may hold the database when another process (a running
 * `serve`) shares it. That process waits on SQLite's busy handler, which looks
 * again 1, 3, 8, 18 and 33 ms after it starts waiting; a slice of 10 ms
 * followed by a pause at least as long always leaves it a look while the
 * database is free, so a webhook waits about one slice.
 */
const CLI_SLICE_MS = 10;
/** Rows per transaction when the CLI finishes the verdicts and search index of what it imported. */
const CLI_DRAIN_ROWS = 64;

/** The pause after a slice: as long as the slice took (at least 2 ms), so a waiting `serve` gets its turn. */
const besideServe = (sliceMs: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(2, sliceMs)));

function unreadable(file: string, error: unknown): HookscopeError {
  return new HookscopeError(
    'BAD_INPUT',
    `cannot read ${inertLine(file)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
  );
}

/** A file read as a stream (twice: to validate, then to write); standard input is read once and held. */
async function fileSource(file: string): Promise<ImportSource> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const all = Buffer.concat(chunks);
    return {
      async *open() {
        yield all;
      },
    };
  }
  try {
    if (statSync(file).isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
  } catch (error) {
    throw unreadable(file, error);
  }
  return {
    async *open() {
      try {
        for await (const chunk of createReadStream(file)) yield chunk as Buffer;
      } catch (error) {
        throw error instanceof HookscopeError ? error : unreadable(file, error);
      }
    },
  };
}

export function registerImportCommand(program: Command): void {
  withJson(
    withData(
      program
        .command('import')
        .description('import an NDJSON export or a HAR file: endpoints created as needed, new ids'),
    ),
  )
    .argument('<file>', "the file ('-': stdin)")
    .action(async (file: string, options: CommonOptions) => {
      const source = await fileSource(file);
      await withApp(options, async (app) => {
        const report = await app.replay.importFrom(source, { sliceMs: CLI_SLICE_MS, pause: besideServe });
        await app.drainBackgroundGently(besideServe, CLI_DRAIN_ROWS);
        if (options.json) {
          printJson(report);
          return;
        }
        const parts = [
          `imported ${report.captures} capture${report.captures === 1 ? '' : 's'} and ${report.replays} replay${report.replays === 1 ? '' : 's'} (${report.format})`,
        ];
        if (report.skipped) parts.push(`skipped ${report.skipped} already here`);
        if (report.endpointsCreated.length)
          parts.push(
            `created endpoint${report.endpointsCreated.length === 1 ? '' : 's'} ${report.endpointsCreated.join(', ')}`,
          );
        process.stdout.write(`${parts.join('; ')}\n`);
      });
    });
}
