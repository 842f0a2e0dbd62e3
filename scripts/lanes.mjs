// Runs jobs (child processes) side by side, as many at once as the machine has
// cores, in the order given (put the longest first). Each job's output is
// printed whole when it ends, never interleaved with another's.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** @typedef {{ name: string, command: string, args: string[] }} Job */

function run(job) {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(job.command, job.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let ended = false;
    // A child that cannot start emits 'error' and then 'close': counted once.
    const finish = (ok, note = '') => {
      if (ended) return;
      ended = true;
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      if (output) process.stdout.write(output);
      console.log(`${job.name}: ${ok ? 'ok' : 'failed'}${note} (${secs}s)`);
      done(ok);
    };
    child.on('error', (error) => finish(false, `: ${error.message}`));
    child.on('close', (status) => finish(status === 0));
  });
}

/** Runs every job (a failure does not stop the others, so all errors show at once); resolves to the number that failed. */
export async function runLanes(jobs, width = availableParallelism()) {
  const queue = [...jobs];
  let failed = 0;
  const lanes = Array.from({ length: Math.min(queue.length, Math.max(1, width)) }, async () => {
    while (queue.length > 0) if (!(await run(queue.shift()))) failed++;
  });
  await Promise.all(lanes);
  return failed;
}
