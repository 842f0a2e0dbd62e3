/** Where a JSON text stops being JSON, and whether it is the compact form a provider's handlers agree on; for the editor. Pure. */
import type { ProviderDefinition } from '../../../src/shared/providers';
import { canonicalWarningFor } from '../../../src/shared/canonical-json';

export interface JsonProblem {
  message: string;
  /** 0-based offset into the text, when the parser said where. */
  offset: number | null;
  line: number | null;
  column: number | null;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** The parse error of `text`, or null when it is valid JSON. */
export function checkJson(text: string): JsonProblem | null {
  if (text.trim() === '')
    return {
      message: 'The payload is empty: write a JSON event or take a new sample.',
      offset: null,
      line: null,
      column: null,
    };
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(raw);
    const offset = position
      ? Math.min(Number(position[1]), text.length)
      : raw.includes('end of JSON')
        ? text.length
        : null;
    const message = raw
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/ in JSON at position \d+/, '')
      .replace(/^JSON\.parse: /, '');
    if (offset === null) return { message, offset: null, line: null, column: null };
    return { message, offset, ...lineAndColumn(text, offset) };
  }
}

/**
 * The warning for a payload sent exactly as typed that the provider's
 * documented handlers would judge differently, with its compact form to
 * offer instead; null when there is nothing to warn about (the Sender sends
 * compact JSON unless `exact`).
 */
export function canonicalPayloadWarning(
  provider: ProviderDefinition | undefined,
  text: string,
  exact: boolean,
): { message: string; compact: string } | null {
  return exact ? canonicalWarningFor(provider, text) : null;
}
