import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/db/database.ts';
import { fileOfBytes } from '../../src/import/import-file.ts';
import { MAX_LISTED_PROBLEMS, describeProblem } from '../../src/import/import-problem.ts';
import { type ImportRequest, runImport } from '../../src/import/run-import.ts';
import { pendingAccounts } from '../../src/import/write-candidates.ts';
import { imported } from '../support/import-report.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';

/**
 * The candidates file streamed into a staging table: checked line by line
 * as it is read, its duplicates, specialties and schools found by the
 * database, merged in one statement. PGlite stages with multi-row inserts:
 * a smaller file there.
 */
const LINES: Record<Backend, number> = { postgres: 50_000, pglite: 10_000 };
const HEADER = 'number;last_name;first_name;specialty;origin_academy;school_uai;individual;email';
const ACADEMIES = ['19', '01', '20', '12'];

describe.each(backendsUnderTest())('the candidates file, streamed, on %s', (backend) => {
  const lines = LINES[backend];
  // Far from the start, in a late chunk of the 64 KiB reads below.
  const badLine = lines - 1_787;
  let api: TestApi;
  let schoolUai: string;
  let hashed: string[] = [];
  const countingHash = (password: string) => {
    hashed.push(password);
    return Promise.resolve(`test$${password}`);
  };
  const request = (text: string, year = 2024): ImportRequest => ({
    kind: 'CANDIDATES',
    year,
    file: fileOfBytes(new TextEncoder().encode(text), 64 * 1024),
    actor: { accountId: null, role: null, label: 'cli' },
    at: new Date('2024-06-20T10:00:00.000Z'),
    hashPassword: countingHash,
    createAccounts: true,
  });
  const numberOf = (prefix: string, i: number) => `${prefix}${String(i).padStart(7, '0')}`;
  /** One line per candidate: every tenth individual, every third with an e-mail address. */
  const lineOf = (prefix: string, i: number, name = `Nom${i}`) => {
    const individual = i % 10 === 0;
    return `${numberOf(prefix, i)};${name};Prénom${i};NDRC;${ACADEMIES[i % ACADEMIES.length] ?? '19'};${individual ? '' : schoolUai};${individual ? 'O' : 'N'};${i % 3 === 0 ? `c${i}@example.fr` : ''}`;
  };
  const fileOf = (body: readonly string[]) => `${HEADER}\n${body.join('\n')}\n`;
  const bodyOf = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => lineOf(prefix, i));

  /** What an import may change: the candidates' every field, the accounts, the audit, the runs. */
  const state = async () =>
    (
      await sql<{ candidates: string; accounts: string; audits: string; runs: string }>`
        select (select md5(string_agg(concat_ws('|', year, number, last_name, first_name,
                            individual, specialty_code, origin_academy_code, school_uai, email),
                            ',' order by year, number)) from candidates) as candidates,
               (select count(*)::text from accounts) as accounts,
               (select count(*)::text from audit_log) as audits,
               (select count(*)::text from import_runs) as runs`.execute(api.database.db)
    ).rows[0];

  beforeAll(async () => {
    api = await startTestApi(backend, { candidates: 20 });
    schoolUai = (
      await api.database.db.selectFrom('schools').select('uai').executeTakeFirstOrThrow()
    ).uai;
  });
  afterAll(async () => {
    await api.close();
  });

  it(`imports ${lines} candidates and their accounts, stores each field as written, then counts what a second file changes`, async () => {
    hashed = [];
    // Text COPY must escape: a backslash, a tab, a quoted line break, quotes.
    const odd = `${numberOf('S', 0)};"O\\Brien	""le grand""
deuxième ligne";Zoé;NDRC;19;${schoolUai};N;z@example.fr`;
    const first = imported(
      await runImport(api.database.db, request(fileOf([...bodyOf('S', lines).slice(1), odd]))),
    );
    expect(first).toMatchObject({ rows: lines, inserted: lines, updated: 0, unchanged: 0 });
    expect(first.initialPasswords).toHaveLength(lines);
    // One hash per account created, each for its own password.
    expect(hashed).toHaveLength(lines);
    expect(new Set(first.initialPasswords.map((p) => p.password))).toEqual(new Set(hashed));
    const stored = await api.database.db
      .selectFrom('candidates')
      .select(['last_name', 'first_name', 'individual', 'school_uai', 'email'])
      .where('year', '=', 2024)
      .where('number', 'in', [numberOf('S', 0), numberOf('S', 10), numberOf('S', 11)])
      .orderBy('number')
      .execute();
    expect(stored).toEqual([
      {
        last_name: 'O\\Brien\t"le grand"\ndeuxième ligne',
        first_name: 'Zoé',
        individual: false,
        school_uai: schoolUai,
        email: 'z@example.fr',
      },
      {
        last_name: 'Nom10',
        first_name: 'Prénom10',
        individual: true,
        school_uai: null,
        email: null,
      },
      {
        last_name: 'Nom11',
        first_name: 'Prénom11',
        individual: false,
        school_uai: schoolUai,
        email: null,
      },
    ]);
    const account = await api.database.db
      .selectFrom('accounts')
      .innerJoin('candidates', 'candidates.id', 'accounts.candidate_id')
      .select(['accounts.role', 'accounts.must_change_password', 'accounts.password_hash'])
      .where('accounts.identifier', '=', numberOf('S', 11))
      .executeTakeFirstOrThrow();
    const password = first.initialPasswords.find((p) => p.number === numberOf('S', 11))?.password;
    expect(account).toEqual({
      role: 'CANDIDATE',
      must_change_password: true,
      password_hash: `test$${password ?? 'missing'}`,
    });

    // Three lines changed, one added, the rest as they were.
    hashed = [];
    const body = bodyOf('S', lines).slice(1);
    body[4] = lineOf('S', 5, 'Renommé');
    body[5] = body[5]?.replace(/;c6@example\.fr$/, ';') ?? '';
    body[8] = lineOf('S', 9).replace(`;${schoolUai};N;`, ';;O;');
    body.push(odd, lineOf('S', lines + 1));
    const second = imported(await runImport(api.database.db, request(fileOf(body))));
    expect(second).toMatchObject({
      rows: lines + 1,
      inserted: 1,
      updated: 3,
      unchanged: lines - 3,
    });
    expect(second.initialPasswords.map((p) => p.number)).toEqual([numberOf('S', lines + 1)]);
    expect(hashed).toHaveLength(1);
    const changed = await api.database.db
      .selectFrom('candidates')
      .select(['number', 'last_name', 'individual', 'school_uai', 'email'])
      .where('number', 'in', [numberOf('S', 5), numberOf('S', 6), numberOf('S', 9)])
      .orderBy('number')
      .execute();
    expect(changed).toEqual([
      {
        number: numberOf('S', 5),
        last_name: 'Renommé',
        individual: false,
        school_uai: schoolUai,
        email: null,
      },
      {
        number: numberOf('S', 6),
        last_name: 'Nom6',
        individual: false,
        school_uai: schoolUai,
        email: null,
      },
      {
        number: numberOf('S', 9),
        last_name: 'Nom9',
        individual: true,
        school_uai: null,
        email: 'c9@example.fr',
      },
    ]);
  }, 300_000);

  it.each([
    [
      'an e-mail address that is not one',
      'email',
      'pas-un-courriel',
      'adresse de courriel invalide',
      false,
    ],
    [
      'a specialty the session does not hold',
      'specialty',
      'XYZ',
      'spécialité inconnue pour la session 2024',
      false,
    ],
    ['a school that does not exist', 'school_uai', '0999999Z', 'établissement inconnu', false],
    ['the number of line 2', 'number', 'line 2', 'déjà présent ligne 2', true],
  ])(
    `refuses a file of new candidates with %s at one late line, and changes nothing`,
    async (_label, column, value, reason, hashesFirst) => {
      const body = bodyOf('N', lines - 1);
      const columns = HEADER.split(';');
      const at = columns.indexOf(column);
      const cells = (body[badLine - 2] ?? '').split(';');
      const written = value === 'line 2' ? numberOf('N', 0) : value;
      cells[at] = written;
      // A school for the line whose school is checked, whatever its rank.
      if (column === 'school_uai') cells[columns.indexOf('individual')] = 'N';
      body[badLine - 2] = cells.join(';');
      const before = await state();
      hashed = [];
      const outcome = await runImport(api.database.db, request(fileOf(body)));
      expect(outcome.kind).toBe('refused');
      if (outcome.kind !== 'refused') return;
      expect(outcome.total).toBe(1);
      expect(outcome.problems).toEqual([
        { line: badLine, column, value: written, reason, code: 'INVALID_VALUE' },
      ]);
      expect(outcome.problems.map(describeProblem)[0]).toMatch(
        new RegExp(`^ligne ${badLine}, colonne `),
      );
      // No password is hashed for a file the first reading knows to be refused
      // (a line's own problem, an unknown specialty or school); a repeated
      // number is found by the database, after: nothing is kept either way.
      expect(hashed.length > 0).toBe(hashesFirst);
      expect(await state()).toEqual(before);
    },
    300_000,
  );

  it('refuses to change the specialty of a candidate already marked, and changes that of one not marked yet', async () => {
    const db = api.database.db;
    // A demo candidate with first-group marks (given under its specialty's tests).
    const marked = await db
      .selectFrom('candidates as c')
      .selectAll('c')
      .where('c.year', '=', 2024)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('first_group_marks as m')
            .select('m.code')
            .whereRef('m.candidate_id', '=', 'c.id'),
        ),
      )
      .orderBy('c.number')
      .executeTakeFirstOrThrow();
    const specialtyOtherThan = async (code: string) =>
      (
        await db
          .selectFrom('specialties')
          .select('code')
          .where('year', '=', 2024)
          .where('code', '!=', code)
          .orderBy('code')
          .executeTakeFirstOrThrow()
      ).code;
    const elsewhere = { code: await specialtyOtherThan(marked.specialty_code) };
    const lineOfStored = (c: typeof marked, specialty: string) =>
      [
        c.number,
        c.last_name,
        c.first_name,
        specialty,
        c.origin_academy_code,
        c.school_uai ?? '',
        c.individual ? 'O' : 'N',
        c.email ?? '',
      ].join(';');
    // A candidate of this file's own, with no marks yet: it may move.
    const unmarkedIn = (specialty: string) => lineOf('U', 1).replace(';NDRC;', `;${specialty};`);
    const other = await specialtyOtherThan('NDRC');
    imported(await runImport(db, request(fileOf([unmarkedIn('NDRC')]))));
    const unmarked = unmarkedIn(other);

    const before = await state();
    const outcome = await runImport(
      db,
      request(fileOf([unmarked, lineOfStored(marked, elsewhere.code)])),
    );
    expect(outcome.kind).toBe('refused');
    if (outcome.kind !== 'refused') return;
    expect(outcome.problems).toEqual([
      {
        line: 3,
        column: 'specialty',
        value: elsewhere.code,
        reason: `ce candidat a déjà des notes ou une décision du jury au premier groupe en ${marked.specialty_code} : sa spécialité ne peut plus changer`,
        code: 'INVALID_VALUE',
      },
    ]);
    expect(await state()).toEqual(before);

    // The same line with the stored specialty is no problem; the unmarked candidate moves.
    const report = imported(
      await runImport(db, request(fileOf([unmarked, lineOfStored(marked, marked.specialty_code)]))),
    );
    expect(report).toMatchObject({ rows: 2, inserted: 0, updated: 1, unchanged: 1 });
    const moved = await db
      .selectFrom('candidates')
      .select('specialty_code')
      .where('year', '=', 2024)
      .where('number', '=', numberOf('U', 1))
      .executeTakeFirstOrThrow();
    expect(moved.specialty_code).toBe(other);
  });

  it('refuses to change the specialty of a candidate with a jury decision and no marks', async () => {
    const db = api.database.db;
    imported(await runImport(db, request(fileOf([lineOf('J', 1)]))));
    const decided = await db
      .selectFrom('candidates')
      .select(['id', 'specialty_code'])
      .where('year', '=', 2024)
      .where('number', '=', numberOf('J', 1))
      .executeTakeFirstOrThrow();
    const marks = await db
      .selectFrom('first_group_marks')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('candidate_id', '=', decided.id)
      .executeTakeFirstOrThrow();
    expect(Number(marks.n)).toBe(0);
    const jury = await db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
    await db
      .insertInto('jury_decisions')
      .values({
        candidate_id: decided.id,
        stage: 'FIRST_GROUP',
        outcome: 'CONTROL_ALLOWED',
        reason: 'Assiduité et progression.',
        decided_at: new Date('2024-06-20T09:00:00.000Z'),
        decided_by_account_id: jury.id,
      })
      .execute();
    const other = (
      await db
        .selectFrom('specialties')
        .select('code')
        .where('year', '=', 2024)
        .where('code', '!=', decided.specialty_code)
        .orderBy('code')
        .executeTakeFirstOrThrow()
    ).code;

    const before = await state();
    const outcome = await runImport(
      db,
      request(fileOf([lineOf('J', 1).replace(';NDRC;', `;${other};`)])),
    );
    expect(outcome.kind === 'refused' && outcome.problems).toEqual([
      {
        line: 2,
        column: 'specialty',
        value: other,
        reason: `ce candidat a déjà des notes ou une décision du jury au premier groupe en ${decided.specialty_code} : sa spécialité ne peut plus changer`,
        code: 'INVALID_VALUE',
      },
    ]);
    expect(await state()).toEqual(before);
  });

  it('hashes no password for a session that does not exist, and says so', async () => {
    hashed = [];
    const before = await state();
    const outcome = await runImport(api.database.db, request(fileOf(bodyOf('Y', 100)), 2031));
    expect(outcome).toEqual({ kind: 'unknownSession', year: 2031 });
    expect(hashed).toEqual([]);
    expect(await state()).toEqual(before);
  });

  it('draws one password for each number without an account, a repeated one once, and reads on after it', async () => {
    hashed = [];
    // Numbers are looked up 5 000 at a time: the repeat comes after the
    // first lookup, in the middle of a batch of lines, the new numbers after it.
    const body = [...bodyOf('R', 5_000), lineOf('R', 0), ...bodyOf('Q', 10)];
    const pending = await pendingAccounts(
      api.database.db,
      { file: fileOfBytes(new TextEncoder().encode(fileOf(body))), encoding: 'utf-8' },
      2024,
      countingHash,
      () => undefined,
    );
    const expected = [
      ...Array.from({ length: 5_000 }, (_, i) => numberOf('R', i)),
      ...Array.from({ length: 10 }, (_, i) => numberOf('Q', i)),
    ];
    expect(pending.map((p) => p.number)).toEqual(expected);
    expect(hashed).toHaveLength(expected.length);
  });

  it('reports a line naming both an unknown specialty and an unknown school twice, the specialty first', async () => {
    const outcome = await runImport(
      api.database.db,
      request(fileOf([`${numberOf('B', 1)};Nom;Prénom;XYZ;19;0999999Z;N;`])),
    );
    expect(outcome.kind === 'refused' && outcome.problems.map(describeProblem)).toEqual([
      'ligne 2, colonne spécialité : spécialité inconnue pour la session 2024',
      'ligne 2, colonne établissement : établissement inconnu',
    ]);
  });

  it(`lists the first ${MAX_LISTED_PROBLEMS} problems of a wholly wrong file by line, and counts them all`, async () => {
    // Every other line a bad e-mail address; the lines between all the same number.
    const body = Array.from({ length: 3_000 }, (_, i) =>
      i % 2 === 0 ? lineOf('W', i).replace(/;[^;]*$/, ';@') : lineOf('W', 1),
    );
    hashed = [];
    const outcome = await runImport(api.database.db, request(fileOf(body)));
    expect(outcome.kind).toBe('refused');
    if (outcome.kind !== 'refused') return;
    // 1 500 bad addresses, and 1 499 repeats of line 3.
    expect(outcome.total).toBe(2_999);
    expect(outcome.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(outcome.problems.map(describeProblem).slice(0, 3)).toEqual([
      'ligne 2, colonne courriel : adresse de courriel invalide',
      'ligne 4, colonne courriel : adresse de courriel invalide',
      'ligne 5, colonne numéro : déjà présent ligne 3',
    ]);
    expect(outcome.problems.map((p) => p.line)).toEqual(
      Array.from({ length: MAX_LISTED_PROBLEMS + 1 }, (_, i) => i + 2).filter((l) => l !== 3),
    );
    expect(hashed).toEqual([]);
  });
});
