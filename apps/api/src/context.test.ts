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

  it('reads the own page only for a request that only reads, only for the viewer’s own candidate', async () => {
    const loaders = createLoaders(unreachable, viewer, null, own);
    // Before readsOnly (a mutation, a document): kind by kind.
    expect(loaders.ownPage('c1')).toBeNull();
    loaders.readsOnly();
    expect(loaders.ownPage('c2')).toBeNull();
    const page = loaders.ownPage('c1');
    expect(page).not.toBeNull();
    // One statement for the whole request, however many fields ask for it.
    expect(loaders.ownPage('c1')).toBe(page);
    // The database is unreachable here: the statement was sent, and failed.
    const failure: unknown = await page?.catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    // A batch for the own candidate waits on the page (its very failure), not a statement of its own.
    await expect(loaders.accommodations.load('c1')).rejects.toBe(failure);
    await expect(loaders.choiceHistories.load('c1')).rejects.toBe(failure);
  });

  it('keeps what it read through a mutation’s first field and forgets it at each field after', async () => {
    const loaders = createLoaders(unreachable, viewer, null, own);
    loaders.mutationFieldStarts();
    const first = loaders.choices;
    await expect(loaders.firstGroupFacts.load('c1')).resolves.toBe(own.facts);
    loaders.mutationFieldStarts();
    expect(loaders.choices).not.toBe(first);
    // The facts read with the session may be stale now: read again (here, a failed statement).
    await expect(loaders.firstGroupFacts.load('c1')).rejects.toThrow('no statement expected');
    const second = loaders.choices;
    loaders.mutationFieldStarts();
    expect(loaders.choices).not.toBe(second);
  });

  it('has no own page for a viewer without a candidate of their own', () => {
    const school: Viewer = { ...viewer, role: 'SCHOOL', candidateId: null, schoolUai: '0510001A' };
    const loaders = createLoaders(unreachable, school, null, null);
    loaders.readsOnly();
    expect(loaders.ownPage('c1')).toBeNull();
  });
});
