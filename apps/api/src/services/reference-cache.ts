import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import {
  type SessionReference,
  loadSessionReference,
  readReferenceRevision,
} from '../repositories/reference.repository.ts';

interface Cached {
  readonly revision: bigint;
  readonly reference: Promise<SessionReference | null>;
}

// Per database handle: each API process (and each test server) has its own.
const caches = new WeakMap<Kysely<Database>, Map<number, Cached>>();

/**
 * The sessions' reference data, kept in memory between requests: at the
 * publication instant every request needs it, and it changes only when the
 * exam office defines or imports. One read of the revision row per call
 * tells whether the copy is current, whichever process wrote; the revision
 * is read before the data, so a copy is never labelled newer than it is.
 */
export async function currentSessionReferences(
  db: Kysely<Database>,
  years: readonly number[],
  /** Read by the caller earlier in the same request (with the session). */
  knownRevision: bigint | null = null,
): Promise<(SessionReference | null)[]> {
  const revision = knownRevision ?? (await readReferenceRevision(db));
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  const byYear = cache;
  return Promise.all(
    years.map((year) => {
      const cached = byYear.get(year);
      if (cached !== undefined && cached.revision >= revision) return cached.reference;
      const reference = loadSessionReference(db, year);
      byYear.set(year, { revision, reference });
      // A failed load is not remembered: the next request tries again.
      reference.catch(() => {
        if (byYear.get(year)?.reference === reference) byYear.delete(year);
      });
      return reference;
    }),
  );
}
