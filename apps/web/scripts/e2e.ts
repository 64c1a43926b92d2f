// Runs the end-to-end suite once per width (the Playwright projects), each
// run against its own server on a fresh database: the tests change the
// demo's data (choices, the orals' schedule), so the second width must not
// inherit what the first one did. Arguments go to each run; with --project,
// a single run.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const projects = args.some((a) => a.startsWith('--project')) ? [null] : ['telephone', 'bureau'];
let failed = 0;
for (const project of projects) {
  const run = spawnSync(
    'playwright',
    ['test', ...(project === null ? [] : [`--project=${project}`]), ...args],
    { stdio: 'inherit' },
  );
  if (run.status !== 0) failed = run.status ?? 1;
}
process.exit(failed);
