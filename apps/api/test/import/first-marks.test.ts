import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withImportSession } from '../../src/db/import-session.ts';
import { copyFirstMarks } from '../../src/import/copy-first-marks.ts';
import { fileOfBytes } from '../../src/import/import-file.ts';
import { describeProblem } from '../../src/import/import-problem.ts';
import { type ImportRequest, runImport } from '../../src/import/run-import.ts';
import { createMarksStaging } from '../../src/repositories/import-marks.repository.ts';
import { SessionCandidates } from '../../src/import/session-candidates.ts';
import { candidatesCsv, marksCsv, numberOf } from '../support/bulk-csv.ts';
import { imported } from '../support/import-report.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';

/**
 * A session's first marks go straight into first_group_marks; a first file
 * with any problem is rolled back to a savepoint there and read again by the
 * staged import, which reports. 3 000 candidates: 18 000 lines, read 64 KiB
 * at a time, so that a late bad line comes after COPY statements the server
 * has already run (copyFirstMarks alone is run with small statements; the
 * whole import with its own, which hold the file in one or two).
 */
const N = 3_000;
const LINES = 18_001;
const LATE_LINE = 16_000;
const YEAR = 2024;

const bytesOf = (text: string) => fileOfBytes(new TextEncoder().encode(text), 64 * 1024);
const fastHash = (password: string) => Promise.resolve(`test$${password}`);

/** The file with its line `at` (1-based, the header is 1) rewritten. */
function withLine(text: string, at: number, change: (cells: string[]) => string[]): string {
  const lines = text.split('\n');
  lines[at - 1] = change((lines[at - 1] ?? '').split(';')).join(';');
  return lines.join('\n');
}

interface Seen {
  readonly returned: { rows: number } | null;
  readonly marks: number;
  readonly changed: number;
  /** Advisory locks the transaction holds: the session's outcomes lock, or none. */
  readonly locks: number;
}

/** Carries what a transaction saw out of it, rolling it back. */
class RolledBack extends Error {
  readonly seen: Seen;
  constructor(seen: Seen) {
    super('rolled back');
    this.seen = seen;
  }
}

describe.each(backendsUnderTest())('a session’s first marks, on %s', (backend) => {
  let api: TestApi;
  const request = (kind: ImportRequest['kind'], text: string): ImportRequest => ({
    kind,
    year: YEAR,
    file: bytesOf(text),
    actor: { accountId: null, role: null, label: 'cli' },
    at: new Date('2024-06-20T10:00:00.000Z'),
    hashPassword: fastHash,
    createAccounts: true,
  });
  /** The session's marks and outcomes, as one comparable list. */
  const stored = async () =>
    (
      await sql<{ row: string }>`
        select c.number || ' ' || coalesce(c.first_group_outcome, '-') || ' ' ||
               coalesce(string_agg(m.code || ':' || m.status || ':' || coalesce(m.hundredths::text, ''),
                                   ',' order by m.code), '') as row
        from candidates c left join first_group_marks m on m.candidate_id = c.id
        where c.year = ${YEAR}
        group by c.number, c.first_group_outcome
        order by c.number`.execute(api.database.db)
    ).rows.map((r) => r.row);
  const sessionMarks = async () =>
    Number(
      (
        await sql<{ n: string }>`select count(*)::text as n from first_group_marks m
          join candidates c on c.id = m.candidate_id where c.year = ${YEAR}`.execute(
          api.database.db,
        )
      ).rows[0]?.n,
    );
  /** The session as before any import of marks: none stored, no outcome. */
  const forgetMarks = async () => {
    await sql`delete from first_group_marks m using candidates c
      where c.id = m.candidate_id and c.year = ${YEAR}`.execute(api.database.db);
    await sql`update candidates set first_group_outcome = null where year = ${YEAR}`.execute(
      api.database.db,
    );
  };
  /**
   * copyFirstMarks alone, in a transaction rolled back after: what it
   * returned, then what the same transaction sees, which also proves it
   * still takes statements.
   */
  const tryFirstMarks = async (text: string, year = YEAR): Promise<Seen> => {
    try {
      await withImportSession(api.database.db, (session) =>
        session.db.transaction().execute(async (trx) => {
          await createMarksStaging(trx);
          const returned = await copyFirstMarks(
            trx,
            session,
            { file: bytesOf(text), encoding: 'utf-8' },
            year,
            () => undefined,
            // 16 KiB chunks, four a COPY statement: the 18 000 lines (about
            // 700 KiB) in a dozen statements, a late bad line in a late one.
            { chunkBytes: 16 * 1024, partBytes: 64 * 1024 },
          );
          const count = async (query: ReturnType<typeof sql<{ n: string }>>) =>
            Number((await query.execute(trx)).rows[0]?.n);
          throw new RolledBack({
            returned,
            marks: await count(sql`select count(*)::text as n from first_group_marks m
              join candidates c on c.id = m.candidate_id where c.year = ${YEAR}`),
            changed: await count(sql`select count(*)::text as n from import_marks_changed`),
            locks: await count(sql`select count(*)::text as n from pg_locks
              where locktype = 'advisory' and pid = pg_backend_pid() and granted`),
          });
        }),
      );
    } catch (error) {
      if (error instanceof RolledBack) return error.seen;
      throw error;
    }
    throw new Error('the transaction was not rolled back');
  };

  beforeAll(async () => {
    api = await startTestApi(backend, { candidates: 20 });
    const school = await api.database.db
      .selectFrom('schools')
      .select('uai')
      .executeTakeFirstOrThrow();
    imported(await runImport(api.database.db, request('CANDIDATES', candidatesCsv(N, school.uai))));
  });
  afterAll(async () => {
    await api.close();
  });
  beforeEach(forgetMarks);

  it('writes a first file straight into the table: every mark, every candidate noted for deliberation', async () => {
    const seen = await tryFirstMarks(marksCsv(N));
    expect(seen).toEqual({ returned: { rows: N * 6 }, marks: N * 6, changed: N, locks: 1 });
  });

  it('finds every candidate of the session by number, with their id and specialty, across pages', async () => {
    const stored = await api.database.db
      .selectFrom('candidates')
      .select(['id', 'number', 'specialty_code'])
      .where('year', '=', YEAR)
      .execute();
    expect(stored.length).toBeGreaterThan(N);
    // Pages of 7: the session's 3 000-odd candidates over some 430 of them, the last one short.
    const found = await SessionCandidates.load(api.database.db, YEAR, 7);
    const seen = stored.map((c) => {
      const at = found.positionOf(c.number);
      return at === undefined ? null : [found.idAt(at), found.specialtyAt(at)];
    });
    expect(seen).toEqual(stored.map((c) => [c.id, c.specialty_code]));
    expect(found.positionOf('X9999999')).toBeUndefined();
    expect(found.positionOf('')).toBeUndefined();
    const some = stored.filter((_, i) => i % 100 === 0);
    for (const c of some) found.noteWritten(found.positionOf(c.number) ?? -1);
    expect([...found.writtenIds()].sort()).toEqual(some.map((c) => c.id).sort());
  });

  it('stores the same marks and outcomes as the staged import of the same file', async () => {
    const text = marksCsv(N);
    const first = imported(await runImport(api.database.db, request('MARKS', text)));
    expect(first).toMatchObject({ rows: N * 6, inserted: N * 6, updated: 0, unchanged: 0 });
    const direct = await stored();
    expect(direct.filter((r) => r.startsWith(`${numberOf(0)} `))).toEqual([
      `${numberOf(0)} ADMITTED E1:MARK:1250,E2:MARK:1250,E3:MARK:1250,E4:MARK:1250,E5:MARK:1250,E6:MARK:1250`,
    ]);

    // One mark of a candidate outside the file: the session has marks, so the
    // same file now goes through the staging table and the merge.
    await forgetMarks();
    await sql`insert into first_group_marks (candidate_id, code, status, hundredths)
      select id, 'E1', 'MARK', 1000 from candidates where year = ${YEAR} and number not like 'I%'
      order by number limit 1`.execute(api.database.db);
    expect((await tryFirstMarks(text)).returned).toBeNull();
    const staged = imported(await runImport(api.database.db, request('MARKS', text)));
    expect(staged).toMatchObject({ rows: N * 6, inserted: N * 6, updated: 0 });
    const viaStaging = (await stored()).filter((r) => r.startsWith('I'));
    expect(viaStaging).toHaveLength(N);
    expect(direct.filter((r) => r.startsWith('I'))).toEqual(viaStaging);
  });

  it.each([
    ['a mark above 20', (c: string[]) => [c[0] ?? '', c[1] ?? '', '21,5']],
    ['an unknown candidate', (c: string[]) => ['X9999999', c[1] ?? '', c[2] ?? '']],
    ['a code outside the specialty', (c: string[]) => [c[0] ?? '', 'E9', c[2] ?? '']],
  ])(
    'rolls back everything written when line %s comes late, and leaves the report to the staged import',
    async (_label, change) => {
      const text = withLine(marksCsv(N), LATE_LINE, change);
      expect(await tryFirstMarks(text)).toEqual({
        returned: null,
        marks: 0,
        changed: 0,
        locks: 1,
      });
      const outcome = await runImport(api.database.db, request('MARKS', text));
      expect(outcome.kind).toBe('refused');
      if (outcome.kind !== 'refused') return;
      expect(outcome.total).toBe(1);
      expect(outcome.problems[0]?.line).toBe(LATE_LINE);
      expect(await sessionMarks()).toBe(0);
    },
  );

  it('rolls back a repeated candidate and code that the table’s key refuses mid-COPY, and the staged import names both lines', async () => {
    const text = withLine(marksCsv(N), LATE_LINE, () => ['I0000000', 'E1', '12']);
    expect(text.split('\n').filter((l) => l !== '')).toHaveLength(LINES);
    expect(await tryFirstMarks(text)).toEqual({ returned: null, marks: 0, changed: 0, locks: 1 });
    const outcome = await runImport(api.database.db, request('MARKS', text));
    expect(outcome.kind).toBe('refused');
    if (outcome.kind !== 'refused') return;
    expect(outcome.problems.map(describeProblem)).toEqual([
      `ligne ${LATE_LINE}, colonne épreuve : déjà présent ligne 2`,
    ]);
    expect(await sessionMarks()).toBe(0);
  });

  it('leaves a session that has marks, or an unknown one, to the staged import', async () => {
    imported(await runImport(api.database.db, request('MARKS', marksCsv(N))));
    // A re-import stages its file before it takes the session's lock (to merge): none yet here.
    expect(await tryFirstMarks(marksCsv(N, 5))).toEqual({
      returned: null,
      marks: N * 6,
      changed: 0,
      locks: 0,
    });
    const again = imported(await runImport(api.database.db, request('MARKS', marksCsv(N, 5))));
    expect(again.inserted).toBe(0);
    expect(again.updated).toBeGreaterThan(0);
    const unknown = await tryFirstMarks(marksCsv(N), 2031);
    expect(unknown).toMatchObject({ returned: null, locks: 0 });
  });
});
