import {
  ACADEMIES,
  type FirstGroupOutcome,
  type MarkEntry,
  RULES_2024,
  SPECIALTIES,
  calendar2024,
  firstGroupOutcome,
  specialtyByCode,
} from '@rattrapage/domain';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type TestDatabase,
  backendsUnderTest,
  createTestDatabaseFor,
} from '../../test/support/test-database.ts';
import type { Database } from '../db/schema.ts';
import { loadSessionReference } from '../repositories/reference.repository.ts';
import { drawCandidates } from './demo-candidates.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.ts';
import { DEMO_SCHOOLS } from './demo-schools.ts';
import { createPrng } from './prng.ts';
import { seedDemo } from './seed-demo.ts';

const CANDIDATES = 300;

/** Real argon2 would cost time for nothing here. */
function fakeHasher() {
  const calls: string[] = [];
  return {
    calls,
    hashPassword: (plain: string): Promise<string> => {
      calls.push(plain);
      return Promise.resolve(`fake-hash:${plain}`);
    },
  };
}

function toEntry(status: MarkEntry['status'], hundredths: number | null): MarkEntry {
  if (status === 'MARK' || status === 'KEPT') {
    if (hundredths === null) throw new Error(`${status} without a mark`);
    return { status, hundredths };
  }
  return { status };
}

/** Every candidate's outcome, as the domain computes it from the stored marks. */
async function outcomesOf(
  db: Kysely<Database>,
): Promise<Map<string, FirstGroupOutcome | 'PENDING'>> {
  const candidates = await db.selectFrom('candidates').select(['id', 'specialty_code']).execute();
  const rows = await db.selectFrom('first_group_marks').selectAll().execute();
  const marks = new Map<string, Map<string, MarkEntry>>();
  for (const row of rows) {
    const own = marks.get(row.candidate_id) ?? new Map<string, MarkEntry>();
    own.set(row.code, toEntry(row.status, row.hundredths));
    marks.set(row.candidate_id, own);
  }
  const outcomes = new Map<string, FirstGroupOutcome | 'PENDING'>();
  for (const c of candidates) {
    const specialty = specialtyByCode(c.specialty_code);
    if (specialty === undefined) throw new Error(`unknown specialty ${c.specialty_code}`);
    const evaluation = firstGroupOutcome(specialty.structure, marks.get(c.id) ?? new Map());
    outcomes.set(c.id, evaluation.status === 'DECIDED' ? evaluation.outcome : 'PENDING');
  }
  return outcomes;
}

function share<T>(values: Iterable<T>, wanted: T): number {
  const all = [...values];
  return all.filter((v) => v === wanted).length / all.length;
}

describe.each(backendsUnderTest())('seedDemo on %s', (backend) => {
  let t: TestDatabase;
  const hasher = fakeHasher();
  beforeAll(async () => {
    t = await createTestDatabaseFor(backend);
    await seedDemo(t.db, { candidates: CANDIDATES, hashPassword: hasher.hashPassword });
  });
  afterAll(() => t.close());

  it('loads the reference data of the domain', async () => {
    const count = async (table: keyof Database): Promise<number> =>
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    expect(await count('academies')).toBe(ACADEMIES.length);
    expect(await count('publication_batches')).toBe(calendar2024.batches.length);
    expect(await count('oral_days')).toBe(calendar2024.oralDays.length);
    expect(
      await t.db
        .selectFrom('specialties')
        .select(['code', 'pilot_academy_code', 'batch_id'])
        .orderBy('code')
        .execute(),
    ).toEqual([
      { code: 'MCO', pilot_academy_code: '19', batch_id: 'A' },
      { code: 'NDRC', pilot_academy_code: '19', batch_id: 'A' },
      { code: 'SIO', pilot_academy_code: '19', batch_id: 'B' },
    ]);
    expect(await count('tests')).toBe(
      SPECIALTIES.reduce((n, s) => n + s.structure.tests.length, 0),
    );
    const parts = await t.db
      .selectFrom('test_parts')
      .select(['specialty_code', 'test_code', 'code'])
      .orderBy('code')
      .execute();
    expect(parts).toEqual([
      { specialty_code: 'MCO', test_code: 'E2', code: 'E21' },
      { specialty_code: 'MCO', test_code: 'E2', code: 'E22' },
      { specialty_code: 'MCO', test_code: 'E4', code: 'E41' },
      { specialty_code: 'MCO', test_code: 'E4', code: 'E42' },
    ]);
    const languages = await t.db
      .selectFrom('tests')
      .select(['specialty_code', 'code'])
      .where('language', '=', true)
      .execute();
    expect(languages.map((l) => `${l.specialty_code}/${l.code}`).sort()).toEqual(
      SPECIALTIES.flatMap((s) =>
        s.structure.tests
          .filter((test) => test.language === true)
          .map((test) => `${s.code}/${test.code}`),
      ).sort(),
    );
    // Read back as the API reads reference data: the same blocs de compétences.
    const reference = await loadSessionReference(t.db, 2024);
    for (const s of SPECIALTIES)
      expect(reference?.specialties.get(s.code)?.structure.blocks, s.code).toEqual(
        s.structure.blocks,
      );
    const session = await t.db.selectFrom('exam_sessions').selectAll().executeTakeFirstOrThrow();
    expect(session).toEqual({
      year: 2024,
      second_group_results_at: calendar2024.secondGroupResultsAt,
      rules: RULES_2024,
    });
  });

  it('loads fictitious schools, each named as a demo', async () => {
    const schools = await t.db.selectFrom('schools').selectAll().execute();
    expect(schools).toHaveLength(DEMO_SCHOOLS.length);
    expect(schools.length).toBeGreaterThanOrEqual(35);
    for (const s of schools) expect(s.name).toMatch(/démonstration/);
    expect(new Set(schools.map((s) => s.academy_code)).size).toBeGreaterThanOrEqual(5);
  });

  it('draws candidates whose outcomes, computed by the domain, have realistic proportions', async () => {
    const outcomes = [...(await outcomesOf(t.db)).values()];
    expect(outcomes).toHaveLength(CANDIDATES);
    expect(share(outcomes, 'PENDING')).toBe(0);
    expect(share(outcomes, 'ADMITTED')).toBeGreaterThan(0.6);
    expect(share(outcomes, 'ADMITTED')).toBeLessThan(0.8);
    expect(share(outcomes, 'CONTROL_ALLOWED')).toBeGreaterThan(0.07);
    expect(share(outcomes, 'CONTROL_ALLOWED')).toBeLessThan(0.18);
    expect(share(outcomes, 'FAILED')).toBeGreaterThan(0.1);
    expect(share(outcomes, 'FAILED')).toBeLessThan(0.3);
  });

  it('spreads candidates over specialties, académies and schools, with some individual ones', async () => {
    const candidates = await t.db.selectFrom('candidates').selectAll().execute();
    expect(new Set(candidates.map((c) => c.specialty_code))).toEqual(
      new Set(['MCO', 'NDRC', 'SIO']),
    );
    expect(
      share(
        candidates.map((c) => c.origin_academy_code),
        '19',
      ),
    ).toBeGreaterThan(0.3);
    expect(new Set(candidates.map((c) => c.origin_academy_code)).size).toBeGreaterThan(6);
    expect(
      share(
        candidates.map((c) => c.individual),
        true,
      ),
    ).toBeGreaterThan(0.06);
    expect(
      share(
        candidates.map((c) => c.individual),
        true,
      ),
    ).toBeLessThan(0.2);
    for (const c of candidates) expect(c.number).toMatch(/^024[0-9]{2}[0-9]{6}$/);
  });

  it('stores the statuses other than a mark, and marks for parts rather than for their test', async () => {
    const statuses = await t.db
      .selectFrom('first_group_marks')
      .select(['status', 'code'])
      .execute();
    // Unjustified absences are too rare to be sure of one in 300: the draw's own test covers them.
    for (const status of ['MARK', 'KEPT', 'EXEMPT'] as const) {
      expect(
        statuses.some((m) => m.status === status),
        status,
      ).toBe(true);
    }
    const mco = await t.db
      .selectFrom('first_group_marks')
      .innerJoin('candidates', 'candidates.id', 'first_group_marks.candidate_id')
      .select(['first_group_marks.code', 'first_group_marks.status'])
      .where('candidates.specialty_code', '=', 'MCO')
      .execute();
    expect(mco.some((m) => m.code === 'E21')).toBe(true);
    // MCO's E2 and E4 have parts: an entry of their own only when exempted as a whole.
    expect(
      mco.filter((m) => m.code === 'E2' || m.code === 'E4').every((m) => m.status === 'EXEMPT'),
    ).toBe(true);
  });

  it('creates one account per role, with the references the roles need', async () => {
    const accounts = await t.db
      .selectFrom('accounts')
      .leftJoin('candidates', 'candidates.id', 'accounts.candidate_id')
      .leftJoin('schools', 'schools.uai', 'candidates.school_uai')
      .select([
        'accounts.identifier',
        'accounts.role',
        'accounts.password_hash',
        'accounts.candidate_id',
        'accounts.school_uai',
        'accounts.academy_code',
        'candidates.individual',
        'candidates.specialty_code',
        'schools.academy_code as candidate_school_academy',
        'candidates.school_uai as candidate_school',
      ])
      .orderBy('accounts.identifier')
      .execute();
    const byId = new Map(accounts.map((a) => [a.identifier, a]));
    expect([...byId.keys()].sort()).toEqual(DEMO_ACCOUNTS.accounts.map((a) => a.identifier).sort());
    for (const a of accounts) expect(a.password_hash).toBe(`fake-hash:${DEMO_PASSWORD}`);

    const outcomes = await outcomesOf(t.db);
    const candidate = byId.get('candidat.demo');
    expect(candidate).toMatchObject({
      role: 'CANDIDATE',
      individual: false,
      specialty_code: 'MCO',
      candidate_school_academy: '19',
    });
    expect(outcomes.get(candidate?.candidate_id ?? '')).toBe('CONTROL_ALLOWED');

    const individual = byId.get('individuel.demo');
    expect(individual).toMatchObject({
      role: 'CANDIDATE',
      individual: true,
      // Attached to candidat.demo's school, which sees them but may not choose for them.
      candidate_school: candidate?.candidate_school,
    });
    expect(outcomes.get(individual?.candidate_id ?? '')).toBe('CONTROL_ALLOWED');

    expect(byId.get('etablissement.demo')).toMatchObject({
      role: 'SCHOOL',
      school_uai: candidate?.candidate_school,
      candidate_id: null,
    });
    expect(byId.get('academie.demo')).toMatchObject({
      role: 'ACADEMY',
      academy_code: '12',
      candidate_id: null,
      school_uai: null,
    });
    expect(byId.get('pilote.demo')).toMatchObject({ role: 'PILOT', academy_code: '19' });

    const partner = await t.db
      .selectFrom('candidates')
      .select('id')
      .where('origin_academy_code', '=', '12')
      .execute();
    expect(partner.length).toBeGreaterThan(0);
  });

  it('refuses fewer candidates than the demo accounts need', async () => {
    await expect(
      seedDemo(t.db, { candidates: 2, hashPassword: hasher.hashPassword }),
    ).rejects.toThrow(RangeError);
  });

  it('does nothing the second time, and returns the same accounts', async () => {
    const before = await t.db.selectFrom('candidates').select('id').execute();
    const hashes = hasher.calls.length;
    const again = await seedDemo(t.db, {
      candidates: CANDIDATES,
      hashPassword: hasher.hashPassword,
    });
    expect(again).toEqual(DEMO_ACCOUNTS);
    expect(await t.db.selectFrom('candidates').select('id').execute()).toHaveLength(before.length);
    expect(hasher.calls).toHaveLength(hashes);
  });
});

describe('demo draw', () => {
  const draw = (seed: number, count = 50) =>
    drawCandidates({
      prng: createPrng(seed),
      count,
      year: 2024,
      specialties: SPECIALTIES,
      schools: DEMO_SCHOOLS,
      academyCodes: ACADEMIES.map((a) => a.code),
      scripted: [],
    });

  it('is the same for the same seed, and differs for another', () => {
    expect(draw(7)).toEqual(draw(7));
    expect(draw(8)).not.toEqual(draw(7));
  });

  it('draws every status, the rare ones rarely, over a full-size demo', () => {
    const statuses = draw(2024, 3000).flatMap((c) => [...c.marks.values()].map((m) => m.status));
    for (const status of ['KEPT', 'EXEMPT', 'ABSENT_JUSTIFIED', 'ABSENT'] as const) {
      expect(share(statuses, status), status).toBeGreaterThan(0);
      expect(share(statuses, status), status).toBeLessThan(0.01);
    }
  });

  it('gives schools unique, well-formed UAIs', () => {
    expect(new Set(DEMO_SCHOOLS.map((s) => s.uai)).size).toBe(DEMO_SCHOOLS.length);
    for (const s of DEMO_SCHOOLS) expect(s.uai).toMatch(/^[0-9]{7}[A-Z]$/);
  });
});
