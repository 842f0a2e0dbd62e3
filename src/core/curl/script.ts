import { isHookscopeError } from '../../shared/errors';
import type { StoredCapture } from '../store/captures';
import { buildCurl } from './build';
import { commentText, shownWord } from './shell-word';

/** The first lines of a cURL export: it is a bash script (the lines may use `$'…'` quoting). */
export const CURL_SCRIPT_HEADER = [
  '#!/usr/bin/env bash',
  '# Hookscope cURL export: one command per capture; run it with bash (or zsh).',
  '',
];

/**
 * Where a body that cannot be an argument goes: the caller writes the bytes
 * (to a file Hookscope creates itself) and answers the path the command reads.
 */
export type PlaceBody = (capture: StoredCapture, bytes: Buffer) => string;

/**
 * A cURL export, line by line (no newlines in any line): per capture a comment
 * naming it (its method and path as quoted words), its notes as comments, and its
 * command; a capture that cannot be a command gets a comment saying why.
 */
export function* curlScript(captures: Iterable<StoredCapture>, placeBody: PlaceBody): Generator<string> {
  yield* CURL_SCRIPT_HEADER;
  for (const capture of captures) {
    // Captured text in a comment is a quoted shell word too: inert even where `#` does not start a comment.
    yield `# capture ${capture.id}: ${shownWord(capture.method, 40)} ${shownWord(capture.path, 300)} received ${new Date(capture.receivedAt).toISOString()}`;
    let built;
    try {
      built = buildCurl(capture, { body: 'file', bodyFileName: (bytes) => placeBody(capture, bytes) });
    } catch (error) {
      if (!isHookscopeError(error) || error.code !== 'BAD_INPUT') throw error;
      yield `# not exported: ${commentText(error.message, 300)}`;
      yield '';
      continue;
    }
    for (const note of built.notes) yield `# note: ${commentText(note, 300)}`;
    yield built.command;
    yield '';
  }
}
