// pnpm bench [-- --quick]: the benchmark suite of issue #6 (docs/performance.md).
// Creates its own databases from DATABASE_URL (default: the local
// PostgreSQL), starts the servers, drives them from another process, prints
// one table and writes tooling/bench/results/<date>.json. Asserts nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanUpAll, cleanUpOnSignals } from './cleanup.ts';
import { DEFAULT_ADMIN_URL } from './data/bench-database.ts';
import { benchOptions } from './options.ts';
import { renderTable } from './report/print-table.ts';
import { describeMachine, resultsDocument, writeResults } from './report/results-file.ts';
import { runSuite } from './run-suite.ts';

const RESULTS = fileURLToPath(new URL('../results/', import.meta.url));

const options = benchOptions(process.argv.slice(2));
const adminUrl = process.env['DATABASE_URL'] || DEFAULT_ADMIN_URL;
const startedAt = new Date();
const stamp = startedAt.toISOString().replace(/\D/g, '').slice(0, 14);
const workDir = await mkdtemp(join(tmpdir(), 'rattrapage-bench-'));
const progress = (message: string) => {
  const elapsed = ((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4);
  console.error(`[${elapsed} s] ${message}`);
};

cleanUpOnSignals();
progress(
  `${options.mode} run${options.only ? ` of ${options.only.join(', ')}` : ''}; scratch folder ${workDir}`,
);
let keepWorkDir = true;
try {
  const outcome = await runSuite({ options, workDir, adminUrl, progress }, stamp);
  const document = resultsDocument({
    mode: options.mode,
    only: options.only,
    startedAt,
    finishedAt: new Date(),
    machine: describeMachine(outcome.postgresVersion),
    sizes: {
      candidates: options.population.candidates,
      candidatesOfOrigin: options.population.ofOrigin,
      embeddedCandidates: options.embeddedCandidates,
      sessions: options.sessions,
      measureSeconds: options.measureSeconds,
      overloadSeconds: options.overloadSeconds,
      growthSizes: options.growthSizes,
      mixSeconds: options.mixSeconds,
    },
    scenarios: outcome.scenarios,
  });
  console.log(renderTable(outcome.scenarios));
  const file = await writeResults(RESULTS, document);
  progress(`results written to ${file} (${document.totalSeconds.toFixed(0)} s in all)`);
  keepWorkDir = outcome.scenarios.some((s) => s.checks.some((c) => c.label === 'the scenario ran'));
} finally {
  await cleanUpAll();
  if (keepWorkDir) progress(`logs kept in ${workDir}`);
  else await rm(workDir, { recursive: true, force: true });
}
