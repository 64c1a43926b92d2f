import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidatesOfYearAfter } from '../../src/repositories/candidates.repository.ts';
import {
  candidatesChangedByMergeAfter,
  createMarksStaging,
} from '../../src/repositories/import-marks.repository.ts';
import { loadFirstGroupMarks } from '../../src/repositories/marks.repository.ts';
import {
  type TestDatabase,
  backendsUnderTest,
  createTestDatabaseFor,
} from '../support/test-database.ts';
import { seedDemoCandidates } from '../support/demo-candidates.ts';

/**
 * A deliberation page brings each candidate's marks as two columns (the
 * codes as JSON, the entries as text) that must pair up: whatever a code
 * holds, the page's marks are the ones the plain reader finds, row by row.
 */

const YEAR = 2024;

/** Any code a structure could hold: spaces, colons, quotes, new lines, accents, emoji. */
const codeArb = fc.string({
  unit: fc.constantFrom('E', '4', ' ', ':', '"', '\\', '\n', ',', '[', 'é', '😀', "'", 'x'),
  minLength: 1,
  maxLength: 6,
});

type Entry =
  | { status: 'MARK' | 'KEPT'; hundredths: number }
  | { status: 'EXEMPT' | 'ABSENT' | 'ABSENT_JUSTIFIED' };
const entryArb: fc.Arbitrary<Entry> = fc.oneof(
  fc.record({
    status: fc.constant('MARK' as const),
    hundredths: fc.integer({ min: 0, max: 2000 }),
  }),
  fc.record({
    status: fc.constant('KEPT' as const),
    hundredths: fc.integer({ min: 1000, max: 2000 }),
  }),
  fc.record({
    status: fc.constantFrom('EXEMPT' as const, 'ABSENT' as const, 'ABSENT_JUSTIFIED' as const),
  }),
);

describe.each(backendsUnderTest())('a deliberation page’s marks, on %s', (backend) => {
  let t: TestDatabase;
  let ids: string[];

  beforeAll(async () => {
    t = await createTestDatabaseFor(backend);
    ids = await seedDemoCandidates(t.db, 12, YEAR);
  });
  afterAll(() => t.close());

  it('pairs each code with its entry, whatever the code holds, read by year or by change', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0, 1, 2, 3),
        fc.uniqueArray(fc.tuple(codeArb, entryArb), { maxLength: 9, selector: ([code]) => code }),
        async (which, written) => {
          const id = ids[which] as string;
          await t.db
            .transaction()
            .execute(async (trx) => {
              await trx.deleteFrom('first_group_marks').where('candidate_id', '=', id).execute();
              for (const [code, entry] of written)
                await trx
                  .insertInto('first_group_marks')
                  .values({
                    candidate_id: id,
                    code,
                    status: entry.status,
                    hundredths: 'hundredths' in entry ? entry.hundredths : null,
                  })
                  .execute();
              const expected = (await loadFirstGroupMarks(trx, [id])).get(id);
              expect(expected?.size).toBe(written.length);

              // By year: the page that holds the candidate, in pages of three.
              let byYear;
              for (let after: string | null = null; byYear === undefined;) {
                const page = await candidatesOfYearAfter(trx, YEAR, after, 3);
                if (page.last === null) break;
                byYear = page.candidates.find((c) => c.id === id);
                after = page.last;
              }
              expect(byYear?.marks).toEqual(expected);

              // By change, as an import reads them.
              await createMarksStaging(trx);
              await sql`insert into import_marks_changed (candidate_id) values (${id}::uuid)`.execute(
                trx,
              );
              const changed = await candidatesChangedByMergeAfter(trx, null, 10);
              expect(changed.candidates.map((c) => c.id)).toEqual([id]);
              expect(changed.candidates[0]?.marks).toEqual(expected);
              throw new Rollback();
            })
            .catch((e: unknown) => {
              if (!(e instanceof Rollback)) throw e;
            });
        },
      ),
      { numRuns: backend === 'pglite' ? 25 : 60 },
    );
  });
});

class Rollback extends Error {}
