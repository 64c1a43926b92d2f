import { type Kysely, sql } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../../src/db/schema.ts';

/**
 * A fingerprint of everything the application stores: for each table of
 * the public schema (the migrator's own bookkeeping aside), its row count
 * and an MD5 of its rows, each row as JSON, in a stable order. Taken before
 * and after a call the API refused, two fingerprints must be equal: a
 * refusal changes nothing.
 */
export type Fingerprint = ReadonlyMap<string, string>;

/**
 * Columns left out of every fingerprint, each for a written reason.
 * Authentication notes a session's activity (at most once a minute, for
 * idle expiry: auth/session-activity.ts) before the request is even
 * looked at, so the first request of a token writes it whatever follows.
 */
const VOLATILE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  sessions: ['last_seen_at'],
};

/**
 * Tables a refused call may change by design, with the reason; a test
 * names the ones it leaves out and checks them on its own.
 */
export const FAILED_ATTEMPTS_ARE_COUNTED = {
  tables: ['login_throttle'],
  reason:
    'a refused log-in, wrong current password, reset request or reset token is counted against the identifier and ' +
    'the address (auth/login-throttle.ts): the throttle is the point of refusing',
} as const;

/**
 * Tables left out of every fingerprint, each for a written reason. The
 * reference revision is a cache-invalidation counter: statement triggers on
 * the reference tables bump it even for a statement that changes no row
 * (an import of a structure already there), and it holds no data of its own.
 */
const COUNTERS: readonly string[] = ['reference_revision'];

const tablesOf = new WeakMap<object, Promise<string[]>>();

async function applicationTables(db: Kysely<Database>): Promise<string[]> {
  const known = tablesOf.get(db);
  if (known !== undefined) return known;
  const listing = sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE'
      and table_name not like 'kysely\\_%'
    order by table_name`
    .execute(db)
    .then((r) => r.rows.map((row) => row.name).filter((name) => !COUNTERS.includes(name)));
  tablesOf.set(db, listing);
  return listing;
}

/** The names of the application's tables (for error hygiene: none may show in a message). */
export function tableNames(db: Kysely<Database>): Promise<string[]> {
  return applicationTables(db);
}

export async function fingerprint(db: Kysely<Database>): Promise<Fingerprint> {
  const tables = await applicationTables(db);
  const parts = tables.map((table) => {
    // The audit log is append-only (a trigger refuses UPDATE, DELETE and
    // TRUNCATE): its count and last id say whether anything was added,
    // without hashing every entry again on each call.
    if (table === 'audit_log')
      return sql<{ name: string; digest: string }>`
        select 'audit_log' as name, count(*) || ':' || coalesce(max(id), 0) as digest from audit_log`;
    const row = (VOLATILE_COLUMNS[table] ?? []).reduce(
      (json, column) => sql`(${json} - ${sql.lit(column)})`,
      sql`to_jsonb(x)`,
    );
    return sql<{ name: string; digest: string }>`
      select ${sql.lit(table)} as name,
        count(*) || ':' || md5(coalesce(string_agg(r, chr(10) order by r), '')) as digest
      from (select (${row})::text as r from ${sql.table(table)} as x) as rows`;
  });
  const { rows } = await sql<{ name: string; digest: string }>`${sql.join(
    parts,
    sql` union all `,
  )}`.execute(db);
  return new Map(rows.map((r) => [r.name, r.digest]));
}

/** The tables whose rows differ between two fingerprints, but for `except`. */
export function changedTables(
  before: Fingerprint,
  after: Fingerprint,
  except: readonly string[] = [],
): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names]
    .filter((name) => !except.includes(name) && before.get(name) !== after.get(name))
    .sort();
}

export function expectNothingChanged(
  before: Fingerprint,
  after: Fingerprint,
  context: string,
  except: readonly string[] = [],
): void {
  expect(changedTables(before, after, except), `refused, yet changed: ${context}`).toEqual([]);
}
