import { readEnv } from '../env.ts';
import { type DatabaseHandle, createDatabase } from './database.ts';

/** The database the environment names: DATABASE_URL, else PGlite under RATTRAPAGE_DATA_DIR. */
export function databaseFromEnv(source: NodeJS.ProcessEnv = process.env): Promise<DatabaseHandle> {
  const env = readEnv(source);
  return createDatabase({
    url: env.DATABASE_URL,
    dataDir: env.RATTRAPAGE_DATA_DIR,
    poolSize: env.DATABASE_POOL_SIZE,
    preparedStatements: env.DATABASE_PREPARED_STATEMENTS === 'on',
  });
}

/** Where the data is, for messages (never the URL's password). */
export function describeDatabase(source: NodeJS.ProcessEnv = process.env): string {
  const env = readEnv(source);
  if (env.DATABASE_URL === undefined) return `PGlite, ${env.RATTRAPAGE_DATA_DIR}`;
  const url = new URL(env.DATABASE_URL);
  return `PostgreSQL, ${url.host}${url.pathname}`;
}
