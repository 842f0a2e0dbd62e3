import type { Command } from 'commander';
import type { CaptureDiff, DiffBounds, LineChange } from '../../shared/replay-types';
import { withApp, withData, withJson, type CommonOptions } from '../context';
import { printJson, printLines } from '../output';
import { idArg } from '../parse';

const CONTEXT = 3;

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** Changed lines with CONTEXT unchanged lines around them; "@@" marks a skipped stretch. */
export function withContext(lines: LineChange[]): string[] {
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((l, i) => {
    if (l.op === ' ' || l.op === '@') return;
    for (let j = Math.max(0, i - CONTEXT); j <= Math.min(lines.length - 1, i + CONTEXT); j++) keep[j] = true;
  });
  const out: string[] = [];
  let skipped = false;
  lines.forEach((l, i) => {
    if (!keep[i] || l.op === '@') {
      skipped = true;
      return;
    }
    if (skipped) out.push('  @@');
    skipped = false;
    out.push(`  ${l.op} ${l.text}${l.cut ? `... (${l.cut} more characters)` : ''}`);
  });
  return out;
}

function moreChanges(n: number): string {
  return `${n.toLocaleString('en-US')} more change${n === 1 ? '' : 's'} not listed`;
}

/** What a bounded body diff left out: "N more changes", and why the comparison stopped early. */
function bounds(body: DiffBounds): string[] {
  const out: string[] = [];
  if (body.more > 0) out.push(`  ... ${body.partial ? 'at least ' : ''}${moreChanges(body.more)}`);
  if (body.partial) out.push(`  (diff stopped early: ${body.partial})`);
  return out;
}

export function describeDiff(d: CaptureDiff): string[] {
  const out = [`capture ${d.a} -> capture ${d.b}`];
  for (const r of d.request) out.push(`${r.field}: ${r.before} -> ${r.after}`);
  if (d.headers.length === 0) out.push('headers: same');
  else {
    out.push('headers:');
    for (const h of d.headers) {
      if (h.kind === 'added') out.push(`  + ${h.after?.[0]}: ${h.after?.[1]}`);
      else if (h.kind === 'removed') out.push(`  - ${h.before?.[0]}: ${h.before?.[1]}`);
      else out.push(`  ~ ${h.before?.[0]}: ${h.before?.[1]}  ->  ${h.after?.[0]}: ${h.after?.[1]}`);
    }
    if (d.headersMore > 0) out.push(`  ... ${moreChanges(d.headersMore)}`);
  }
  const body = d.body;
  const decoded = d.decoded ? ' (after undoing Content-Encoding)' : '';
  if (body.kind === 'equal') out.push(`body: same (${body.size} bytes)${decoded}`);
  else if (body.kind === 'json') {
    out.push(`body (JSON)${decoded}:`);
    for (const c of body.changes) {
      if (c.kind === 'added') out.push(`  + ${c.path}: ${show(c.after)}`);
      else if (c.kind === 'removed') out.push(`  - ${c.path}: ${show(c.before)}`);
      else out.push(`  ~ ${c.path}: ${show(c.before)} -> ${show(c.after)}`);
    }
    out.push(...bounds(body));
  } else if (body.kind === 'text') {
    out.push(
      `body (text, +${body.added} -${body.removed} lines)${decoded}:`,
      ...withContext(body.lines),
      ...bounds(body),
    );
  } else {
    out.push(
      `body (binary)${decoded}: ${body.sizeA} bytes (sha256 ${body.sha256A.slice(0, 12)}) -> ${body.sizeB} bytes (sha256 ${body.sha256B.slice(0, 12)})`,
    );
  }
  return out;
}

export function registerDiffCommand(program: Command): void {
  withJson(
    withData(
      program
        .command('diff')
        .description('what changed between two captures: request line, headers, body (JSON paths or lines)'),
    ),
  )
    .argument('<a>', 'capture id', idArg)
    .argument('<b>', 'capture id', idArg)
    .action(async (a: number, b: number, options: CommonOptions) => {
      await withApp(options, (app) => {
        const diff = app.replay.diff(a, b);
        if (options.json) printJson(diff);
        else printLines(describeDiff(diff)); // every line inert: captured header values, paths and body lines
      });
    });
}
