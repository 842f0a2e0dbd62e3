// Runs jobs (child processes) side by side, as many at once as the machine has
// cores, in the order given (put the longest first). Each job's output is
// handed over whole when it ends (printed, by default), never interleaved with another's.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** @typedef {{ name: string, command: string, args: string[] }} Job */
/** @typedef {{ job: Job, ok: boolean, note: string, secs: string, output: string }} JobEnd */

/** The default report of a job that ended: its output, then one line naming it. */
export function printJobEnd({ job, ok, note, secs, output }) {
  if (output) process.stdout.write(output);
  console.log(`${job.name}: ${ok ? 'ok' : 'failed'}${note} (${secs}s)`);
}

/** @param {Job} job @param {(end: JobEnd) => void} report */
function run(job, report) {
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
      report({ job, ok, note, secs: ((Date.now() - started) / 1000).toFixed(1), output });
      done(ok);
    };
    child.on('error', (error) => finish(false, `: ${error.message}`));
    child.on('close', (status) => finish(status === 0));
  });
}

/**
 * Runs every job (a failure does not stop the others, so all errors show at once); resolves to the number that failed.
 * @param {Job[]} jobs @param {number} [width] @param {(end: JobEnd) => void} [report]
 */
export async function runLanes(jobs, width = availableParallelism(), report = printJobEnd) {
  const queue = [...jobs];
  let failed = 0;
  const lanes = Array.from({ length: Math.min(queue.length, Math.max(1, width)) }, async () => {
    while (queue.length > 0) if (!(await run(queue.shift(), report))) failed++;
  });
  await Promise.all(lanes);
  return failed;
}
