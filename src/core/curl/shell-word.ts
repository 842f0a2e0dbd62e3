/**
 * Captured bytes as bash words and comment text. Whatever the bytes, the word
 * they become is exactly one argument holding exactly those bytes: nothing in
 * it can end the quotes, the argument or the line, or be expanded (`$`,
 * backticks, globs, `!` history, zsh's `=cmd`), and nothing invisible
 * (controls, bidi overrides, zero-width characters) reaches the text the user
 * reads or pastes. Bash (or zsh) is assumed: bytes that cannot be written
 * verbatim go in an ANSI-C `$'…'` literal as `\xHH`.
 */

/** A word that means the same unquoted in bash, zsh and sh: letters, digits and a few marks that expand to nothing. */
const BARE = /^[A-Za-z0-9_./:-]+$/;

/** Non-ASCII characters that are visible by themselves: letters, marks, digits, punctuation, symbols. */
const VISIBLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
/** ...except the ones that draw nothing (Hangul fillers, the blank braille pattern). */
const BLANK = new Set([0x115f, 0x1160, 0x3164, 0xffa0, 0x2800]);

function isVisible(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  if (code >= 0x20 && code < 0x7f) return true;
  return code >= 0xa0 && VISIBLE.test(ch) && !BLANK.has(code);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

const hex = (byte: number) => `\\x${byte.toString(16).padStart(2, '0')}`;

/** Characters `$'…'` writes verbatim: printable ASCII but the backslash and the quote. */
function ansiPlain(code: number): boolean {
  return code >= 0x20 && code < 0x7f && code !== 0x5c && code !== 0x27;
}

/**
 * Bytes in a bash ANSI-C literal: `\\` for a backslash, `\xHH` for the quote
 * (never `\'`, which bash's history expansion would read as the end of the
 * quotes) and for every byte that is not visible; visible UTF-8 kept as is.
 */
function ansiC(bytes: Uint8Array): string {
  let out = '';
  const text = utf8OrNull(bytes);
  if (text === null) {
    for (const byte of bytes) out += byte === 0x5c ? '\\\\' : ansiPlain(byte) ? String.fromCharCode(byte) : hex(byte);
  } else {
    for (const ch of text) {
      const code = ch.codePointAt(0)!;
      if (code === 0x5c) out += '\\\\';
      else if (ansiPlain(code) || (code >= 0x80 && isVisible(ch))) out += ch;
      else for (const byte of Buffer.from(ch, 'utf8')) out += hex(byte);
    }
  }
  return `$'${out}'`;
}

/**
 * One bash word that expands to exactly these bytes (which must not hold a
 * NUL: no argument can, unless `shown` says the word is only to be read).
 * Plain words stay bare, visible text goes in single quotes, anything else in
 * `$'…'`.
 */
export function shellWord(bytes: Uint8Array, shown = false): string {
  if (!shown && bytes.includes(0)) throw new Error('a shell argument cannot hold a NUL byte');
  const text = utf8OrNull(bytes);
  if (text !== null && BARE.test(text)) return text;
  if (text !== null && [...text].every(isVisible)) return `'${text.replace(/'/g, `'\\''`)}'`;
  return ansiC(bytes);
}

/**
 * The bytes a captured header or URL string stands for. The capture server
 * reads them as latin1 (one character per byte), so that is how they go back;
 * a string with wider characters (from an import) goes as UTF-8.
 */
export function wireBytes(text: string): Buffer {
  return /^[\u0000-\u00ff]*$/.test(text) ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
}

/** A captured string as one bash word (see wireBytes for its bytes). */
export function shellString(text: string): string {
  return shellWord(wireBytes(text));
}

/**
 * Captured text to be read in a comment, a note or an error message: quoted as
 * a shell word (so it stays one inert word even where the `#` is not taken as
 * a comment, such as zsh without interactive_comments), cut at `max`
 * characters.
 */
export function shownWord(text: string, max = 200): string {
  const chars = [...text];
  const cut = chars.length > max;
  return shellWord(wireBytes(cut ? chars.slice(0, max).join('') : text), true) + (cut ? '…' : '');
}

/**
 * Text for a `#` comment or a message: every character that is not
 * visible (line ends, controls, bidi, zero-width) written as `\xHH` or
 * `\u{…}`, so it can neither end the comment's line nor act on a terminal;
 * cut at `max` characters.
 */
export function commentText(text: string, max = 200): string {
  let out = '';
  let n = 0;
  for (const ch of text) {
    if (++n > max) return `${out}…`;
    const code = ch.codePointAt(0)!;
    if (isVisible(ch) && code !== 0x5c) out += ch;
    else if (code === 0x5c) out += '\\\\';
    else out += code < 0x100 ? hex(code) : `\\u{${code.toString(16)}}`;
  }
  return out;
}
