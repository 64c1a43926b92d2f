import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/password.ts';
import { type DatabaseHandle, createDatabase } from '../../src/db/database.ts';
import { createAcademyAccount } from '../../src/services/create-account.ts';
import {
  type TestDatabase,
  backendsUnderTest,
  createTestDatabaseFor,
} from '../support/test-database.ts';

const run = promisify(execFile);
const COMMAND = fileURLToPath(new URL('../../src/account-command.ts', import.meta.url));
const AT = new Date('2024-05-15T08:00:00.000Z');
// A cheap stand-in for argon2id where the hash itself is not under test.
const fakeHash = (password: string) => Promise.resolve(`hash:${password}`);
const actor = { at: AT, who: 'cli', generatePassword: () => 'Sésame-2024', hashPassword: fakeHash };

describe.each(backendsUnderTest())('académie accounts on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabaseFor(backend);
  });
  afterAll(async () => {
    await database.close();
  });

  const rows = (identifier: string) =>
    database.db
      .selectFrom('accounts')
      .select([
        'role',
        'academy_code',
        'password_hash',
        'candidate_id',
        'school_uai',
        'must_change_password',
      ])
      .where('identifier', '=', identifier)
      .execute();
  const audits = () =>
    database.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'ACCOUNT_CREATED')
      .execute();

  it('creates a PILOT account with its hashed password and an audit entry, returning the password once', async () => {
    const outcome = await createAcademyAccount(
      database.db,
      { identifier: ' pilote.reims ', role: 'PILOT', academyCode: '19' },
      actor,
    );
    expect(outcome).toMatchObject({
      kind: 'created',
      identifier: 'pilote.reims',
      password: 'Sésame-2024',
    });
    expect(await rows('pilote.reims')).toEqual([
      {
        role: 'PILOT',
        academy_code: '19',
        password_hash: 'hash:Sésame-2024',
        candidate_id: null,
        school_uai: null,
        must_change_password: true,
      },
    ]);
    const audit = await audits();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.after)).not.toContain('Sésame');
  });

  it('refuses an identifier already taken, and changes nothing', async () => {
    const outcome = await createAcademyAccount(
      database.db,
      { identifier: 'pilote.reims', role: 'ACADEMY', academyCode: '12' },
      actor,
    );
    expect(outcome).toEqual({ kind: 'identifierTaken', identifier: 'pilote.reims' });
    expect((await rows('pilote.reims'))[0]?.role).toBe('PILOT');
    expect(await audits()).toHaveLength(1);
  });

  it.each([
    [
      'an unknown académie',
      { identifier: 'x', role: 'ACADEMY', academyCode: '99' },
      'Académie inconnue : 99.',
    ],
    [
      'a blank identifier',
      { identifier: '  ', role: 'ACADEMY', academyCode: '12' },
      'L’identifiant est vide.',
    ],
    [
      'a role that is not an académie’s',
      { identifier: 'y', role: 'SCHOOL', academyCode: '12' },
      'Rôle inconnu : SCHOOL (ACADEMY ou PILOT).',
    ],
  ] as const)('refuses %s', async (_what, account, problem) => {
    const outcome = await createAcademyAccount(database.db, account, actor);
    expect(outcome).toEqual({ kind: 'invalid', problems: [problem] });
    expect(await audits()).toHaveLength(1);
  });
});

describe('the account command (PGlite on disk)', () => {
  let dataDir: string;
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rattrapage-account-'));
  });
  afterAll(async () => {
    await handle?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const account = (...args: string[]) =>
    run(process.execPath, [COMMAND, '--', ...args], {
      env: { ...process.env, DATABASE_URL: '', RATTRAPAGE_DATA_DIR: dataDir },
    });

  it('prints the generated password once, on standard output, and it logs in (argon2id)', async () => {
    const { stdout, stderr } = await account(
      'create',
      '--identifier',
      'academie.nancy-metz',
      '--role',
      'ACADEMY',
      '--academy',
      '12',
    );
    const password = stdout.trim();
    expect(password).toMatch(/^[A-Za-z0-9]{14}$/);
    expect(stderr).toContain('academie.nancy-metz');
    expect(stderr).not.toContain(password);

    const second = account(
      'create',
      '--identifier',
      'academie.nancy-metz',
      '--role',
      'ACADEMY',
      '--academy',
      '12',
    );
    await expect(second).rejects.toMatchObject({ code: 1 });
    await expect(
      account('create', '--identifier', 'z', '--role', 'SCHOOL', '--academy', '12'),
    ).rejects.toMatchObject({
      code: 2,
    });

    handle = await createDatabase({ dataDir });
    const row = await handle.db
      .selectFrom('accounts')
      .select(['password_hash', 'role'])
      .where('identifier', '=', 'academie.nancy-metz')
      .executeTakeFirstOrThrow();
    expect(row.role).toBe('ACADEMY');
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(password, row.password_hash)).toBe(true);
  });
});
