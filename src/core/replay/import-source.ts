import { StringDecoder } from 'node:string_decoder';
import { HookscopeError } from '../../shared/errors';

/**
 * Where an import reads from. `open` starts the file again from its first
 * byte: an import reads it twice, once to validate all of it and once to
 * write, so that a bad record anywhere means nothing is written while only
 * one record at a time is held in memory.
 */
export interface ImportSource {
  open(): AsyncIterable<string | Buffer>;
}

/** Longest NDJSON line read (a capture's body, base64, with its replays): anything longer is refused, never buffered. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;
/** Largest HAR document read (a HAR is one JSON value and is parsed whole); the control API takes no more either. */
export const MAX_HAR_BYTES = 512 * 1024 * 1024;

const MIB = 1024 * 1024;

/** A source over text already in memory (the control API's `import.text`). */
export function textSource(text: string): ImportSource {
  return {
    async *open() {
      yield text;
    },
  };
}

export interface SourceLine {
  /** Line number from 1. */
  n: number;
  text: string;
}

/**
 * The lines of a source (split at LF, a trailing CR dropped, a leading BOM
 * dropped), decoded as UTF-8 across chunk boundaries. A line longer than
 * `maxChars` is refused as soon as it gets that long.
 */
export async function* sourceLines(source: ImportSource, maxChars = MAX_LINE_BYTES): AsyncGenerator<SourceLine> {
  const decoder = new StringDecoder('utf8');
  let parts: string[] = [];
  let partial = 0;
  let n = 1;
  const finish = (rest: string): SourceLine => {
    let text = parts.length ? parts.join('') + rest : rest;
    parts = [];
    partial = 0;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (n === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
    return { n: n++, text };
  };
  const tooLong = () =>
    new HookscopeError(
      'IMPORT_INVALID',
      `line ${n}: longer than ${maxChars / MIB} MiB, more than any export holds; nothing was imported`,
      { line: n },
    );
  for await (const chunk of source.open()) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      if (partial + nl - from > maxChars) throw tooLong();
      yield finish(text.slice(from, nl));
      from = nl + 1;
    }
    if (from < text.length) {
      partial += text.length - from;
      if (partial > maxChars) throw tooLong();
      parts.push(text.slice(from));
    }
  }
  const rest = decoder.end();
  if (rest) parts.push(rest);
  if (parts.length) yield finish('');
}

/** The whole source as text (a HAR document), refused past `maxChars`. */
export async function sourceText(source: ImportSource, maxChars = MAX_HAR_BYTES): Promise<string> {
  const decoder = new StringDecoder('utf8');
  const parts: string[] = [];
  let size = 0;
  for await (const chunk of source.open()) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    size += text.length;
    if (size > maxChars)
      throw new HookscopeError(
        'IMPORT_INVALID',
        `the file is larger than ${maxChars / MIB} MiB, more than a HAR document Hookscope reads; nothing was imported`,
      );
    parts.push(text);
  }
  parts.push(decoder.end());
  return parts.join('').replace(/^\uFEFF/, '');
}
