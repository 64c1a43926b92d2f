// Loads the demo data into the database named by the environment
// (DATABASE_URL, else PGlite under RATTRAPAGE_DATA_DIR), migrating it first.
// Does nothing if the 2024 session is already there. Usage:
//   pnpm --filter @rattrapage/api seed [--candidates 300 --seed 7]
import { parseArgs } from 'node:util';
import { hashPassword } from '../auth/password.ts';
import { databaseFromEnv, describeDatabase } from '../db/database-from-env.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { readEnv } from '../env.ts';
import { deliberateFirstGroup } from '../services/deliberate.ts';
import { countCandidates } from '../repositories/candidates.repository.ts';
import { seedDemo } from './seed-demo.ts';

const { values } = parseArgs({
  // pnpm passes a separating `--` through to the script: skip it.
  args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
  options: { candidates: { type: 'string' }, seed: { type: 'string' } },
});
const candidates = Number(values.candidates ?? readEnv().RATTRAPAGE_DEMO_CANDIDATES);
const seed = values.seed === undefined ? undefined : Number(values.seed);

const handle = await databaseFromEnv();
try {
  await migrateToLatest(handle.db);
  const before = await countCandidates(handle.db);
  const started = performance.now();
  const { accounts } = await seedDemo(handle.db, { candidates, seed, hashPassword });
  // The stored outcomes (used by the outcome filter) follow the marks just loaded.
  await deliberateFirstGroup(handle.db, 2024);
  const after = await countCandidates(handle.db);
  console.log(`Database: ${describeDatabase()}`);
  console.log(
    after === before
      ? 'Demo data already present: nothing loaded.'
      : `Loaded ${after - before} demo candidates in ${Math.round(performance.now() - started)} ms.`,
  );
  console.log('Demo accounts:');
  for (const a of accounts)
    console.log(`  ${a.identifier.padEnd(20)} ${a.role.padEnd(9)} ${a.password}  ${a.description}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
