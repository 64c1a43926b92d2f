import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/import/run-import.ts';
import { DEMO_PASSWORD, type TestApi, startTestApi } from '../support/api-harness.ts';
import { freePort } from '../support/free-port.ts';
import { ownPostgresSkipReason, useOwnPostgres } from './own-postgres.ts';

/**
 * The import command killed (SIGKILL: no handler, no cleanup) in the middle
 * of a large first-group marks import, at three moments: while the file is
 * being copied into the staging table, while the copied marks are being
 * merged and the outcomes recomputed, and while a session's first marks
 * are copied straight into their table; and the API server killed while the
 * pilot's importFile of the same file is in flight. Nothing of it may remain, and the same
 * import run again afterwards must go through whole.
 */

const skipReason = ownPostgresSkipReason();
const API_DIR = fileURLToPath(new URL('../../', import.meta.url));
const CANDIDATES = 20_000;
const NDRC_TESTS = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6'];
const MARK_ROWS = CANDIDATES * NDRC_TESTS.length;
/** Names the command's connection in pg_stat_activity. */
const APPLICATION_NAME = 'rattrapage-fault-import';
/** Names the API server's connections in pg_stat_activity. */
const SERVER_APPLICATION_NAME = 'rattrapage-fault-server';
const BOUND_MS = 60_000;
/** The tables a marks import writes. */
const TABLES = ['first_group_marks', 'candidates', 'audit_log', 'import_runs'] as const;

const numberOf = (i: number) => `K${String(i).padStart(7, '0')}`;

function candidatesCsv(schoolUai: string): string {
  const lines = [
    'number;last_name;first_name;specialty;origin_academy;school_uai;individual;email',
  ];
  for (let i = 0; i < CANDIDATES; i += 1)
    lines.push(`${numberOf(i)};Nom${i};Prénom${i};NDRC;19;${schoolUai};N;`);
  return `${lines.join('\n')}\n`;
}

function marksCsv(): string {
  const lines = ['number;code;mark'];
  for (let i = 0; i < CANDIDATES; i += 1)
    NDRC_TESTS.forEach((code, t) => {
      lines.push(
        `${numberOf(i)};${code};${(i + t * 7) % 20},${String((i * t) % 100).padStart(2, '0')}`,
      );
    });
  return `${lines.join('\n')}\n`;
}

interface Backend {
  readonly inTransaction: boolean;
  readonly state: string;
  /** The statement running, or the last one when idle. */
  readonly query: string;
}

interface Run {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `import marks <file> --year 2024`, the command an operator runs. */
function runImportCommand(databaseUrl: string, file: string): Run {
  const child = spawn(
    process.execPath,
    ['src/import/import-command.ts', 'marks', file, '--year', '2024'],
    {
      cwd: API_DIR,
      env: { ...process.env, DATABASE_URL: databaseUrl, PGAPPNAME: APPLICATION_NAME },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
    });
  });
  return { child, output: () => output, exit };
}

describe.skipIf(skipReason !== null)(
  `an import killed mid-way, by the command or in the API server${skipReason === null ? '' : ` (skipped: ${skipReason})`}`,
  () => {
    const own = useOwnPostgres();
    let api: TestApi;
    let admin: pg.Client;
    let dir: string;
    let marksFile: string;

    /** What the import's own connection is doing, if it is open. */
    async function importBackend(): Promise<Backend | null> {
      const { rows } = await admin.query<Backend>(
        `select xact_start is not null as "inTransaction", state, query
           from pg_stat_activity where application_name = $1`,
        [APPLICATION_NAME],
      );
      return rows[0] ?? null;
    }

    /** Each table's row count and a digest of its whole content. */
    async function snapshot(): Promise<Record<string, string>> {
      const result: Record<string, string> = {};
      for (const table of TABLES) {
        const { rows } = await sql<{ n: number; digest: string }>`
          select count(*) as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest
            from ${sql.table(table)} t`.execute(api.database.db);
        result[table] = `${rows[0]?.n ?? '?'} rows, ${rows[0]?.digest ?? '?'}`;
      }
      return result;
    }

    beforeAll(async () => {
      api = await startTestApi('postgres', { candidates: 20 });
      admin = new pg.Client({ connectionString: own().url });
      await admin.connect();
      dir = await mkdtemp(join(tmpdir(), 'rattrapage-fault-import-'));
      const school = await api.database.db
        .selectFrom('schools')
        .select('uai')
        .executeTakeFirstOrThrow();
      const candidates = await runImport(api.database.db, {
        kind: 'CANDIDATES',
        year: 2024,
        bytes: new TextEncoder().encode(candidatesCsv(school.uai)),
        actor: { accountId: null, role: null, label: 'cli' },
        at: new Date('2024-06-20T10:00:00.000Z'),
        hashPassword: (password) => Promise.resolve(`test$${password}`),
        createAccounts: false,
      });
      expect(candidates.kind).toBe('imported');
      marksFile = join(dir, 'notes.csv');
      await writeFile(marksFile, marksCsv());
    });
    afterAll(async () => {
      await admin.end();
      await api.close();
      await rm(dir, { recursive: true, force: true });
    });

    /** The session's marks and outcomes gone: its next marks file is its first. */
    async function forgetSessionMarks(): Promise<void> {
      await sql`delete from first_group_marks m using candidates c
        where c.id = m.candidate_id and c.year = 2024`.execute(api.database.db);
      await sql`update candidates set first_group_outcome = null where year = 2024`.execute(
        api.database.db,
      );
    }

    it.each([
      [
        'while the file is being copied into the staging table (COPY running)',
        (backend: Backend | null) =>
          backend?.state === 'active' && backend.query.startsWith('COPY import_marks_staging'),
        null,
      ],
      [
        'after the copy, while marks are merged and outcomes recomputed',
        (backend: Backend | null, output: string) =>
          backend?.inTransaction === true && output.includes('Écriture'),
        null,
      ],
      [
        'while a session’s first marks are copied straight into their table',
        (backend: Backend | null) =>
          backend?.state === 'active' && backend.query.startsWith('COPY first_group_marks'),
        forgetSessionMarks,
      ],
    ])(
      'leaves every table exactly as before when killed %s',
      async (_moment, inFlight, prepare) => {
        await prepare?.();
        const before = await snapshot();
        const run = runImportCommand(api.database.url ?? '', marksFile);
        const end = Date.now() + BOUND_MS;
        while (
          run.child.exitCode === null &&
          Date.now() < end &&
          !inFlight(await importBackend(), run.output())
        )
          await sleep(2);
        run.child.kill('SIGKILL');
        // Killed in flight, not after it had finished on its own.
        expect(await run.exit, run.output()).toEqual({ code: null, signal: 'SIGKILL' });
        // PostgreSQL rolls the transaction back once it sees the client gone.
        while ((await importBackend()) !== null && Date.now() < end) await sleep(10);
        expect(await importBackend()).toBeNull();
        expect(await snapshot()).toEqual(before);
      },
      120_000,
    );

    it('leaves every table exactly as before when the API server is killed during importFile', async () => {
      const before = await snapshot();
      const port = await freePort();
      const server = spawn(process.execPath, ['src/main.ts'], {
        cwd: API_DIR,
        env: {
          ...process.env,
          DATABASE_URL: api.database.url ?? '',
          RATTRAPAGE_MODE: 'production',
          PORT: String(port),
          METRICS_PORT: '0',
          LOG_LEVEL: 'silent',
          PGAPPNAME: SERVER_APPLICATION_NAME,
        },
        stdio: 'ignore',
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => {
        server.once('exit', (_code, signal) => {
          resolve(signal);
        });
      });
      try {
        const url = `http://127.0.0.1:${port}/graphql`;
        const end = Date.now() + BOUND_MS;
        while ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.ok !== true) {
          if (Date.now() > end) throw new Error('the API did not start');
          await sleep(50);
        }
        const post = (query: string, variables: object, token?: string) =>
          fetch(url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
            },
            body: JSON.stringify({ query, variables }),
          });
        const logIn = (await (
          await post(
            'mutation($i: String!, $p: String!) { logIn(identifier: $i, password: $p) { ... on Session { token } } }',
            { i: 'pilote.demo', p: DEMO_PASSWORD },
          )
        ).json()) as { data: { logIn: { token: string } } };
        // A file this size goes by the upload path (multipart), as the pilot's would.
        const upload = new FormData();
        upload.set(
          'operations',
          JSON.stringify({
            query:
              'mutation($csv: String!) { importFile(kind: MARKS, year: 2024, csv: $csv) { __typename } }',
            variables: { csv: null },
          }),
        );
        upload.set('map', JSON.stringify({ 0: ['variables.csv'] }));
        upload.set('0', new Blob([marksCsv()], { type: 'text/csv' }), 'notes.csv');
        const importing = fetch(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${logIn.data.logIn.token}` },
          body: upload,
        }).then(
          () => 'answered',
          () => 'cut',
        );
        // The server's import is in flight once one of its connections copies or merges.
        const inFlight = async () => {
          const { rows } = await admin.query<{ query: string }>(
            `select query from pg_stat_activity
              where application_name = $1 and state = 'active' and xact_start is not null`,
            [SERVER_APPLICATION_NAME],
          );
          return rows.some((r) =>
            /^(COPY|\s*with merged|insert into first_group_marks)/i.test(r.query),
          );
        };
        while (!(await inFlight())) {
          if (Date.now() > end) throw new Error('the import never started');
          await sleep(2);
        }
        server.kill('SIGKILL');
        expect(await exited).toBe('SIGKILL');
        expect(await importing).toBe('cut');
        const serverBackends = async () =>
          (
            await admin.query('select 1 from pg_stat_activity where application_name = $1', [
              SERVER_APPLICATION_NAME,
            ])
          ).rowCount;
        while ((await serverBackends()) !== 0 && Date.now() < end) await sleep(10);
        expect(await serverBackends()).toBe(0);
        expect(await snapshot()).toEqual(before);
      } finally {
        if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
      }
    });

    it('imports the same file whole when run again', async () => {
      const marksBefore = Number((await snapshot())['first_group_marks']?.split(' ')[0]);
      const run = runImportCommand(api.database.url ?? '', marksFile);
      expect(await run.exit, run.output()).toEqual({ code: 0, signal: null });
      expect(run.output()).toContain(`${MARK_ROWS} lignes, ${MARK_ROWS} ajoutées, 0 modifiées`);
      const marks = await api.database.db
        .selectFrom('first_group_marks as m')
        .innerJoin('candidates as c', 'c.id', 'm.candidate_id')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('c.number', 'like', 'K%')
        .executeTakeFirstOrThrow();
      expect(Number(marks.n)).toBe(MARK_ROWS);
      expect(Number((await snapshot())['first_group_marks']?.split(' ')[0])).toBe(
        marksBefore + MARK_ROWS,
      );
      const undecided = await api.database.db
        .selectFrom('candidates')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('number', 'like', 'K%')
        .where('first_group_outcome', 'is', null)
        .executeTakeFirstOrThrow();
      expect(Number(undecided.n)).toBe(0);
      const runs = await api.database.db
        .selectFrom('import_runs')
        .select(['rows', 'inserted'])
        .where('kind', '=', 'MARKS')
        .execute();
      expect(runs).toEqual([{ rows: MARK_ROWS, inserted: MARK_ROWS }]);
      const audits = await api.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('action', '=', 'IMPORT_MARKS')
        .execute();
      expect(audits).toHaveLength(1);
    });
  },
);
