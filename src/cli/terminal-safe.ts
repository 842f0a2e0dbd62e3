/**
 * Captured text made inert for a terminal: every byte that a terminal would
 * act on (C0 and C1 controls, DEL, bidirectional overrides and isolates) is
 * shown as a visible escape such as `\x1b` or `\u202e`, so a capture can
 * neither clear the screen, set the window title, write the clipboard (OSC
 * 52) nor reorder what the user reads. `--json` output is not passed through
 * here: JSON.stringify already escapes C0, and `jsonForTerminal` covers the rest.
 */

// C0 (0x00-0x1f), DEL (0x7f), C1 (0x80-0x9f), bidi embeddings/overrides (U+202A-U+202E),
// isolates (U+2066-U+2069), and the implicit marks (U+200E, U+200F, U+061C).
const UNSAFE_LINE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
// The same, but a block keeps line feeds and tabs (a body shown on several lines).
const UNSAFE_BLOCK = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of captured text (a method, a path, a header value): nothing may break the line or act on the terminal. */
export function inertLine(text: string): string {
  return text.replace(UNSAFE_LINE, visible);
}

/** Several lines of captured text (a body): line feeds and tabs stay, every other control is shown visibly (CR included). */
export function inertBlock(text: string): string {
  return text.replace(UNSAFE_BLOCK, visible);
}

// JSON.stringify leaves DEL, C1 and the bidi characters raw; as \u escapes they are the same JSON value.
const JSON_UNSAFE = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

/** JSON text with the characters a terminal could act on written as `\uXXXX`: exactly the same JSON value. */
export function jsonForTerminal(json: string): string {
  return json.replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
