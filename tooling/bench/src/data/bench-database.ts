import pg from 'pg';
import { onCleanup } from '../cleanup.ts';

/** Where the bench creates its databases when DATABASE_URL is unset. */
export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Some work on the server's admin database, on a connection of its own, closed after. */
export async function onAdmin<T>(
  adminUrl: string,
  run: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates a fresh, empty database beside the one `adminUrl` names, dropped
 * at cleanup (also when the run fails or is interrupted). The name says what
 * it is and when it was made: `rattrapage_bench_<stamp>[_<suffix>]`.
 */
export async function createBenchDatabase(
  adminUrl: string,
  stamp: string,
  suffix?: string,
): Promise<BenchDatabase> {
  const name = `rattrapage_bench_${stamp}${suffix === undefined ? '' : `_${suffix}`}`;
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Unsafe database name ${name}.`);
  await onAdmin(adminUrl, (c) => c.query(`create database ${name}`));
  const drop = onCleanup(`database ${name}`, () =>
    onAdmin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(
      () => undefined,
    ),
  );
  return { name, url: withDatabase(adminUrl, name), drop };
}
