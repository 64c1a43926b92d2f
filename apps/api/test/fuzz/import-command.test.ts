import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/password.ts';
import { type Backend, type DatabaseHandle, createDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { seedDemo } from '../../src/demo/seed-demo.ts';
import { IMPORT_KINDS, type ImportKind } from '../../src/import/import-kind.ts';
import { deliberateFirstGroup } from '../../src/services/deliberate.ts';
import { backendsUnderTest, createTestDatabaseFor } from '../support/test-database.ts';
import { type CsvFile, type ImportWorld, csvFiles, importWorld } from './csv-files.ts';
import { type Fingerprint, expectNothingChanged, fingerprint } from './database-fingerprint.ts';
import { expectFrench, expectNoInternals } from './error-hygiene.ts';
import { fuzzSeed, runs } from './fuzz-values.ts';

/**
 * The import command itself, run as an operator runs it (a process, a file
 * on disk, `--passwords`, maybe `--account`), on a few generated files of
 * every kind: it exits 0 having imported, or 1 with a French report and
 * nothing changed, and never shows a stack trace. The command's code path
 * is fuzzed in depth by csv-import.test.ts; this checks the process around it.
 */

const run = promisify(execFile);
const API_DIR = join(import.meta.dirname, '../..');
const KINDS = Object.keys(IMPORT_KINDS) as ImportKind[];

/** A database the command can open from its own process, and the test between runs. */
interface Place {
  readonly env: Record<string, string>;
  open(): Promise<DatabaseHandle>;
  close(): Promise<void>;
}

async function placeFor(backend: Backend): Promise<Place> {
  if (backend === 'postgres') {
    const database = await createTestDatabaseFor('postgres');
    return {
      env: { DATABASE_URL: database.url ?? '' },
      open: () => Promise.resolve({ ...database, close: () => Promise.resolve() }),
      close: () => database.close(),
    };
  }
  // PGlite is one process's: the test opens the folder only while the command is not running.
  const dataDir = await mkdtemp(join(tmpdir(), 'rattrapage-fuzz-cli-'));
  return {
    env: { DATABASE_URL: '', RATTRAPAGE_DATA_DIR: dataDir },
    open: () => createDatabase({ dataDir }),
    close: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function withDatabase<T>(place: Place, use: (db: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await place.open();
  try {
    return await use(handle);
  } finally {
    await handle.close();
  }
}

describe.each(backendsUnderTest())('the import command on generated files, on %s', (backend) => {
  let place: Place;
  let world: ImportWorld;
  let dir: string;

  beforeAll(async () => {
    place = await placeFor(backend);
    dir = await mkdtemp(join(tmpdir(), 'rattrapage-fuzz-files-'));
    world = await withDatabase(place, async ({ db }) => {
      await migrateToLatest(db);
      await seedDemo(db, { candidates: 20, hashPassword });
      await deliberateFirstGroup(db, 2024);
      // candidat.demo's choice, as the candidate would have entered it: control marks need one.
      const me = await db
        .selectFrom('accounts as a')
        .innerJoin('candidates as c', 'c.id', 'a.candidate_id')
        .select(['c.id', 'c.number', 'c.specialty_code', 'a.id as account_id'])
        .where('a.identifier', '=', 'candidat.demo')
        .executeTakeFirstOrThrow();
      const eligible = await db
        .selectFrom('tests')
        .select('code')
        .where('year', '=', 2024)
        .where('specialty_code', '=', me.specialty_code)
        .where('domain', '=', 'GENERAL')
        .where('control_eligible', '=', true)
        .orderBy('code')
        .execute();
      const [first, second] = eligible.map((t) => t.code);
      await db
        .insertInto('control_choices')
        .values({
          candidate_id: me.id,
          individual: false,
          test_code_1: first ?? '',
          test_code_2: second ?? '',
          channel: 'CANDIDATE_SPACE',
          entered_at: new Date('2024-06-28T09:00:00.000Z'),
          entered_by_account_id: me.account_id,
        })
        .execute();
      const academies = await db.selectFrom('academies').select('code').execute();
      return importWorld(
        db,
        academies.map((a) => a.code),
        me.number,
      );
    });
  });
  afterAll(async () => {
    await place.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 having imported, or 1 with a French report and nothing changed', async () => {
    // Few files, as many valid as not: each is a process, and on PGlite a database opened again.
    const seed = fuzzSeed();
    const draw = (verdict: CsvFile['verdict']) =>
      fc.sample(
        fc.tuple(
          fc
            .constantFrom(...KINDS)
            .chain((kind) => csvFiles(kind, world))
            .filter((f) => f.verdict === verdict),
          fc.boolean(),
        ),
        { numRuns: runs(1), seed: (seed + (verdict === 'accepted' ? 0 : 1)) | 0 },
      );
    let n = 0;
    // What the database looked like after the previous run is what it looks like before this one.
    let before: Fingerprint = await withDatabase(place, ({ db }) => fingerprint(db));
    for (const [file, withAccount] of [...draw('accepted'), ...draw('refused')]) {
      n += 1;
      const csv = join(dir, `file-${n}.csv`);
      const passwords = join(dir, `passwords-${n}.csv`);
      await writeFile(csv, file.bytes);
      const args = [
        'src/import/import-command.ts',
        '--',
        file.kind.toLowerCase().replace('_', '-'),
        csv,
        '--year',
        String(file.year),
        '--passwords',
        passwords,
        ...(withAccount ? ['--account', 'pilote.demo'] : []),
      ];
      const result = await run(process.execPath, args, {
        cwd: API_DIR,
        env: { ...process.env, ...place.env, LOG_LEVEL: 'silent' },
        encoding: 'utf8',
      }).then(
        (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
        (error: unknown) => {
          // execFile rejects with the exit code and the output on a non-zero exit.
          const failed = error as { code?: number; stdout?: string; stderr?: string };
          return {
            code: failed.code ?? -1,
            stdout: failed.stdout ?? '',
            stderr: failed.stderr ?? '',
          };
        },
      );
      const after = await withDatabase(place, ({ db }) => fingerprint(db));
      const unchanged = before;
      before = after;
      const where = `FUZZ_SEED=${seed}: ${file.kind} ${file.year}${withAccount ? ' --account' : ''} (${file.recipe.join(', ')}): exit ${result.code}\n${result.stderr.slice(0, 2000)}`;
      // Control marks are recorded in an account's name only (--account).
      const imports =
        file.verdict === 'accepted' &&
        file.year === 2024 &&
        (file.kind !== 'CONTROL_MARKS' || withAccount);
      expect(result.code, where).toBe(imports ? 0 : 1);
      // Never a crash: no stack trace, no internals, French for the operator.
      const echoes = [...file.text.split(/\r?\n/), ...file.text.split(/[;,\t\r\n"]/), csv];
      for (const line of result.stderr.split('\n').filter((l) => l.trim() !== '')) {
        expectNoInternals(line, echoes, where);
        expectFrench(line, echoes, where);
      }
      if (!imports) {
        expectNothingChanged(unchanged, after, where);
        continue;
      }
      expect(result.stdout, where).toMatch(/lignes, \d+ ajoutées, \d+ modifiées, \d+ inchangées/);
      if (file.kind === 'CANDIDATES') {
        const written = await readFile(passwords, 'utf8');
        expect(written.split('\n')[0]).toBe('number;password');
      }
    }
  });
});
