// Applies pending migrations to the database named by the environment
// (DATABASE_URL, else PGlite under RATTRAPAGE_DATA_DIR). Usage:
//   pnpm --filter @rattrapage/api migrate
import { databaseFromEnv, describeDatabase } from './database-from-env.ts';
import { migrateToLatest } from './migrate.ts';

const handle = await databaseFromEnv();
try {
  const results = await migrateToLatest(handle.db);
  console.log(`Database: ${describeDatabase()}`);
  if (results.length === 0) console.log('Schema up to date: no migration to apply.');
  for (const r of results)
    console.log(`  ${r.direction === 'Up' ? 'applied' : 'reverted'}: ${r.migrationName}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await handle.close();
}
