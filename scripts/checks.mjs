// What `npm test` does before vitest: every layer's type-check, ESLint,
// Prettier's check and the two builds (the UI that the e2e tests serve, the
// CLI bundle that the CLI tests spawn). None depends on another's output, so
// they run side by side, as many at once as the machine has cores, the longest
// first; each is still its own npm script (`npm run lint`, ...).
import { runLanes } from './lanes.mjs';
import { typecheckJobs } from './typecheck.mjs';

/** `npm run <script>` through the npm that runs this (npm_execpath), else the one on PATH. */
const npmRun = (script) =>
  process.env.npm_execpath
    ? { name: script, command: process.execPath, args: [process.env.npm_execpath, 'run', '--silent', script] }
    : { name: script, command: 'npm', args: ['run', '--silent', script] };

const typechecks = typecheckJobs();
const shared = typechecks.filter((job) => job.name.endsWith('tsconfig.shared.json'));
// Measured on 2 cores: the tsc passes of the tests and of Electron take ~40 s each, web and node ~28 s,
// ESLint and Prettier ~20 s, the UI build ~10 s, the shared layer's pass ~7 s, the CLI bundle ~1 s.
const jobs = [
  ...typechecks.filter((job) => !shared.includes(job)),
  npmRun('lint'),
  npmRun('format:check'),
  npmRun('build:ui'),
  ...shared,
  npmRun('build:cli'),
];
process.exit((await runLanes(jobs)) ? 1 : 0);
