// Deliberation, or a part of it alone, in a process of its own (so that its
// peak memory is its own): node deliberate-worker.ts <what> <year>, where
// <what> is deliberate (the API's deliberateFirstGroup), read (the rows it
// reads, read the same way), or store (its writes alone: the outcomes
// already stored, written again with the API's storeFirstGroupOutcomes).
// DATABASE_URL names the database. Prints one line of JSON:
// { seconds, candidates, marks? }.
import { createDatabase } from '@rattrapage/api/database';
import {
  candidatesOfYearAfter,
  storeFirstGroupOutcomes,
  deliberateFirstGroup,
} from '@rattrapage/api/deliberation';

const [what, yearText] = process.argv.slice(2);
const year = Number(yearText);
const url = process.env['DATABASE_URL'];
if (
  (what !== 'read' && what !== 'deliberate' && what !== 'store') ||
  !Number.isInteger(year) ||
  !url
) {
  console.error('usage: DATABASE_URL=… deliberate-worker.ts <read|deliberate|store> <year>');
  process.exit(2);
}

/**
 * The rows deliberation reads, read the way it reads them (the same
 * statement, pages of the same size, one after the other), and nothing more.
 */
async function readAsDeliberationDoes(
  db: Parameters<typeof deliberateFirstGroup>[0],
): Promise<{ candidates: number; marks: number }> {
  const BATCH = 2000;
  let candidates = 0;
  let marks = 0;
  for (let after: string | null = null; ;) {
    const page = await candidatesOfYearAfter(db, year, after, BATCH);
    if (page.last === null) break;
    after = page.last;
    candidates += page.candidates.length;
    for (const c of page.candidates) marks += c.marks.size;
  }
  return { candidates, marks };
}

/** The outcomes as stored now, written again the way deliberation writes them. */
async function storeAsDeliberationDoes(
  db: Parameters<typeof deliberateFirstGroup>[0],
): Promise<{ candidates: number }> {
  const stored = await db
    .selectFrom('candidates')
    .select(['id', 'first_group_outcome'])
    .where('year', '=', year)
    .execute();
  const startedAt = performance.now();
  await storeFirstGroupOutcomes(
    db,
    stored.map((c) => ({ id: c.id, outcome: c.first_group_outcome })),
  );
  timedFrom = startedAt;
  return { candidates: stored.length };
}

let timedFrom: number | undefined;
const handle = await createDatabase({ url });
try {
  const startedAt = performance.now();
  const counted =
    what === 'read'
      ? await readAsDeliberationDoes(handle.db)
      : what === 'store'
        ? await storeAsDeliberationDoes(handle.db)
        : {
            candidates: Object.values(await deliberateFirstGroup(handle.db, year)).reduce(
              (a, b) => a + b,
              0,
            ),
          };
  // store: only the writes are timed, not the read of what to write.
  const seconds = (performance.now() - (timedFrom ?? startedAt)) / 1000;
  process.stdout.write(`${JSON.stringify({ seconds, ...counted })}\n`);
} finally {
  await handle.close();
}
