import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Four projects, all run by `npm test`; each can be run alone (`npm run test:unit`,
// `vitest run --project e2e`). One worker more than the machine has cores: much
// of a test's time is spent waiting on a server, a browser or real time. On 2
// cores a whole run took 287 s with 2 workers, 257 s with 3 and 256 s with 4,
// at 65-70% of the cores busy with 2 workers.
const PROJECTS = {
  // Pure logic and in-process I/O (a SQLite file, a server on port 0): seconds.
  unit: [
    'test/core/**/*.test.ts',
    'test/shared/**/*.test.ts',
    'test/renderer/**/*.test.ts',
    'test/cli/terminal-safe.test.ts',
  ],
  // Whole commands and transports: child processes, the CLI bundle, the control server, the Electron shell on a fake.
  integration: [
    'test/cli/**/*.test.ts',
    'test/server/**/*.test.ts',
    'test/main/**/*.test.ts',
    'test/preload/**/*.test.ts',
    'test/hostile/**/*.test.ts',
    'test/layers.test.ts',
    'test/layers-lint.test.ts',
  ],
  // The built UI in Chromium against a real `serve`.
  e2e: ['test/e2e/**/*.test.ts'],
  // SIGKILL mid-load, disk faults, fuzzers: bounded, but the slowest.
  reliability: ['test/reliability/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
} as const;

const unitOnly = new Set<string>(PROJECTS.unit.filter((p) => !p.includes('**')));

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: availableParallelism() + 1,
    projects: Object.entries(PROJECTS).map(([name, include]) => ({
      extends: true,
      test: {
        name,
        include: [...include],
        // A file named in `unit` explicitly is not run again by the broader glob of another project.
        exclude: name === 'unit' ? [] : [...unitOnly],
        // Files share their worker's module cache (no fresh import of the core,
        // playwright-core and the helpers per file): import time was 169 s of a
        // 375 s unit run under load, 20 s of 229 s without isolation; for the
        // e2e files 34 s of worker time became 12 s, and the workers' CPU time
        // fell from 38 to 24 s. Each file cleans up after itself (servers and
        // browsers closed, databases in temp dirs, clocks injected, environment
        // put back). The reliability files kill processes and fill disks, so
        // each keeps a fresh worker.
        isolate: name === 'reliability',
      },
    })),
  },
});
