import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.ts';
import { withImportSession } from '../../src/db/import-session.ts';
import { runImport } from '../../src/import/run-import.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { uploadFile } from '../support/upload.ts';

const IMPORT = `mutation($kind: ImportKind!, $year: Int!, $csv: String!) {
  importFile(kind: $kind, year: $year, csv: $csv) {
    __typename
    ... on ImportReport { kind rows inserted updated unchanged fileSha256 }
    ... on ImportRefused { code message totalProblems problems { line column value reason code } }
    ... on Error { code message }
  } }`;

interface ImportData {
  importFile: {
    __typename: string;
    code?: string;
    message?: string;
    rows?: number;
    inserted?: number;
    updated?: number;
    unchanged?: number;
    fileSha256?: string;
    totalProblems?: number;
    problems?: {
      line: number;
      column: string | null;
      value: string | null;
      reason: string;
      code: string;
    }[];
  };
}

const SCHOOLS = 'uai;name;academy_code\n0519901T;Lycée importé;19\n0519902U;CFA importé;19\n';

describe.each(backendsUnderTest())('importFile through GraphQL, on %s', (backend) => {
  let api: TestApi;
  let pilot: string;
  beforeAll(async () => {
    api = await startTestApi(backend, { candidates: 20 });
    pilot = await api.logIn('pilote.demo');
  });
  afterAll(async () => {
    await api.close();
  });

  it('uses a COPY stream on PostgreSQL only', async () => {
    const copies = await withImportSession(api.database.db, (s) =>
      Promise.resolve(s.copy !== null),
    );
    expect(copies).toBe(backend === 'postgres');
  });

  it.each(['academie.demo', 'etablissement.demo', 'candidat.demo'])(
    'refuses %s (FORBIDDEN)',
    async (who) => {
      const token = await api.logIn(who);
      const r = await api.gql<ImportData>(
        IMPORT,
        { kind: 'SCHOOLS', year: 2024, csv: SCHOOLS },
        token,
      );
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const schools = await api.database.db
        .selectFrom('schools')
        .select('uai')
        .where('uai', '=', '0519901T')
        .execute();
      expect(schools).toEqual([]);
    },
  );

  it('refuses an anonymous caller (UNAUTHENTICATED)', async () => {
    const r = await api.gql<ImportData>(IMPORT, { kind: 'SCHOOLS', year: 2024, csv: SCHOOLS });
    expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('imports for the pilot, writes the audit entry, and a second import changes nothing', async () => {
    const r = await api.gql<ImportData>(
      IMPORT,
      { kind: 'SCHOOLS', year: 2024, csv: SCHOOLS },
      pilot,
    );
    expect(r.data?.importFile).toMatchObject({
      __typename: 'ImportReport',
      rows: 2,
      inserted: 2,
      updated: 0,
      unchanged: 0,
    });
    const again = await api.gql<ImportData>(
      IMPORT,
      { kind: 'SCHOOLS', year: 2024, csv: SCHOOLS },
      pilot,
    );
    expect(again.data?.importFile).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    const audit = await api.database.db
      .selectFrom('audit_log as l')
      .innerJoin('accounts as a', 'a.id', 'l.actor_account_id')
      .select(['l.action', 'l.actor_role', 'a.identifier', 'l.after'])
      .where('l.action', '=', 'IMPORT_SCHOOLS')
      .orderBy('l.id')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actor_role: 'PILOT', identifier: 'pilote.demo' });
    expect(audit[0]?.after).toEqual(
      expect.objectContaining({
        fileSha256: r.data?.importFile.fileSha256,
        rows: 2,
        inserted: 2,
      }),
    );
  });

  it('answers ImportRefused naming each bad line, and changes nothing', async () => {
    const csv =
      'number;last_name;first_name;specialty;origin_academy;school_uai;individual;email\n' +
      'G0000001;Nouveau;Candidat;NDRC;19;0519901T;N;\n' +
      'G0000002;Autre;Candidat;XYZ;19;0519901T;N;\n' +
      'G0000003;Troisième;Candidat;NDRC;19;0000000A;N;\n';
    const r = await api.gql<ImportData>(IMPORT, { kind: 'CANDIDATES', year: 2024, csv }, pilot);
    expect(r.data?.importFile).toMatchObject({
      __typename: 'ImportRefused',
      code: 'IMPORT_REFUSED',
      totalProblems: 2,
    });
    expect(r.data?.importFile.problems).toEqual([
      {
        line: 3,
        column: 'specialty',
        value: 'XYZ',
        reason: 'spécialité inconnue pour la session 2024',
        code: 'INVALID_VALUE',
      },
      {
        line: 4,
        column: 'school_uai',
        value: '0000000A',
        reason: 'établissement inconnu',
        code: 'INVALID_VALUE',
      },
    ]);
    const rows = await api.database.db
      .selectFrom('candidates')
      .select('number')
      .where('number', 'like', 'G%')
      .execute();
    expect(rows).toEqual([]);
  });

  it('refuses candidate numbers and UAIs that could not name a file, with INVALID_IDENTIFIER', async () => {
    const numberReason =
      'un numéro de candidat est fait de 4 à 20 chiffres ou lettres majuscules (ni espace, ni accent, ni ponctuation)';
    const csv =
      'number;last_name;first_name;specialty;origin_academy;school_uai;individual;email\n' +
      'G024€001;Euro;Candidat;NDRC;19;0519901T;N;\n' +
      '"G02""; filename=x";Guillemet;Candidat;NDRC;19;0519901T;N;\n' +
      'g0000004;Minuscule;Candidat;NDRC;19;0519901T;N;\n' +
      'G0000005;Uai;Candidat;NDRC;19;05199€1T;N;\n';
    const r = await api.gql<ImportData>(IMPORT, { kind: 'CANDIDATES', year: 2024, csv }, pilot);
    expect(r.data?.importFile).toMatchObject({ __typename: 'ImportRefused', totalProblems: 4 });
    expect(r.data?.importFile.problems).toEqual([
      {
        line: 2,
        column: 'number',
        value: 'G024€001',
        reason: numberReason,
        code: 'INVALID_IDENTIFIER',
      },
      {
        line: 3,
        column: 'number',
        value: 'G02"; filename=x',
        reason: numberReason,
        code: 'INVALID_IDENTIFIER',
      },
      {
        line: 4,
        column: 'number',
        value: 'g0000004',
        reason: numberReason,
        code: 'INVALID_IDENTIFIER',
      },
      {
        line: 5,
        column: 'school_uai',
        value: '05199€1T',
        reason: 'un UAI est fait de 7 chiffres et d’une lettre',
        code: 'INVALID_IDENTIFIER',
      },
    ]);
    const rows = await api.database.db
      .selectFrom('candidates')
      .select('number')
      .where('last_name', 'in', ['Euro', 'Guillemet', 'Minuscule', 'Uai'])
      .execute();
    expect(rows).toEqual([]);
  });

  it('creates no candidate account through GraphQL (no password in a response)', async () => {
    const csv =
      'number;last_name;first_name;specialty;origin_academy;school_uai;individual;email\n' +
      'G0000010;Sans;Compte;NDRC;19;0519901T;N;\n';
    const r = await api.gql<ImportData>(IMPORT, { kind: 'CANDIDATES', year: 2024, csv }, pilot);
    expect(r.data?.importFile).toMatchObject({ inserted: 1 });
    expect(JSON.stringify(r)).not.toMatch(/password/i);
    const accounts = await api.database.db
      .selectFrom('accounts')
      .select('id')
      .where('identifier', '=', 'G0000010')
      .execute();
    expect(accounts).toEqual([]);
  });

  it('refuses an unknown session and a file over 20 MB with typed errors', async () => {
    const unknown = await api.gql<ImportData>(
      IMPORT,
      { kind: 'SCHOOLS', year: 2031, csv: SCHOOLS },
      pilot,
    );
    expect(unknown.data?.importFile).toMatchObject({ code: 'UNKNOWN_EXAM_SESSION' });
    // A file this size goes by the upload path (over 100 kB, JSON is refused).
    const big = SCHOOLS + 'x'.repeat(20 * 1024 * 1024);
    const tooLarge = await uploadFile(api.url, big, { token: pilot });
    expect((tooLarge.data as ImportData | undefined)?.importFile).toMatchObject({
      __typename: 'ImportTooLarge',
      code: 'IMPORT_TOO_LARGE',
    });
  });

  it('gives accounts created by the command-line path an argon2id password that logs in', async () => {
    const csv =
      'number;last_name;first_name;specialty;origin_academy;school_uai;individual;email\n' +
      'G0000020;Avec;Compte;NDRC;19;0519901T;N;\n' +
      'G0000010;Sans;Compte;NDRC;19;0519901T;N;\n';
    const outcome = await runImport(api.database.db, {
      kind: 'CANDIDATES',
      year: 2024,
      bytes: new TextEncoder().encode(csv),
      actor: { accountId: null, role: null, label: 'cli' },
      at: new Date(),
      hashPassword,
      createAccounts: true,
    });
    expect(outcome.kind).toBe('imported');
    if (outcome.kind !== 'imported') return;
    // G0000010 was imported through GraphQL without an account: it gets one now.
    expect(outcome.report).toMatchObject({ inserted: 1, unchanged: 1 });
    expect(outcome.report.initialPasswords.map((p) => p.number).sort()).toEqual([
      'G0000010',
      'G0000020',
    ]);
    for (const { number, password } of outcome.report.initialPasswords) {
      const token = await api.logIn(number, password);
      const me = await api.gql<{ viewer: { candidate: { number: string } } }>(
        '{ viewer { candidate { number } } }',
        {},
        token,
      );
      expect(me.data?.viewer.candidate.number).toBe(number);
    }
    const stored = await api.database.db
      .selectFrom('accounts')
      .select('password_hash')
      .where('identifier', '=', 'G0000020')
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe.each(backendsUnderTest())('structures and control marks, on %s', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend, { candidates: 20 });
  });
  afterAll(async () => {
    await api.close();
  });
  const run = (kind: 'STRUCTURES' | 'CONTROL_MARKS', csv: string, accountId: string | null) =>
    runImport(api.database.db, {
      kind,
      year: 2024,
      bytes: new TextEncoder().encode(csv),
      actor: { accountId, role: accountId === null ? null : 'PILOT', label: 'test' },
      at: new Date(),
      hashPassword,
      createAccounts: false,
    });
  const NDRC =
    'specialty;test;part;name;coefficient;domain;optional;control_eligible;language\n' +
    'NDRC;E1;;Culture générale et expression;3;G;N;O;N\n' +
    'NDRC;E2;;Langue vivante;3;G;N;O;O\n' +
    'NDRC;E3;;CEJM;3;G;N;O;N\n' +
    'NDRC;E4;;Relation client et négociation-vente;5;P;N;N;N\n' +
    'NDRC;E5;;Relation client à distance et digitalisation;4;P;N;N;N\n' +
    'NDRC;E6;;Relation client et animation de réseaux;3;P;N;N;N\n';

  it('upserts a structure and counts what changed', async () => {
    const tests = await api.database.db
      .selectFrom('tests')
      .select(['code', 'name'])
      .where('year', '=', 2024)
      .where('specialty_code', '=', 'NDRC')
      .orderBy('position')
      .execute();
    const csv = NDRC.replaceAll('Culture générale et expression', tests[0]?.name ?? '');
    const first = await run('STRUCTURES', csv, null);
    expect(first).toMatchObject({ kind: 'imported', report: { rows: 6 } });
    const again = await run('STRUCTURES', csv, null);
    expect(again).toMatchObject({ report: { inserted: 0, updated: 0, unchanged: 6 } });
    const renamed = await run('STRUCTURES', csv.replace('CEJM', 'CEJM (nouveau nom)'), null);
    expect(renamed).toMatchObject({ report: { inserted: 0, updated: 1, unchanged: 5 } });
  });

  it('refuses control marks for a test the candidate did not choose, and without an account', async () => {
    const candidate = await api.database.db
      .selectFrom('candidates as c')
      .leftJoin('control_choices as ch', 'ch.candidate_id', 'c.id')
      .select('c.number')
      .where('ch.candidate_id', 'is', null)
      .executeTakeFirstOrThrow();
    const csv = `number;test;mark\n${candidate.number};E1;14,5\n`;
    const pilot = await api.database.db
      .selectFrom('accounts')
      .select('id')
      .where('identifier', '=', 'pilote.demo')
      .executeTakeFirstOrThrow();
    expect(await run('CONTROL_MARKS', csv, pilot.id)).toMatchObject({
      kind: 'refused',
      problems: [
        { line: 2, column: 'test', reason: 'ce candidat n’a pas choisi ses épreuves de contrôle' },
      ],
    });
    expect(await run('CONTROL_MARKS', csv, null)).toMatchObject({ kind: 'refused' });
  });
});

describe('the import command', () => {
  it('exits 1 with the French report when a line is bad', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rattrapage-import-cli-'));
    try {
      const importCommand = (args: string[]) =>
        spawnSync(process.execPath, ['src/import/import-command.ts', '--', ...args], {
          cwd: join(import.meta.dirname, '../..'),
          env: { ...process.env, DATABASE_URL: '', RATTRAPAGE_DATA_DIR: join(dir, 'data') },
          encoding: 'utf8',
        });
      const file = join(dir, 'marks.csv');
      await writeFile(file, 'number;code;mark\nA1;E1;12,5\nA1;E2;21,5\n');
      const run = importCommand(['marks', file, '--year', '2024']);
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(
        'ligne 3, colonne note : « 21,5 » n’est pas une note sur 20 [INVALID_VALUE]',
      );
      const candidates = join(dir, 'candidates.csv');
      await writeFile(
        candidates,
        'number;last_name;first_name;specialty;origin_academy;school_uai;individual;email\n' +
          'G024€001;Euro;Candidat;NDRC;19;;O;\n',
      );
      const passwords = join(dir, 'passwords.csv');
      const refused = importCommand([
        'candidates',
        candidates,
        '--year',
        '2024',
        '--passwords',
        passwords,
      ]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(
        'ligne 2, colonne numéro : un numéro de candidat est fait de 4 à 20 chiffres ou lettres majuscules (ni espace, ni accent, ni ponctuation) [INVALID_IDENTIFIER]',
      );
      const usage = spawnSync(process.execPath, ['src/import/import-command.ts', 'nothing'], {
        cwd: join(import.meta.dirname, '../..'),
        encoding: 'utf8',
      });
      expect(usage.status).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
