import { Kysely, type PostgresPool, PostgresDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Viewer } from './access/viewer.ts';
import { createLoaders } from './context.ts';
import type { Database } from './db/schema.ts';
import type { OwnCandidate } from './repositories/candidates.repository.ts';
import { NO_JURY_DECISION } from './repositories/jury.repository.ts';

/** A database no statement may reach: any query fails. */
const nowhere: PostgresPool = {
  connect: () => Promise.reject(new Error('no statement expected')),
  end: () => Promise.resolve(),
  options: {},
};
const unreachable = new Kysely<Database>({ dialect: new PostgresDialect({ pool: nowhere }) });

const viewer: Viewer = {
  accountId: 'a1',
  identifier: 'c.1',
  role: 'CANDIDATE',
  candidateId: 'c1',
  schoolUai: null,
  academyCode: null,
  via: 'session',
};
const own = {
  record: { id: 'c1', year: 2024 },
  facts: { marks: new Map(), jury: NO_JURY_DECISION, withheld: false },
} as unknown as OwnCandidate;

describe('createLoaders', () => {
  it('makes each loader once, when first asked for', () => {
    const loaders = createLoaders(unreachable, viewer);
    expect(loaders.choices).toBe(loaders.choices);
    expect(loaders.reference).toBe(loaders.reference);
    expect(loaders.candidates).not.toBe(createLoaders(unreachable, viewer).candidates);
  });

  it('serves the viewer’s own candidate and facts read with the session, without a statement', async () => {
    const loaders = createLoaders(unreachable, viewer, null, own);
    await expect(loaders.candidates.load('c1')).resolves.toBe(own.record);
    await expect(loaders.firstGroupFacts.load('c1')).resolves.toBe(own.facts);
  });

  it('does not prime another candidate’s record as the viewer’s own', async () => {
    const other = { ...viewer, candidateId: 'c2' };
    const loaders = createLoaders(unreachable, other, null, own);
    // Out of c2's scope: answered null (by the repository, without a statement), not the record.
    await expect(loaders.candidates.load('c1')).resolves.toBeNull();
  });
});
