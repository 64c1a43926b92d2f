import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/db/database.ts';
import { type ImportFile, fileAtPath, fileOfBytes } from '../../src/import/import-file.ts';
import { MAX_LISTED_PROBLEMS, describeProblem } from '../../src/import/import-problem.ts';
import { type ImportRequest, runImport } from '../../src/import/run-import.ts';
import { candidatesCsv, markCell, marksCsv, numberOf } from '../support/bulk-csv.ts';
import { imported } from '../support/import-report.ts';
import { deliberateFirstGroup } from '../../src/services/deliberate.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';

/**
 * The import at scale, on both backends: 100 000 candidates and their six
 * NDRC marks each on PostgreSQL (COPY). PGlite has no COPY stream and
 * stages marks with multi-row inserts: 100 000 took about 115 s there, so
 * it runs 10 000 (60 000 marks, still more than the 50 000-line file
 * below); IMPORT_TEST_PGLITE_CANDIDATES=100000 runs the full size.
 */
const SIZES: Record<Backend, number> = {
  postgres: 100_000,
  pglite: Number(process.env['IMPORT_TEST_PGLITE_CANDIDATES'] ?? 10_000),
};
// Not argon2id: 100 000 real hashes would take minutes; the real hash is
// exercised by the log-in test below.
const fastHash = (password: string) => Promise.resolve(`test$${password}`);

describe.each(backendsUnderTest())('bulk CSV import, on %s', (backend) => {
  const n = SIZES[backend];
  let api: TestApi;
  let dir: string;
  let schoolUai: string;
  // Read 64 KiB at a time: the 50 000-line files below span many chunks,
  // their bad line (48 213) in a late one, a repeat far from its first line.
  const request = (kind: ImportRequest['kind'], text: string): ImportRequest =>
    requestOf(kind, fileOfBytes(new TextEncoder().encode(text), 64 * 1024));
  const requestOf = (kind: ImportRequest['kind'], file: ImportFile): ImportRequest => ({
    kind,
    year: 2024,
    file,
    actor: { accountId: null, role: null, label: 'cli' },
    at: new Date('2024-06-20T10:00:00.000Z'),
    hashPassword: fastHash,
    createAccounts: true,
  });
  const count = async (
    table: 'candidates' | 'first_group_marks' | 'accounts' | 'audit_log' | 'import_runs',
  ) =>
    Number(
      (
        await api.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const marksChecksum = async () =>
    (
      await sql<{
        s: string;
      }>`select coalesce(sum(coalesce(hundredths, -1) + length(status)), 0)::text as s from first_group_marks`.execute(
        api.database.db,
      )
    ).rows[0]?.s;

  beforeAll(async () => {
    api = await startTestApi(backend, { candidates: 20 });
    dir = await mkdtemp(join(tmpdir(), 'rattrapage-import-'));
    const school = await api.database.db
      .selectFrom('schools')
      .select('uai')
      .executeTakeFirstOrThrow();
    schoolUai = school.uai;
  });
  afterAll(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  it(`imports ${n} candidates with their accounts, then ${n * 6} marks; a second import changes nothing`, async () => {
    const candidatesBefore = await count('candidates');
    const candidates = candidatesCsv(n, schoolUai);
    const first = imported(await runImport(api.database.db, request('CANDIDATES', candidates)));
    expect(first).toMatchObject({ rows: n, inserted: n, updated: 0, unchanged: 0 });
    expect(first.initialPasswords).toHaveLength(n);
    expect(new Set(first.initialPasswords.map((p) => p.password)).size).toBe(n);
    expect(await count('candidates')).toBe(candidatesBefore + n);

    const marks = marksCsv(n);
    const marksBefore = await count('first_group_marks');
    const loaded = imported(await runImport(api.database.db, request('MARKS', marks)));
    expect(loaded).toMatchObject({ rows: n * 6, inserted: n * 6, updated: 0, unchanged: 0 });
    expect(await count('first_group_marks')).toBe(marksBefore + n * 6);

    // Outcomes are the domain's, recomputed in the import's transaction.
    const outcomes = await api.database.db
      .selectFrom('candidates')
      .select(['number', 'first_group_outcome'])
      .where('number', 'in', [numberOf(0), numberOf(1)])
      .orderBy('number')
      .execute();
    expect(outcomes.map((o) => o.first_group_outcome)).toEqual(['ADMITTED', 'FAILED']);
    const undecided = await api.database.db
      .selectFrom('candidates')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('number', 'like', 'I%')
      .where('first_group_outcome', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(undecided.n)).toBe(0);
    // The outcome filter has no index (outcomes are written in place): PostgreSQL plans it from
    // the outcome's statistics, which the import refreshed in its transaction. Stale, they would
    // still say that every outcome is null.
    const statistics = await sql<{ null_frac: number | string }>`
      select null_frac from pg_stats
      where schemaname = 'public' and tablename = 'candidates' and attname = 'first_group_outcome'`.execute(
      api.database.db,
    );
    expect(Number(statistics.rows[0]?.null_frac ?? 1)).toBeLessThan(0.5);

    // The import deliberated in batches of its own; one pass over the whole
    // session, or batches of 997, decide the same from outcomes blanked first.
    const storedOutcomes = () =>
      api.database.db
        .selectFrom('candidates')
        .select(['id', 'first_group_outcome'])
        .where('year', '=', 2024)
        .orderBy('id')
        .execute();
    const byImport = await storedOutcomes();
    expect(new Set(byImport.map((c) => c.first_group_outcome)).size).toBeGreaterThan(1);
    for (const batch of [n + 100, 997]) {
      await api.database.db.updateTable('candidates').set({ first_group_outcome: null }).execute();
      const counted = await deliberateFirstGroup(api.database.db, 2024, batch);
      expect(await storedOutcomes()).toEqual(byImport);
      expect(Object.values(counted).reduce((a, b) => a + b, 0)).toBe(byImport.length);
    }

    const audits = await count('audit_log');
    const again = imported(await runImport(api.database.db, request('CANDIDATES', candidates)));
    expect(again).toMatchObject({
      rows: n,
      inserted: 0,
      updated: 0,
      unchanged: n,
      initialPasswords: [],
    });
    const marksAgain = imported(await runImport(api.database.db, request('MARKS', marks)));
    expect(marksAgain).toMatchObject({ rows: n * 6, inserted: 0, updated: 0, unchanged: n * 6 });
    expect(marksAgain.fileSha256).toBe(loaded.fileSha256);
    expect(await count('audit_log')).toBe(audits + 2);

    const entries = await api.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_account_id', 'after'])
      .where('action', '=', 'IMPORT_MARKS')
      .orderBy('id')
      .execute();
    expect(entries.map((e) => e.after)).toEqual([
      expect.objectContaining({
        by: 'cli',
        fileSha256: loaded.fileSha256,
        inserted: n * 6,
        updated: 0,
      }),
      expect.objectContaining({ by: 'cli', inserted: 0, updated: 0, unchanged: n * 6 }),
    ]);
    const runs = await api.database.db
      .selectFrom('import_runs')
      .selectAll()
      .where('kind', '=', 'MARKS')
      .execute();
    expect(runs.map((r) => [r.rows, r.inserted, r.updated, r.unchanged])).toEqual([
      [n * 6, n * 6, 0, 0],
      [n * 6, 0, 0, n * 6],
    ]);

    // A changed mark is an update, counted as such.
    const changed = marks.replace(`${numberOf(0)};E1;12,5`, `${numberOf(0)};E1;13`);
    const third = imported(await runImport(api.database.db, request('MARKS', changed)));
    expect(third).toMatchObject({ inserted: 0, updated: 1, unchanged: n * 6 - 1 });

    // Only the candidates whose marks changed are deliberated again. To see
    // it, candidate 2's stored outcome is blanked behind the import's back:
    // a file changing candidate 0 alone leaves it blank, and recomputes 0.
    const outcomeOf = async (i: number) =>
      (
        await api.database.db
          .selectFrom('candidates')
          .select('first_group_outcome')
          .where('number', '=', numberOf(i))
          .executeTakeFirstOrThrow()
      ).first_group_outcome;
    const stored2 = await outcomeOf(2);
    expect(stored2).not.toBeNull();
    await api.database.db
      .updateTable('candidates')
      .set({ first_group_outcome: null })
      .where('number', '=', numberOf(2))
      .execute();
    // E4 (coefficient 5) at 0: the professional-domain average falls to 7,29, failed.
    const fourth = imported(
      await runImport(api.database.db, request('MARKS', `number;code;mark\n${numberOf(0)};E4;0\n`)),
    );
    expect(fourth).toMatchObject({ rows: 1, updated: 1 });
    expect(await outcomeOf(0)).toBe('FAILED');
    expect(await outcomeOf(2)).toBeNull();
    // A file changing candidate 2 (the same marks shifted) deliberates them again.
    const line2 = `${numberOf(2)};E1;${markCell(2, 0, 0) === '0,00' ? '1' : '0'}`;
    imported(await runImport(api.database.db, request('MARKS', `number;code;mark\n${line2}\n`)));
    expect(await outcomeOf(2)).not.toBeNull();
  }, 600_000);

  const BAD_LINE = 48_213;
  const LINES = 50_000;
  it.each([
    ['a mark above 20', 'mark', '21,5', '« 21,5 » n’est pas une note sur 20'],
    ['an unknown candidate', 'number', 'X9999999', 'candidat inconnu pour la session 2024'],
    [
      'a code outside the specialty',
      'code',
      'E9',
      'ni une épreuve ni une sous-épreuve de la spécialité NDRC',
    ],
  ])(
    `refuses a file of ${LINES} lines with %s at line ${BAD_LINE}, and changes nothing`,
    async (_label, column, value, reason) => {
      // A different shift: had the file been accepted, every mark would change.
      const lines = marksCsv(n, 17, LINES).split('\n');
      const cells = (lines[BAD_LINE - 1] ?? '').split(';');
      cells[column === 'number' ? 0 : column === 'code' ? 1 : 2] = value;
      lines[BAD_LINE - 1] = cells.join(';');
      const text = lines.join('\n');
      expect(text.split('\n').filter((l) => l !== '')).toHaveLength(LINES);
      const before = [
        await count('first_group_marks'),
        await marksChecksum(),
        await count('audit_log'),
        await count('import_runs'),
      ];
      const outcome = await runImport(api.database.db, request('MARKS', text));
      expect(outcome.kind).toBe('refused');
      if (outcome.kind !== 'refused') return;
      // Both sizes hold more than 50 000 valid (number, code) pairs: the bad
      // line is the only problem.
      expect(outcome.total).toBe(1);
      expect(outcome.problems).toEqual([
        { line: BAD_LINE, column, value, reason, code: 'INVALID_VALUE' },
      ]);
      expect(outcome.problems.map(describeProblem)[0]).toMatch(
        new RegExp(`^ligne ${BAD_LINE}, colonne `),
      );
      const after = [
        await count('first_group_marks'),
        await marksChecksum(),
        await count('audit_log'),
        await count('import_runs'),
      ];
      expect(after).toEqual(before);
    },
    300_000,
  );

  it(`refuses a file of ${LINES} lines whose line ${BAD_LINE} repeats line 2's candidate and code, naming both`, async () => {
    const lines = marksCsv(n, 17, LINES).split('\n');
    lines[BAD_LINE - 1] = lines[1] ?? '';
    const [number, code] = (lines[1] ?? '').split(';');
    const before = [await count('first_group_marks'), await marksChecksum()];
    const outcome = await runImport(api.database.db, request('MARKS', lines.join('\n')));
    expect(outcome.kind).toBe('refused');
    if (outcome.kind !== 'refused') return;
    expect(number).toBe(numberOf(0));
    expect(outcome.total).toBe(1);
    expect(outcome.problems.map(describeProblem)).toEqual([
      `ligne ${BAD_LINE}, colonne épreuve : déjà présent ligne 2`,
    ]);
    expect(outcome.problems[0]?.value).toBe(code);
    expect([await count('first_group_marks'), await marksChecksum()]).toEqual(before);
  });

  it('reads a file on disk as a stream: the same outcome as its bytes, the SHA-256 of the whole file', async () => {
    const lines = marksCsv(n, 23, LINES).split('\n');
    lines[BAD_LINE - 1] = `${numberOf(3)};E1;21`;
    const text = lines.join('\n');
    const path = join(dir, 'marks.csv');
    await writeFile(path, text);
    const fromDisk = await runImport(api.database.db, requestOf('MARKS', await fileAtPath(path)));
    const fromBytes = await runImport(api.database.db, request('MARKS', text));
    expect(fromDisk).toEqual(fromBytes);
    expect(fromDisk).toMatchObject({
      kind: 'refused',
      total: 1,
      fileSha256: createHash('sha256').update(text).digest('hex'),
    });
  });

  it(`lists the first ${MAX_LISTED_PROBLEMS} problems of a wholly wrong file by line, and counts them all`, async () => {
    // Every other line a mark above 20; the lines between all the same candidate and code.
    const body = Array.from({ length: 3_000 }, (_, i) =>
      i % 2 === 0 ? `${numberOf(i)};E1;25` : `${numberOf(0)};E2;12`,
    );
    const outcome = await runImport(
      api.database.db,
      request('MARKS', `number;code;mark\n${body.join('\n')}\n`),
    );
    expect(outcome.kind).toBe('refused');
    if (outcome.kind !== 'refused') return;
    // 1 500 marks above 20, and 1 499 repeats of line 3.
    expect(outcome.total).toBe(2_999);
    expect(outcome.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    // The first problems by line, both kinds merged in order.
    expect(outcome.problems.map(describeProblem).slice(0, 3)).toEqual([
      'ligne 2, colonne note : « 25 » n’est pas une note sur 20',
      'ligne 4, colonne note : « 25 » n’est pas une note sur 20',
      'ligne 5, colonne épreuve : déjà présent ligne 3',
    ]);
    const lines = outcome.problems.map((p) => p.line);
    expect(lines).toEqual(
      Array.from({ length: MAX_LISTED_PROBLEMS + 1 }, (_, i) => i + 2).filter((l) => l !== 3),
    );
  });
});
