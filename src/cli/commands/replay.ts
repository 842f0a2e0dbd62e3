import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { HeaderPair } from '../../shared/capture-types';
import type { BulkReplaySummary, ReplayView } from '../../shared/replay-types';
import { HookscopeError } from '../../shared/errors';
import type { AppSurface } from '../../core/app';
import { setHeader } from '../../core/replay/headers';
import { parseSince } from '../../core/replay/since';
import { toReplayView } from '../../core/store-exports';
import { withApp, withData, withJson, type CommonOptions } from '../context';
import { printJson, printLines, printTable } from '../output';
import { inertLine } from '../terminal-safe';
import { replayBodyLines } from './outcome-print';
import { collect, headerArg, idArg, intArg } from '../parse';

interface ReplayOptions extends CommonOptions {
  url?: string;
  resign?: boolean;
  secret?: string;
  method?: string;
  header?: HeaderPair[];
  dropHeader?: string[];
  bodyFile?: string;
  timeoutMs?: number;
  endpoint?: string;
  provider?: string;
  since?: string;
  concurrency: number;
  showBody?: boolean;
}

function readBodyFile(file: string): Buffer {
  try {
    return readFileSync(file === '-' ? 0 : file);
  } catch (error) {
    throw new HookscopeError(
      'BAD_INPUT',
      `--body-file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

/** The capture's headers with --header set (in place, or appended) and --drop-header removed; undefined when unchanged. */
function editedHeaders(app: AppSurface, id: number, options: ReplayOptions): HeaderPair[] | undefined {
  if (!options.header?.length && !options.dropHeader?.length) return undefined;
  const drop = new Set((options.dropHeader ?? []).map((n) => n.toLowerCase()));
  let headers = app.captures.get(id).headers.filter(([n]) => !drop.has(n.toLowerCase()));
  for (const [name, value] of options.header ?? []) headers = setHeader(headers, name, value);
  return headers;
}

/** One replay's outcome in human words; each line inert (the method, URL and failure can come from a capture). */
export function describeReplay(r: ReplayView): string[] {
  const outcome =
    r.response.status !== null
      ? `${r.response.status}${r.ok ? '' : ` (failed: ${r.errorKind ?? 'status'})`}`
      : `${r.errorKind}${r.errorMessage ? ` (${r.errorMessage})` : ''}`;
  const lines = [
    `replay ${r.id} of capture ${r.captureId}: ${r.request.method} ${r.url} -> ${outcome}${r.durationMs !== null ? ` in ${r.durationMs} ms` : ''}`,
  ];
  if (r.resigned)
    lines.push(`re-signed for ${r.resigned.provider} (${r.resigned.scheme}) with timestamp ${r.resigned.timestamp}`);
  return lines.map(inertLine);
}

function describeBulk(s: BulkReplaySummary): string {
  const kinds = Object.entries(s.failedByKind).map(([kind, n]) => `${kind} ${n}`);
  return `${s.total} selected, ${s.sent} sent, ${s.succeeded} succeeded, ${s.failed} failed${kinds.length ? ` (${kinds.join(', ')})` : ''}`;
}

async function replayOne(app: AppSurface, id: number, options: ReplayOptions): Promise<void> {
  const stored = await app.replay.replay(id, {
    url: options.url,
    resign: options.resign,
    secret: options.secret,
    method: options.method?.toUpperCase(),
    headers: editedHeaders(app, id, options),
    body: options.bodyFile === undefined ? undefined : readBodyFile(options.bodyFile),
    timeoutMs: options.timeoutMs,
  });
  const view = toReplayView(stored);
  for (const w of view.warnings) process.stderr.write(`warning: ${inertLine(w)}\n`);
  if (options.json) printJson(view);
  // Both are inert already (the body a block that keeps its line feeds).
  else
    process.stdout.write(
      `${[...describeReplay(view), ...(options.showBody ? replayBodyLines(view) : [])].join('\n')}\n`,
    );
  process.exitCode = view.ok ? 0 : 1;
}

async function replayMany(app: AppSurface, ids: number[], options: ReplayOptions): Promise<void> {
  if (options.method || options.header?.length || options.dropHeader?.length || options.bodyFile) {
    throw new HookscopeError(
      'BAD_INPUT',
      '--method, --header, --drop-header and --body-file edit one capture; give a single id',
    );
  }
  if (options.showBody)
    throw new HookscopeError(
      'BAD_INPUT',
      "--show-body prints one replay's answer; give a single id (or see each with `hookscope replays ID --json`)",
    );
  const selection = ids.length
    ? { ids }
    : {
        filter: {
          endpoint: options.endpoint,
          provider: options.provider,
          since: options.since === undefined ? undefined : parseSince(options.since, app.clock.now()),
        },
      };
  const summary = await app.replay.bulk(
    selection,
    {
      url: options.url,
      resign: options.resign,
      secret: options.secret,
      timeoutMs: options.timeoutMs,
      concurrency: options.concurrency,
    },
    options.json
      ? undefined
      : (r) =>
          printLines([
            `capture ${r.captureId}: ${r.ok ? `${r.status} ok` : r.status !== null ? `${r.status} (failed: ${r.errorKind ?? 'status'})` : `${r.errorKind}${r.error ? ` (${r.error})` : ''}`}`,
          ]),
  );
  if (options.json) printJson(summary);
  else printLines([describeBulk(summary)]);
  process.exitCode = summary.failed === 0 ? 0 : 1;
}

export function registerReplayCommands(program: Command): void {
  withJson(
    withData(
      program
        .command('replay')
        .description('send captures again: as captured, or edited; re-signed with a fresh timestamp on request'),
    ),
  )
    .argument(
      '[ids...]',
      'capture ids (several: a bulk replay, in this order)',
      (value: string, previous: number[] | undefined) => [...(previous ?? []), idArg(value)],
    )
    .option(
      '--url <url>',
      "exact target URL (default: the endpoint's forward URL with the capture's path suffix and query)",
    )
    .option(
      '--resign',
      "sign again for the capture's provider with a fresh timestamp (default secret: the endpoint's first)",
    )
    .option('--secret <secret>', 'secret to re-sign with (implies --resign)')
    .option('--method <method>', 'send with this method instead')
    .option(
      '--header <header>',
      'set a header, "Name: value" (replaces the first of that name in place; repeatable)',
      headerArg,
    )
    .option('--drop-header <name>', 'leave a header out (repeatable)', collect)
    .option('--body-file <file>', "send this file's bytes as the body ('-': stdin)")
    .option(
      '--timeout-ms <ms>',
      "response timeout (default: the provider's, else 30000)",
      intArg('--timeout-ms', 1, 600_000),
    )
    .option('--endpoint <slug>', 'bulk: every capture of this endpoint, oldest first')
    .option('--provider <id>', 'bulk: only captures attributed to this provider')
    .option('--since <time>', 'bulk: only captures received since then (ISO time, or 30m, 24h, 7d back)')
    .option('--concurrency <n>', 'bulk: requests at once', intArg('--concurrency', 1, 64), 4)
    .option('--show-body', 'also print the body the target answered (one capture)')
    .action(async (given: number[] | undefined, options: ReplayOptions) => {
      const ids = given ?? [];
      const filtering = options.endpoint !== undefined || options.provider !== undefined || options.since !== undefined;
      if (ids.length > 0 && filtering)
        throw new HookscopeError('BAD_INPUT', 'give capture ids or --endpoint/--provider/--since, not both');
      if (ids.length === 0 && !filtering)
        throw new HookscopeError(
          'BAD_INPUT',
          'give a capture id (or several), or select captures with --endpoint, --provider or --since',
        );
      await withApp(options, (app) =>
        ids.length === 1 ? replayOne(app, ids[0], options) : replayMany(app, ids, options),
      );
    });

  withJson(withData(program.command('replays').description("a capture's replays and live forwards, oldest first")))
    .argument('<id>', 'capture id', idArg)
    .action(async (id: number, options: CommonOptions) => {
      await withApp(options, (app) => {
        const list = app.replay.list(id);
        if (options.json) printJson(list);
        else if (list.length === 0) process.stdout.write(`capture ${id} has not been replayed or forwarded\n`);
        else
          printTable(
            list.map((r) => ({
              id: r.id,
              kind: r.kind,
              sent: r.sentAt,
              method: r.request.method,
              url: r.url,
              status: r.response.status ?? '',
              error: r.errorKind ?? '',
              ms: r.durationMs ?? '',
              resigned: r.resigned ? 'yes' : '',
            })),
            ['id', 'kind', 'sent', 'method', 'url', 'status', 'error', 'ms', 'resigned'],
          );
      });
    });

  withJson(
    withData(
      program
        .command('forward')
        .description("forward an endpoint's captures live to a handler (like stripe listen --forward-to)"),
    ),
  )
    .argument('<slug>', 'the endpoint')
    .option('--to <url>', 'where every capture is also sent (path suffix and query appended)')
    .option(
      '--proxy',
      "answer the original sender with the target's answer (502 when it is down) instead of the endpoint's rule",
    )
    .option('--off', 'stop forwarding')
    .action(async (slug: string, options: CommonOptions & { to?: string; proxy?: boolean; off?: boolean }) => {
      if (options.off && (options.to !== undefined || options.proxy))
        throw new HookscopeError('BAD_INPUT', '--off stops forwarding; it takes no --to or --proxy');
      if (!options.off && options.to === undefined)
        throw new HookscopeError('BAD_INPUT', 'give --to URL to forward, or --off to stop');
      await withApp(options, (app) => {
        const updated = options.off
          ? app.replay.setForward(slug, null, 'rule')
          : app.replay.setForward(slug, options.to as string, options.proxy ? 'proxy' : 'rule');
        if (options.json) printJson(updated);
        else if (!updated.forwardUrl) printLines([`endpoint ${slug}: forwarding off`]);
        else
          printLines([
            `endpoint ${slug} forwards every capture to ${updated.forwardUrl}${updated.forwardMode === 'proxy' ? " and answers with the target's answer (proxy)" : '; its rule answers the sender'}`,
          ]);
      });
    });
}
