import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * The most statement texts one process prepares; past it, statements go
 * unnamed as before. Bounds what each server connection keeps.
 */
export const MAX_PREPARED_TEXTS = 500;

/**
 * `select *` or `t.*`: its result's shape follows the table's, and a plan
 * kept by a connection fails (« cached plan must not change result type »)
 * once a migration, run by another instance during a rolling deploy, adds
 * a column. Such texts stay unnamed; `count(*)` is not one of them.
 */
const ALL_COLUMNS = /\.\*|\*\s*(,|from\b)/i;

/**
 * A pool whose clients send each parameterised SELECT as a named
 * (prepared) statement: PostgreSQL parses and plans it once per connection
 * instead of on every request, which for the API's small index lookups is
 * most of the database's work. Kysely's query texts are stable (ids travel
 * as one array parameter), so the same few texts repeat. Writes and DDL stay
 * unnamed, as do reads of whole rows (below).
 */
export function preparingPool(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    const known = names.get(text);
    if (known !== undefined || names.size >= MAX_PREPARED_TEXTS) return known;
    const name = `k${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
    names.set(text, name);
    return name;
  };
  // One wrapper per pooled client: Kysely keeps its connection per client object.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    const send = client.query.bind(client) as (config: unknown, values?: unknown) => unknown;
    return {
      get processID() {
        return (client as { processID?: number }).processID;
      },
      query: ((config: unknown, values?: readonly unknown[]) => {
        if (
          typeof config === 'string' &&
          values !== undefined &&
          values.length > 0 &&
          /^\s*select\b/i.test(config) &&
          !ALL_COLUMNS.test(config)
        ) {
          const name = nameOf(config);
          if (name !== undefined) return send({ name, text: config, values: [...values] });
        }
        return send(config, values);
      }) as PostgresPoolClient['query'],
      release: (destroy?: boolean) => {
        client.release(destroy);
      },
    };
  };
  return {
    options: pool.options,
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (wrapper === undefined) {
        wrapper = wrap(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
