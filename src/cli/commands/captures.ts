import type { Command } from 'commander';
import type { CaptureSummary } from '../../shared/capture-types';
import { withApp, withData, withJson, type CommonOptions } from '../context';
import { formatBytes, printJson, printTable } from '../output';
import { inertBlock, inertLine } from '../terminal-safe';
import { idArg, intArg } from '../parse';
import { decodeBody, isText } from '../../core/capture/decode';
import { describeVerdict } from './providers';
import { listQuery, withListFilters, type ListFlags } from './list-filters';
import type { CaptureQuery } from '../../core/capture-query';

/** Whether anything narrows the list (a filter, or a page past the newest or oldest). */
function filtered(q: CaptureQuery): boolean {
  return [
    q.endpoint,
    q.provider,
    q.eventType,
    q.method,
    q.signatureStatus,
    q.since,
    q.until,
    q.search,
    q.beforeId,
    q.afterId,
  ].some((v) => v !== undefined);
}

function summaryRows(rows: CaptureSummary[]) {
  return rows.map((c) => ({
    id: c.id,
    time: c.receivedAt,
    endpoint: c.endpoint,
    method: c.method,
    path: c.path,
    provider: c.provider ?? '',
    event: c.eventType ?? '',
    signature: c.signatureStatus ?? '',
    size: formatBytes(c.bodySize) + (c.truncated ? ' (truncated)' : ''),
    status: c.responseStatus ?? '-',
  }));
}

const COLUMNS = ['id', 'time', 'endpoint', 'method', 'path', 'provider', 'event', 'signature', 'size', 'status'];

export function registerCaptureCommands(program: Command): void {
  withListFilters(
    withJson(
      withData(
        program
          .command('list')
          .description('list captured requests, newest first (filters combine; page with --before/--after)'),
      ),
    ),
  )
    .option('--endpoint <slug>', 'only this endpoint')
    .option('--limit <n>', 'how many', intArg('--limit', 1, 10_000), 50)
    .action(async (options: CommonOptions & ListFlags) => {
      await withApp(options, (app) => {
        const query = listQuery(options, app.clock.now());
        if (query.endpoint) app.endpoints.get(query.endpoint);
        const rows = app.captures.list(query);
        if (options.json) printJson(rows);
        else if (rows.length === 0) process.stdout.write(filtered(query) ? 'no captures match\n' : 'no captures yet\n');
        else {
          printTable(summaryRows(rows), COLUMNS);
          if (rows.length === query.limit) {
            process.stderr.write(
              `(${rows.length} shown; older: --before ${rows[rows.length - 1].id}, newer: --after ${rows[0].id})\n`,
            );
          }
        }
      });
    });

  withJson(withData(program.command('show').description('show one capture: headers exactly as received, body bytes')))
    .argument('<id>', 'capture id', idArg)
    .action(async (id: number, options: CommonOptions) => {
      await withApp(options, (app) => {
        const detail = app.captures.detail(id);
        if (options.json) {
          printJson(detail);
          return;
        }
        // Every captured field is one inert line; the body keeps its line feeds and tabs, nothing else.
        const lines: string[] = [
          `#${detail.id}  ${detail.method} ${detail.url}`,
          `endpoint ${detail.endpoint}  received ${detail.receivedAt}  from ${detail.remoteAddress ?? '?'}  HTTP/${detail.httpVersion}`,
          `response ${detail.response.status ?? detail.response.kind}${detail.error ? `  (${detail.error})` : ''}`,
          ...(detail.provider ? [`provider ${detail.provider}  event ${detail.eventType ?? '?'}`] : []),
          ...(detail.signature ? describeVerdict(detail.signature) : []),
          '',
          ...detail.headers.map(([k, v]) => `${k}: ${v}`),
          '',
        ];
        const out = lines.map(inertLine);
        const raw = Buffer.from(detail.bodyBase64, 'base64');
        const { bytes, decoded } = decodeBody(detail.headers, raw);
        if (bytes.length === 0) out.push('(empty body)');
        else if (isText(bytes)) out.push(inertBlock(bytes.toString('utf8')));
        else out.push(`(${formatBytes(bytes.length)} of binary data; use --json for the bytes)`);
        if (decoded.length)
          out.push('', inertLine(`(decoded from ${decoded.join(', ')}; ${formatBytes(raw.length)} as received)`));
        if (detail.truncated)
          out.push(
            '',
            `(truncated: ${formatBytes(detail.bodySize)} received, first ${formatBytes(detail.bodyStoredSize)} kept)`,
          );
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });

  withJson(
    withData(program.command('search').description('full-text search over paths, headers and decoded text bodies')),
  )
    .argument('<text>', 'words to find (all must match; each matches as a prefix)')
    .option('--limit <n>', 'how many', intArg('--limit', 1, 10_000), 50)
    .action(async (text: string, options: CommonOptions & { limit: number }) => {
      await withApp(options, (app) => {
        const rows = app.captures.search(text, options.limit);
        if (options.json) printJson(rows);
        else if (rows.length === 0) process.stdout.write('no matches\n');
        else printTable(summaryRows(rows), COLUMNS);
      });
    });
}
