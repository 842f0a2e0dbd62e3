import { vi } from 'vitest';
import type { CliResult } from './cli';

/**
 * Runs `hookscope ARGS` through the CLI's own entry (src/cli/main.ts `main`,
 * what bin/hookscope.mjs calls) inside the test process: what it writes to
 * stdout and stderr is collected, and the exit code is what `main` returns
 * (the binary sets it as the process's exit code). For the many cases of
 * argument parsing, help and refusals, where a child process per case costs
 * ~0.3 s of CPU to load the CLI; exit codes through a real process, signals
 * and stdin stay with runCli (test/helpers/cli.ts). Calls made together run
 * one after another (process.stdout and process.stderr are taken over while
 * one runs); only for commands that end by themselves.
 */
export function runCliInProcess(args: string[], options: { cwd?: string } = {}): Promise<CliResult> {
  const run = queue.then(() => runNow(args, options.cwd));
  queue = run.catch(() => undefined);
  return run;
}

/** Like cliJson (test/helpers/cli.ts): `ARGS --json`, parsed; throws with stderr when it exits non-zero. */
export async function cliJsonInProcess<T>(args: string[]): Promise<T> {
  const result = await runCliInProcess([...args, '--json']);
  if (result.code !== 0) throw new Error(`hookscope ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

let queue: Promise<unknown> = Promise.resolve();

async function runNow(args: string[], cwd: string | undefined): Promise<CliResult> {
  const { main } = await import('../../src/cli/main');
  const out: string[] = [];
  const err: string[] = [];
  const into =
    (sink: string[]) =>
    (chunk: string | Uint8Array, encoding?: unknown, done?: unknown): boolean => {
      sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const callback = typeof encoding === 'function' ? encoding : done;
      if (typeof callback === 'function') (callback as () => void)();
      return true;
    };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(into(out) as typeof process.stdout.write);
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(into(err) as typeof process.stderr.write);
  const exitCode = process.exitCode;
  process.exitCode = undefined;
  // The working folder the command runs in (relative --out paths), as a child's `cwd` (the forks pool allows chdir).
  const workingDir = process.cwd();
  if (cwd) process.chdir(cwd);
  try {
    const code = await main([process.execPath, 'hookscope', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = exitCode;
    process.chdir(workingDir);
  }
}
