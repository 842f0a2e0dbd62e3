import type {
  BodyDiff,
  CaptureDiff,
  DiffBounds,
  HeaderChange,
  JsonChange,
  LineChange,
} from '../../../src/shared/replay-types';

/** One line of a rendered diff: '#' a heading, '+' added, '-' removed, ' ' unchanged, '…' skipped context. */
export interface DiffLine {
  op: '#' | '+' | '-' | ' ' | '…';
  text: string;
}

const CONTEXT = 3;

function value(v: unknown): string {
  return v === undefined ? '(absent)' : JSON.stringify(v);
}

function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n % 100 !== 11
      ? 'st'
      : n % 10 === 2 && n % 100 !== 12
        ? 'nd'
        : n % 10 === 3 && n % 100 !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}

function headerLines(change: HeaderChange): DiffLine[] {
  const which = change.occurrence > 0 ? `  (${ordinal(change.occurrence + 1)} ${change.name})` : '';
  const out: DiffLine[] = [];
  if (change.before) out.push({ op: '-', text: `${change.before[0]}: ${change.before[1]}${which}` });
  if (change.after) out.push({ op: '+', text: `${change.after[0]}: ${change.after[1]}${which}` });
  return out;
}

function jsonLines(change: JsonChange): DiffLine[] {
  const out: DiffLine[] = [];
  if (change.kind !== 'added') out.push({ op: '-', text: `${change.path}: ${value(change.before)}` });
  if (change.kind !== 'removed') out.push({ op: '+', text: `${change.path}: ${value(change.after)}` });
  return out;
}

/** A line's text, and how much of a very long one the core left out. */
function shown(line: LineChange): string {
  return line.cut ? `${line.text}… (${line.cut.toLocaleString('en-US')} more characters)` : line.text;
}

/** A line diff with long unchanged stretches folded to CONTEXT lines either side. */
function textLines(lines: LineChange[]): DiffLine[] {
  const out: DiffLine[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.op === '@') {
      // A stretch the core already folded.
      out.push({
        op: '…',
        text: `${(line.count ?? 0).toLocaleString('en-US')} unchanged line${line.count === 1 ? '' : 's'}`,
      });
      i++;
      continue;
    }
    if (line.op !== ' ') {
      out.push({ op: line.op, text: shown(line) });
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end].op === ' ') end++;
    const run = lines.slice(i, end);
    const head = i === 0 ? 0 : CONTEXT;
    const tail = end === lines.length ? 0 : CONTEXT;
    if (run.length > head + tail + 1) {
      for (const l of run.slice(0, head)) out.push({ op: ' ', text: shown(l) });
      out.push({ op: '…', text: `${run.length - head - tail} unchanged lines` });
      for (const l of run.slice(run.length - tail)) out.push({ op: ' ', text: shown(l) });
    } else {
      for (const l of run) out.push({ op: ' ', text: shown(l) });
    }
    i = end;
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "N more changes" (past the cap), and why the comparison stopped early, when it did. */
export function boundLines(bounds: DiffBounds): DiffLine[] {
  const out: DiffLine[] = [];
  if (bounds.more > 0)
    out.push({
      op: '…',
      text: `${bounds.partial ? 'at least ' : ''}${bounds.more.toLocaleString('en-US')} more change${bounds.more === 1 ? '' : 's'} not listed`,
    });
  if (bounds.partial) out.push({ op: '…', text: `diff stopped early: ${bounds.partial}` });
  return out;
}

function bodyLines(body: BodyDiff, decoded: boolean): DiffLine[] {
  const note = decoded ? ' (compared after undoing Content-Encoding)' : '';
  switch (body.kind) {
    case 'equal':
      return [{ op: '#', text: `Body: identical, ${plural(body.size, 'byte')}${note}` }];
    case 'json':
      return [
        { op: '#', text: `Body: JSON, ${plural(body.changes.length + body.more, 'change')}${note}` },
        ...body.changes.flatMap(jsonLines),
        ...boundLines(body),
      ];
    case 'text':
      return [
        { op: '#', text: `Body: text, ${body.added} added, ${body.removed} removed lines${note}` },
        ...textLines(body.lines),
        ...boundLines(body),
      ];
    case 'binary':
      return [
        { op: '#', text: `Body: binary, not compared byte by byte${note}` },
        { op: '-', text: `${plural(body.sizeA, 'byte')}, sha256 ${body.sha256A}` },
        { op: '+', text: `${plural(body.sizeB, 'byte')}, sha256 ${body.sha256B}` },
      ];
  }
}

/** The diff of two captures as lines of text (A is '-', B is '+'). */
export function diffLines(diff: CaptureDiff): DiffLine[] {
  const out: DiffLine[] = [];
  out.push({
    op: '#',
    text: diff.request.length
      ? `Request: ${diff.request.length === 1 ? '1 field differs' : `${diff.request.length} fields differ`}`
      : 'Request: same method, path, query and endpoint',
  });
  for (const r of diff.request) {
    out.push({ op: '-', text: `${r.field}: ${r.before}` }, { op: '+', text: `${r.field}: ${r.after}` });
  }
  const counts = (['changed', 'added', 'removed'] as const)
    .map((k) => [k, diff.headers.filter((h) => h.kind === k).length] as const)
    .filter(([, n]) => n > 0);
  out.push({
    op: '#',
    text: counts.length ? `Headers: ${counts.map(([k, n]) => `${n} ${k}`).join(', ')}` : 'Headers: the same',
  });
  for (const h of diff.headers) out.push(...headerLines(h));
  out.push(...boundLines({ more: diff.headersMore ?? 0 }));
  out.push(...bodyLines(diff.body, diff.decoded));
  return out;
}

/** The same lines as plain text, for copying. */
export function diffText(diff: CaptureDiff): string {
  return [
    `--- capture #${diff.a}`,
    `+++ capture #${diff.b}`,
    ...diffLines(diff).map((l) => (l.op === '#' ? `## ${l.text}` : `${l.op} ${l.text}`)),
  ].join('\n');
}
