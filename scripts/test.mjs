// `npm test`: the two builds the tests use, then vitest (all four projects)
// with the type-checks, ESLint and Prettier running beside it in one lane.
// vitest's workers leave about a third of the cores idle while tests wait on
// servers, browsers and real time; the checks fill that instead of running
// first. Their reports are printed after vitest's, unless one fails: then its
// output is printed at once, vitest is stopped, and the exit code is 1.
// Arguments are vitest's (`npm test -- test/cli`), as before.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { buildJobs, verifyJobs } from './check-jobs.mjs';
import { printJobEnd, runLanes } from './lanes.mjs';

// vitest's own bin (its package exports do not name the file).
const vitestBin = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

if (await runLanes(buildJobs())) process.exit(1);

const vitest = spawn(process.execPath, [vitestBin, 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
const vitestEnded = new Promise((resolve) => {
  vitest.on('error', (error) => {
    console.error(`vitest did not start: ${error.message}`);
    resolve(1);
  });
  vitest.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
});

const reports = [];
let checksFailed = false;
const checksEnded = runLanes(verifyJobs(), 1, (end) => {
  if (end.ok) return void reports.push(end);
  printJobEnd(end);
  if (checksFailed) return;
  checksFailed = true;
  console.log('A check failed: the tests are stopped (the other checks go on). Run vitest alone with npx vitest run.');
  vitest.kill('SIGTERM');
});

const [failedChecks, vitestCode] = await Promise.all([checksEnded, vitestEnded]);
for (const end of reports) printJobEnd(end);
process.exit(failedChecks || checksFailed || vitestCode !== 0 ? 1 : 0);
