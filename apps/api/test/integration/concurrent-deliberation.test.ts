import { setTimeout as sleep } from 'node:timers/promises';
import { encodeGlobalID } from '@pothos/plugin-relay';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileOfBytes } from '../../src/import/import-file.ts';
import { type ImportOutcome, type ImportRequest, runImport } from '../../src/import/run-import.ts';
import { imported } from '../support/import-report.ts';
import { deliberateFirstGroup } from '../../src/services/deliberate.ts';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';

/**
 * Stored outcomes when writers of the same session overlap: two marks
 * imports, or an import and the jury. Each reads marks and decisions and
 * then writes outcomes; without the session's outcome lock the later
 * commit stored an outcome computed without the other's work. The overlap
 * is forced: a row lock held by the test stops the first deliberation's
 * write of the candidate until the other writer has started and waits too
 * (or, without the lock, has ended).
 * PostgreSQL only: PGlite is one connection, where transactions cannot
 * overlap at all.
 */

const NUMBER = 'K0000001';
const AT = new Date('2024-06-20T10:00:00.000Z');

const RECORD_JURY = `mutation($id: ID!) {
  recordJuryDecision(candidateId: $id, stage: FIRST_GROUP, outcome: FAILED, reason: "Délibération du jury") {
    __typename } }`;

const marksFile = (cells: Record<string, string>) =>
  `number;code;mark\n${Object.entries(cells)
    .map(([code, mark]) => `${NUMBER};${code};${mark}`)
    .join('\n')}\n`;

const backend = 'postgres';

describe.runIf(backendsUnderTest().includes(backend))(
  'writers of one session’s outcomes that overlap, on PostgreSQL',
  () => {
    let api: TestApi;
    let candidateId = '';

    const request = (kind: ImportRequest['kind'], text: string): ImportRequest => ({
      kind,
      year: 2024,
      file: fileOfBytes(new TextEncoder().encode(text)),
      actor: { accountId: null, role: null, label: 'cli' },
      at: AT,
      hashPassword: (password) => Promise.resolve(`test$${password}`),
      createAccounts: false,
    });
    const storedOutcome = async () =>
      (
        await api.database.db
          .selectFrom('candidates')
          .select('first_group_outcome')
          .where('id', '=', candidateId)
          .executeTakeFirstOrThrow()
      ).first_group_outcome;

    const settledOf = <T>(p: Promise<T>) =>
      p.then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );

    /**
     * With the candidate's row locked by the test: starts `first` and waits
     * until it waits on a lock (its deliberation, about to write what it
     * read); then starts `later` and waits until it waits too or has ended;
     * then lets everyone go. Without the session's lock, `later` commits in
     * between what `first` read and what it writes.
     */
    async function overlapping(
      first: () => Promise<unknown>,
      later: () => Promise<unknown>,
    ): Promise<unknown[]> {
      // A connection of its own: the imports' and the server's share the pool.
      const holder = new pg.Client({ connectionString: api.database.url });
      await holder.connect();
      try {
        const waitingOnLocks = async () => {
          // Within a transaction the activity view is read once and kept: read it anew.
          await holder.query('select pg_stat_clear_snapshot()');
          const { rows } = await holder.query<{ n: string }>(
            `select count(*) as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'`,
          );
          return Number(rows[0]?.n);
        };
        /** Polls until `done` holds; a writer that ends meanwhile with an error fails the test. */
        const until = async (done: () => Promise<boolean>, ended: Promise<unknown>) => {
          for (;;) {
            if (await done()) return;
            if (await Promise.race([ended.then(() => true), sleep(20).then(() => false)])) return;
          }
        };
        await holder.query('begin');
        const running: Promise<{ ok: boolean; value?: unknown; error?: unknown }>[] = [];
        try {
          await holder.query('select id from candidates where id = $1 for no key update', [
            candidateId,
          ]);
          running.push(settledOf(first()));
          const firstEnded = running[0] as Promise<unknown>;
          await until(async () => (await waitingOnLocks()) >= 1, firstEnded);
          running.push(settledOf(later()));
          await until(async () => (await waitingOnLocks()) >= 2, running[1] as Promise<unknown>);
        } finally {
          await holder.query('commit');
        }
        return (await Promise.all(running)).map((d) => {
          if (!d.ok) throw d.error;
          return d.value;
        });
      } finally {
        await holder.end();
      }
    }

    beforeAll(async () => {
      api = await startTestApi(backend, { at: AT, candidates: 20 });
      const school = await api.database.db
        .selectFrom('schools')
        .select('uai')
        .executeTakeFirstOrThrow();
      imported(
        await runImport(
          api.database.db,
          request(
            'CANDIDATES',
            `number;last_name;first_name;specialty;origin_academy;school_uai;individual;email\n${NUMBER};Concurrent;Camille;NDRC;19;${school.uai};N;\n`,
          ),
        ),
      );
      candidateId = (
        await api.database.db
          .selectFrom('candidates')
          .select('id')
          .where('year', '=', 2024)
          .where('number', '=', NUMBER)
          .executeTakeFirstOrThrow()
      ).id;
    });
    afterAll(async () => {
      await api.close();
    });

    /** E1–E3 absent, E4–E6 at 15: failed (unjustified absences). */
    const absentThenPassed = () =>
      runImport(
        api.database.db,
        request(
          'MARKS',
          marksFile({ E1: 'ABS', E2: 'ABS', E3: 'ABS', E4: '15', E5: '15', E6: '15' }),
        ),
      );
    const marks = (cells: Record<string, string>) => () =>
      runImport(api.database.db, request('MARKS', marksFile(cells)));

    it('two marks imports of one candidate: the outcome stored counts both files', async () => {
      imported(await absentThenPassed());
      expect(await storedOutcome()).toBe('FAILED');
      // The first file alone would admit the candidate; the second brings absences back.
      const [first, second] = await overlapping(
        marks({ E1: '15', E2: '15', E3: '15' }),
        marks({ E4: 'ABS', E5: 'ABS', E6: 'ABS' }),
      );
      expect(imported(first as ImportOutcome).updated).toBe(3);
      expect(imported(second as ImportOutcome).updated).toBe(3);
      expect(await storedOutcome()).toBe('FAILED');
      // A deliberation from scratch agrees with what the imports stored.
      await deliberateFirstGroup(api.database.db, 2024);
      expect(await storedOutcome()).toBe('FAILED');
    });

    it('a jury decision during an import’s deliberation: the jury’s outcome is the one stored', async () => {
      imported(await absentThenPassed());
      const pilot = await api.logIn('pilote.demo');
      const [, jury] = await overlapping(marks({ E1: '15', E2: '15', E3: '15' }), () =>
        api.gql<{ recordJuryDecision: { __typename: string } }>(
          RECORD_JURY,
          { id: encodeGlobalID('Candidate', candidateId) },
          pilot,
        ),
      );
      expect(jury).toMatchObject({ data: { recordJuryDecision: { __typename: 'Candidate' } } });
      // The marks now say admitted; the jury, which is sovereign, said failed.
      // (Without the session's lock this run happens to end right too: the
      // import, queued first on the row, writes first. The lock makes it so
      // whatever the order.)
      expect(await storedOutcome()).toBe('FAILED');
      await deliberateFirstGroup(api.database.db, 2024);
      expect(await storedOutcome()).toBe('FAILED');
    });
  },
);
