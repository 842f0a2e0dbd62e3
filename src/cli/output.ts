/** Output helpers: JSON for scripts, aligned plain text for people; both safe to print on a terminal. */
import { inertLine, jsonForTerminal } from './terminal-safe';

/** Exact JSON, with DEL, C1 and bidirectional controls written as \u escapes (the same value). */
export function printJson(value: unknown): void {
  process.stdout.write(`${jsonForTerminal(JSON.stringify(value, null, 2))}\n`);
}

/** A table whose cells are single inert lines: a captured line break or escape sequence shows as `\x0a`, `\x1b`. */
export function printTable(rows: Record<string, string | number | null | undefined>[], columns: string[]): void {
  if (rows.length === 0) return;
  const cells = rows.map((r) => columns.map((c) => inertLine(String(r[c] ?? ''))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line(columns.map((c) => c.toUpperCase()))}\n`);
  for (const row of cells) process.stdout.write(`${line(row)}\n`);
}

/** Lines of human output, each made one inert line (for text that may hold captured bytes). */
export function printLines(lines: string[]): void {
  process.stdout.write(`${lines.map(inertLine).join('\n')}\n`);
}

/** The size format shared with the UI (src/shared/format-bytes.ts). */
export { formatBytes } from '../shared/format-bytes';
