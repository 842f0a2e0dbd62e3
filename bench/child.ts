import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** A benchmark helper process (bench/servers/*) talking over IPC. */
export interface Child {
  process: ChildProcess;
  port: number;
  /** Sends a command and resolves with the next message. */
  ask<T>(command: string): Promise<T>;
  /** Asks it to stop; resolves with its last message once it has exited (killed if it lingers). */
  stop<T>(): Promise<T>;
}

export function startChild(script: string, args: string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<Child> {
  const child = fork(resolve(import.meta.dirname, 'servers', script), args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env,
  });
  // One question at a time: an answer carries no id, so questions never overlap.
  let queue: Promise<unknown> = Promise.resolve();
  const askNow = <T>(command: string) =>
    new Promise<T>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`${script} did not answer "${command}"`)), 30_000);
      child.once('message', (m) => {
        clearTimeout(timer);
        done(m as T);
      });
      child.send(command);
    });
  const ask = <T>(command: string): Promise<T> => {
    const next = queue.then(() => askNow<T>(command));
    queue = next.catch(() => undefined);
    return next;
  };
  return new Promise((done, fail) => {
    const onExit = (code: number | null) => fail(new Error(`${script} exited ${code} before listening`));
    child.once('exit', onExit);
    child.once('message', (m: { port: number }) => {
      child.off('exit', onExit);
      done({
        process: child,
        port: m.port,
        ask,
        async stop<T>() {
          const exited = new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
          const last = await ask<T>('stop');
          const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(killer);
          return last;
        },
      });
    });
  });
}
