// `npm run checks`: every check `npm test` runs besides vitest (the type-checks,
// ESLint, Prettier and the two builds), none depending on another's output, side
// by side, as many at once as the machine has cores.
import { buildJobs, verifyJobs } from './check-jobs.mjs';
import { runLanes } from './lanes.mjs';

process.exit((await runLanes([...verifyJobs(), ...buildJobs()])) ? 1 : 0);
