// The checks `npm test` runs besides vitest, as jobs for lanes.mjs: every
// layer's type-check, ESLint and Prettier's check (`verifyJobs`), and the two
// builds the tests use (`buildJobs`: the UI that the e2e tests serve, the CLI
// bundle that the CLI tests spawn). Each is still its own npm script.
import { typecheckJobs } from './typecheck.mjs';

/** `npm run <script>` through the npm that runs this (npm_execpath), else the one on PATH. */
const npmRun = (script) =>
  process.env.npm_execpath
    ? { name: script, command: process.execPath, args: [process.env.npm_execpath, 'run', '--silent', script] }
    : { name: script, command: 'npm', args: ['run', '--silent', script] };

// Measured on 2 cores: the tsc passes of the tests and of Electron take ~40 s each, web and node ~28 s,
// ESLint and Prettier ~20 s, the shared layer's pass ~7 s; longest first.
export const verifyJobs = () => {
  const typechecks = typecheckJobs();
  const shared = typechecks.filter((job) => job.name.endsWith('tsconfig.shared.json'));
  return [...typechecks.filter((job) => !shared.includes(job)), npmRun('lint'), npmRun('format:check'), ...shared];
};

// The UI build ~10 s, the CLI bundle ~1 s.
export const buildJobs = () => [npmRun('build:ui'), npmRun('build:cli')];
