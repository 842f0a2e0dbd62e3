import { createInterface } from 'node:readline/promises';
import { HookscopeError } from '../shared/errors';

/** Whether a person is at the terminal to answer a question. */
export function isInteractive(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true;
}

/**
 * Asks a yes/no question on the terminal (default no); without a terminal it
 * refuses with `refusal`, since nobody can answer: scripts say `--yes`.
 */
export async function confirm(question: string, refusal: string): Promise<boolean> {
  if (!isInteractive()) throw new HookscopeError('BAD_INPUT', refusal);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    return /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    rl.close();
  }
}
