import type { TestApi } from '../support/api-harness.ts';
import { type Phase, globalIdOf } from './fuzz-values.ts';

/** Who sends a request: nobody, or one of the demo accounts. */
export type Who = 'anonymous' | 'CANDIDATE' | 'SCHOOL' | 'ACADEMY' | 'PILOT';
export const EVERYONE: readonly Who[] = ['anonymous', 'CANDIDATE', 'SCHOOL', 'ACADEMY', 'PILOT'];

const IDENTIFIERS: Record<Exclude<Who, 'anonymous'>, string> = {
  CANDIDATE: 'candidat.demo',
  SCHOOL: 'etablissement.demo',
  ACADEMY: 'academie.demo',
  PILOT: 'pilote.demo',
};

/** A candidate of the seed, with what the tests need to know of it. */
export interface CandidateRef {
  readonly label: string;
  readonly uuid: string;
  readonly id: string;
  readonly number: string;
  readonly originAcademyCode: string;
  readonly schoolUai: string | null;
  readonly individual: boolean;
  readonly specialtyCode: string;
}

/**
 * The seeded world the exam-office mutations are fuzzed in: one token per
 * role, the candidates each property aims at (kept apart, so that one
 * property's accepted calls never change another's expectations), and the
 * instants of the MCO calendar (the specialty of candidat.demo, batch A).
 */
export interface ExamWorld {
  readonly tokens: Record<Who, string | null>;
  readonly accountIds: Record<Exclude<Who, 'anonymous'>, string>;
  /** candidat.demo: MCO, origin 19, at etablissement.demo's school; has a choice. */
  readonly own: CandidateRef;
  /** individuel.demo: individual, at the same school. */
  readonly individual: CandidateRef;
  /** Origin 19, another school. */
  readonly otherSchool: CandidateRef;
  /** MCO, origin 12 (academie.demo's), allowed to the control; has a choice. */
  readonly origin12: CandidateRef;
  /** MCO, origin 12, without a choice. */
  readonly noChoice: CandidateRef;
  /** Origin 12 and origin 19 candidates for accommodations. */
  readonly accommodated: readonly CandidateRef[];
  /** Candidates for jury decisions only (a decision changes an outcome). */
  readonly juryPool: readonly CandidateRef[];
  /** MCO's control-eligible general tests (codes). */
  readonly eligible: readonly string[];
  /** Every test code of every specialty of 2024. */
  readonly allCodes: readonly string[];
  readonly phases: {
    readonly beforeOpen: Phase;
    readonly open: Phase;
    readonly marking: Phase;
    readonly published: Phase;
  };
  /** Oral days of 2024. */
  readonly oralDays: readonly string[];
  /** The codes of every académie. */
  readonly academies: readonly string[];
}

interface SessionShape {
  examSession: {
    secondGroupResultsAt: string;
    oralDays: string[];
    specialties: {
      code: string;
      choiceWindow: { opensAt: string; closesAt: string };
      tests: { code: string; domain: string; controlEligible: boolean }[];
    }[];
  };
}

export async function examWorld(api: TestApi, now: Date): Promise<ExamWorld> {
  const tokens: Record<Who, string | null> = {
    anonymous: null,
    CANDIDATE: await api.logIn(IDENTIFIERS.CANDIDATE),
    SCHOOL: await api.logIn(IDENTIFIERS.SCHOOL),
    ACADEMY: await api.logIn(IDENTIFIERS.ACADEMY),
    PILOT: await api.logIn(IDENTIFIERS.PILOT),
  };
  const db = api.database.db;
  const accounts = await db
    .selectFrom('accounts')
    .select(['id', 'identifier', 'candidate_id'])
    .execute();
  const accountOf = (identifier: string) => {
    const account = accounts.find((a) => a.identifier === identifier);
    if (account === undefined) throw new Error(`no account ${identifier}`);
    return account;
  };
  const accountIds = {
    CANDIDATE: accountOf(IDENTIFIERS.CANDIDATE).id,
    SCHOOL: accountOf(IDENTIFIERS.SCHOOL).id,
    ACADEMY: accountOf(IDENTIFIERS.ACADEMY).id,
    PILOT: accountOf(IDENTIFIERS.PILOT).id,
  };

  const rows = await db
    .selectFrom('candidates')
    .select([
      'id',
      'number',
      'origin_academy_code',
      'school_uai',
      'individual',
      'specialty_code',
      'first_group_outcome',
    ])
    .where('year', '=', 2024)
    .orderBy('number')
    .execute();
  const ref = (label: string, row: (typeof rows)[number] | undefined): CandidateRef => {
    if (row === undefined) throw new Error(`the seed has no candidate for ${label}`);
    return {
      label,
      uuid: row.id,
      id: globalIdOf('Candidate', row.id),
      number: row.number,
      originAcademyCode: row.origin_academy_code,
      schoolUai: row.school_uai,
      individual: row.individual,
      specialtyCode: row.specialty_code,
    };
  };
  const own = ref(
    'own',
    rows.find((r) => r.id === accountOf(IDENTIFIERS.CANDIDATE).candidate_id),
  );
  const individual = ref(
    'individual',
    rows.find((r) => r.id === accountOf('individuel.demo').candidate_id),
  );
  const otherSchool = ref(
    'other school',
    rows.find(
      (r) =>
        r.origin_academy_code === '19' && r.school_uai !== null && r.school_uai !== own.schoolUai,
    ),
  );
  const origin12 = ref(
    'origin 12',
    rows.find(
      (r) =>
        r.origin_academy_code === '12' &&
        r.specialty_code === 'MCO' &&
        !r.individual &&
        r.first_group_outcome === 'CONTROL_ALLOWED',
    ),
  );
  const noChoice = ref(
    'no choice',
    rows.find(
      (r) => r.origin_academy_code === '12' && r.specialty_code === 'MCO' && r.id !== origin12.uuid,
    ),
  );
  const taken = new Set([
    own.uuid,
    individual.uuid,
    otherSchool.uuid,
    origin12.uuid,
    noChoice.uuid,
  ]);
  const free = rows.filter((r) => !taken.has(r.id));
  const accommodated = [
    ref(
      'accommodated 12',
      free.find((r) => r.origin_academy_code === '12'),
    ),
    ref(
      'accommodated 19',
      free.find((r) => r.origin_academy_code === '19'),
    ),
  ];
  const juryPool = free
    .filter((r) => !accommodated.some((a) => a.uuid === r.id))
    .slice(0, 3)
    .map((r, i) => ref(`jury ${i}`, r));

  const session = await api.gql<SessionShape>(
    `{ examSession(year: 2024) { secondGroupResultsAt oralDays
       specialties { code choiceWindow { opensAt closesAt } tests { code domain controlEligible } } } }`,
  );
  const reference = session.data?.examSession;
  const mco = reference?.specialties.find((s) => s.code === own.specialtyCode);
  if (reference === undefined || mco === undefined) throw new Error('no 2024 session');
  const eligible = mco.tests
    .filter((t) => t.domain === 'GENERAL' && t.controlEligible)
    .map((t) => t.code);
  const allCodes = [...new Set(reference.specialties.flatMap((s) => s.tests.map((t) => t.code)))];
  const opensAt = new Date(mco.choiceWindow.opensAt);
  const closesAt = new Date(mco.choiceWindow.closesAt);
  const secondGroupAt = new Date(reference.secondGroupResultsAt);
  if (!(opensAt <= now && now < closesAt)) throw new Error('NOW is not inside the MCO window');
  if (!(closesAt.getTime() + 3_600_000 < secondGroupAt.getTime()))
    throw new Error('no time to record marks between the MCO window and the second group');

  // Both candidates with a choice have one before anything is fuzzed:
  // candidat.demo enters their own; no demo account may enter the
  // origin-12 candidate's (their school has none), so it is written as
  // their school would have, by the fixture.
  const [first, second] = eligible;
  if (first === undefined || second === undefined) throw new Error('MCO has < 2 eligible tests');
  api.clock.set(now);
  const chosen = await api.gql<{ chooseControlTests: { __typename: string } }>(
    `mutation($id: ID!, $codes: [String!]!) { chooseControlTests(candidateId: $id, testCodes: $codes) { __typename } }`,
    { id: own.id, codes: [first, second] },
    tokens.CANDIDATE,
  );
  if (chosen.data?.chooseControlTests.__typename !== 'ControlChoice')
    throw new Error(`candidat.demo could not choose: ${JSON.stringify(chosen)}`);
  await db
    .insertInto('control_choices')
    .values({
      candidate_id: origin12.uuid,
      individual: false,
      test_code_1: [first, second].sort()[0] ?? first,
      test_code_2: [first, second].sort()[1] ?? second,
      channel: 'SCHOOL',
      entered_at: now,
      entered_by_account_id: accountIds.PILOT,
    })
    .execute();

  return {
    tokens,
    accountIds,
    own,
    individual,
    otherSchool,
    origin12,
    noChoice,
    accommodated,
    juryPool,
    eligible,
    allCodes,
    phases: {
      beforeOpen: { label: 'before the window', at: new Date(opensAt.getTime() - 1) },
      open: { label: 'window open', at: now },
      marking: { label: 'window closed', at: new Date(closesAt.getTime() + 3_600_000) },
      published: { label: 'second group published', at: new Date(secondGroupAt.getTime() + 1) },
    },
    oralDays: reference.oralDays,
    academies:
      (
        await api.gql<{ academies: { code: string }[] }>('{ academies { code } }')
      ).data?.academies.map((a) => a.code) ?? [],
  };
}
