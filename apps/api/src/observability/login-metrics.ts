import type { Kysely } from 'kysely';
import type { Counter } from 'prom-client';
import type { Database } from '../db/schema.ts';

export type LogInOutcomeLabel = 'success' | 'invalid' | 'locked';

// Keyed by the database handle, as db/database.ts keys its pg client access:
// logIn only receives the db, and each API instance (two in one test
// process) has its own db and its own registry, so counts never cross.
const counters = new WeakMap<Kysely<Database>, Counter<'outcome'>>();

export function attachLogInCounter(db: Kysely<Database>, counter: Counter<'outcome'>): void {
  counters.set(db, counter);
}

/** Counts one log-in on the metrics of the API serving `db`; nothing when none (commands). */
export function countLogIn(db: Kysely<Database>, kind: 'session' | 'invalid' | 'locked'): void {
  counters.get(db)?.inc({ outcome: kind === 'session' ? 'success' : kind });
}
