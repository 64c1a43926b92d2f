import { calendar2024, oralDayFor } from '@rattrapage/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { parsePdf } from '../documents/pdf-text.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { candidateGlobalId } from '../support/candidate-id.ts';

// Batch A (MCO, NDRC): the choice window closes on 1 July 2024 at 10:00 Paris (08:00Z).
const AFTER_WINDOW = new Date('2024-07-01T09:00:00.000Z');
const MCO_DAY_19 = oralDayFor(calendar2024, 'MCO', '19');
const MINUTE = 60_000;

const SET_EXAMINERS = `mutation($a: String!, $e: [ExaminerInput!]!) {
  setExaminers(year: 2024, academyCode: $a, examiners: $e) {
    __typename
    ... on ExaminerList { examiners { name day availableFrom availableUntil tests { specialtyCode testCode } } }
    ... on InvalidPlanningInput { code problems }
  } }`;
const SET_ROOMS = `mutation($a: String!, $r: [RoomInput!]!) {
  setRooms(year: 2024, academyCode: $a, rooms: $r) { __typename ... on RoomList { rooms { name accessible } } } }`;
const SET_CENTRES = `mutation($a: String!, $c: [ExamCentreInput!]!) {
  setExamCentres(year: 2024, academyCode: $a, centres: $c) {
    __typename
    ... on ExamCentreList { centres { day specialtyCodes centre { name street postcode city } } }
    ... on InvalidPlanningInput { code problems }
  } }`;
const CENTRE = {
  name: 'Lycée des Essais',
  street: '2 rue de l’Université',
  postcode: '51100',
  city: 'Reims',
};
const PLACE_A = 'Lycée des Essais, 2 rue de l’Université, 51100 Reims — Salle A';
const SET_ACCOMMODATION = `mutation($id: ID!, $a: AccommodationInput) {
  setAccommodation(candidateId: $id, accommodation: $a) {
    __typename
    ... on CandidateAccommodation { accommodation { extraPreparation accessibleRoomRequired note } }
    ... on InvalidPlanningInput { code }
  } }`;
const SCHEDULE = `mutation($a: String!) {
  scheduleConvocations(year: 2024, academyCode: $a) {
    __typename
    ... on ConvocationPlan { issued alreadyIssued unplaced { candidate { id } reason testCode message } }
  } }`;
const CANDIDATE_VIEW = `{ viewer { candidate { control { convocations { test { code } room place centre { name street postcode city } accommodation preparationStartsAt startsAt endsAt } } } } }`;

interface Plan {
  scheduleConvocations: {
    __typename: string;
    issued: number;
    alreadyIssued: number;
    unplaced: {
      candidate: { id: string };
      reason: string;
      testCode: string | null;
      message: string;
    }[];
  };
}

const examiner = (name: string, from: string, until: string) => ({
  name,
  day: MCO_DAY_19,
  availableFrom: from,
  availableUntil: until,
  tests: [
    { specialtyCode: 'MCO', testCode: 'E1' },
    { specialtyCode: 'MCO', testCode: 'E3' },
  ],
});

describe.each(backendsUnderTest())('the oral planner on %s', (backend) => {
  let api: TestApi;
  let pilot: string;
  let academy12: string;
  let accommodated: string; // candidat.demo: MCO, origin 19
  let mco: string[]; // three more MCO candidates of origin 19
  let ndrc: string;

  const convocationRows = () =>
    api.database.db
      .selectFrom('convocations')
      .selectAll()
      .orderBy('candidate_id')
      .orderBy('test_code')
      .execute();

  beforeAll(async () => {
    api = await startTestApi(backend, { candidates: 300 });
    pilot = await api.logIn('pilote.demo');
    academy12 = await api.logIn('academie.demo');
    const db = api.database.db;
    const account = await db
      .selectFrom('accounts')
      .select(['id', 'candidate_id'])
      .where('identifier', '=', 'candidat.demo')
      .executeTakeFirstOrThrow();
    accommodated = account.candidate_id ?? '';
    const others = await db
      .selectFrom('candidates')
      .select(['id', 'specialty_code', 'individual'])
      .where('origin_academy_code', '=', '19')
      .where('first_group_outcome', '=', 'CONTROL_ALLOWED')
      .where('id', '<>', accommodated)
      .orderBy('number')
      .execute();
    mco = others
      .filter((c) => c.specialty_code === 'MCO')
      .slice(0, 3)
      .map((c) => c.id);
    ndrc = others.find((c) => c.specialty_code === 'NDRC')?.id ?? '';
    expect(mco).toHaveLength(3);
    expect(ndrc).not.toBe('');
    // Choices entered during the window (set up directly: choosing is tested elsewhere).
    const chosen = others.filter((c) => mco.includes(c.id) || c.id === ndrc);
    await db
      .insertInto('control_choices')
      .values(
        [{ id: accommodated, individual: false }, ...chosen].map((c) => ({
          candidate_id: c.id,
          individual: c.individual,
          test_code_1: 'E1',
          test_code_2: 'E3',
          channel: 'CANDIDATE_SPACE' as const,
          entered_at: new Date('2024-06-30T08:00:00.000Z'),
          entered_by_account_id: account.id,
        })),
      )
      .execute();
  });
  afterAll(async () => {
    await api.close();
  });

  it('lets an académie declare examiners, rooms and accommodations, idempotently and audited', async () => {
    // One examiner, 8:00 to 10:00: room for two candidates' four 20-minute orals, with ten
    // minutes between a candidate's oral and their next preparation (the default gap).
    const declared = await api.gql<{ setExaminers: { __typename: string; examiners: unknown[] } }>(
      SET_EXAMINERS,
      { a: '19', e: [examiner('Mme Durand', '08:00', '10:00')] },
      pilot,
    );
    expect(declared.errors).toBeUndefined();
    expect(declared.data?.setExaminers).toEqual({
      __typename: 'ExaminerList',
      examiners: [
        {
          name: 'Mme Durand',
          day: MCO_DAY_19,
          availableFrom: `${MCO_DAY_19}T06:00:00.000Z`,
          availableUntil: `${MCO_DAY_19}T08:00:00.000Z`,
          tests: [
            { specialtyCode: 'MCO', testCode: 'E1' },
            { specialtyCode: 'MCO', testCode: 'E3' },
          ],
        },
      ],
    });
    const again = await api.gql(
      SET_EXAMINERS,
      { a: '19', e: [examiner('Mme Durand', '08:00', '10:00')] },
      pilot,
    );
    expect(again.data).toEqual(declared.data);

    const rooms = await api.gql(
      SET_ROOMS,
      { a: '19', r: [{ name: 'Salle A', accessible: false }] },
      pilot,
    );
    expect(rooms.data).toEqual({
      setRooms: { __typename: 'RoomList', rooms: [{ name: 'Salle A', accessible: false }] },
    });

    const centres = await api.gql(
      SET_CENTRES,
      { a: '19', c: [{ day: MCO_DAY_19, specialtyCodes: ['MCO'], ...CENTRE }] },
      pilot,
    );
    expect(centres.data).toEqual({
      setExamCentres: {
        __typename: 'ExamCentreList',
        centres: [{ day: MCO_DAY_19, specialtyCodes: ['MCO'], centre: CENTRE }],
      },
    });
    const stored = await api.database.db
      .selectFrom('exam_centres')
      .select(['specialty_code', 'postcode'])
      .where('academy_code', '=', '19')
      .execute();
    expect(stored).toEqual([{ specialty_code: 'MCO', postcode: '51100' }]);

    const accommodation = await api.gql(
      SET_ACCOMMODATION,
      {
        id: candidateGlobalId(accommodated),
        a: {
          extraPreparation: { numerator: 1, denominator: 3 },
          accessibleRoomRequired: true,
          note: null,
        },
      },
      pilot,
    );
    expect(accommodation.data).toEqual({
      setAccommodation: {
        __typename: 'CandidateAccommodation',
        accommodation: { extraPreparation: '1/3', accessibleRoomRequired: true, note: null },
      },
    });

    const audit = await api.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', [
        'EXAMINERS_SET',
        'ROOMS_SET',
        'ACCOMMODATION_SET',
        'EXAM_CENTRES_SET',
      ])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'ACCOMMODATION_SET',
      'EXAMINERS_SET',
      'EXAMINERS_SET',
      'EXAM_CENTRES_SET',
      'ROOMS_SET',
    ]);
  });

  it('shows an accommodation to the candidate, the pilot, the académie of origin, never to a school', async () => {
    const ACCOMMODATION = `query($id: ID!) { candidate(id: $id) { accommodation { extraPreparation accessibleRoomRequired note } } }`;
    const granted = { extraPreparation: '1/3', accessibleRoomRequired: true, note: null };
    const own = await api.gql(
      `{ viewer { candidate { accommodation { extraPreparation accessibleRoomRequired note } } } }`,
      {},
      await api.logIn('candidat.demo'),
    );
    expect(own.errors).toBeUndefined();
    expect(own.data).toEqual({ viewer: { candidate: { accommodation: granted } } });
    const byPilot = await api.gql(ACCOMMODATION, { id: candidateGlobalId(accommodated) }, pilot);
    expect(byPilot.data).toEqual({ candidate: { accommodation: granted } });

    // The school sees its candidate, but not this health-related measure.
    const bySchool = await api.gql<{ candidate: { accommodation: unknown } | null }>(
      ACCOMMODATION,
      { id: candidateGlobalId(accommodated) },
      await api.logIn('etablissement.demo'),
    );
    expect(bySchool.data?.candidate).toEqual({ accommodation: null });
    expect(bySchool.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['candidate', 'accommodation'], 'FORBIDDEN'],
    ]);
    // Another académie, another candidate: the candidate itself is out of sight.
    for (const token of [academy12, await api.logIn('individuel.demo')]) {
      const other = await api.gql(ACCOMMODATION, { id: candidateGlobalId(accommodated) }, token);
      expect(other.errors).toBeUndefined();
      expect(other.data).toEqual({ candidate: null });
    }
    // No accommodation reads as null, without an error.
    const none = await api.gql(ACCOMMODATION, { id: candidateGlobalId(mco[0] ?? '') }, pilot);
    expect(none.errors).toBeUndefined();
    expect(none.data).toEqual({ candidate: { accommodation: null } });
  });

  it('shows a later field of one mutation the accommodation an earlier field set', async () => {
    // The fields run one after the other and share the request's loaders.
    const granted = `extraPreparation: { numerator: 1, denominator: 3 }, accessibleRoomRequired: true`;
    const SEQUENCE = `mutation($id: ID!) {
      before: releaseResult(candidateId: $id) { accommodation { note } }
      set: setAccommodation(candidateId: $id,
        accommodation: { ${granted}, note: "Table réglable en hauteur." }) { __typename }
      after: releaseResult(candidateId: $id) { accommodation { note } }
      back: setAccommodation(candidateId: $id, accommodation: { ${granted}, note: null }) { __typename }
      again: releaseResult(candidateId: $id) { accommodation { note } }
    }`;
    const sequence = await api.gql(SEQUENCE, { id: candidateGlobalId(accommodated) }, pilot);
    expect(sequence.errors).toBeUndefined();
    expect(sequence.data).toEqual({
      before: { accommodation: { note: null } },
      set: { __typename: 'CandidateAccommodation' },
      after: { accommodation: { note: 'Table réglable en hauteur.' } },
      back: { __typename: 'CandidateAccommodation' },
      again: { accommodation: { note: null } },
    });
  });

  it('refuses bad declarations as data', async () => {
    const bad = await api.gql<{
      setExaminers: { __typename: string; code: string; problems: string[] };
    }>(
      SET_EXAMINERS,
      {
        a: '19',
        e: [
          { ...examiner('M. Petit', '10:00', '09:00') },
          {
            ...examiner('M. Petit', '08:00', '09:00'),
            tests: [{ specialtyCode: 'MCO', testCode: 'E9' }],
          },
        ],
      },
      pilot,
    );
    expect(bad.data?.setExaminers.__typename).toBe('InvalidPlanningInput');
    expect(bad.data?.setExaminers.code).toBe('INVALID_PLANNING_INPUT');
    expect(bad.data?.setExaminers.problems.join(' | ')).toMatch(/E9.*|fin de disponibilité/);
    expect(bad.data?.setExaminers.problems.length).toBeGreaterThanOrEqual(3);
    const ratio = await api.gql<{ setAccommodation: { __typename: string } }>(
      SET_ACCOMMODATION,
      {
        id: candidateGlobalId(accommodated),
        a: { extraPreparation: { numerator: 1, denominator: 0 }, accessibleRoomRequired: false },
      },
      pilot,
    );
    expect(ratio.data?.setAccommodation.__typename).toBe('InvalidPlanningInput');

    const before = await api.database.db.selectFrom('exam_centres').selectAll().execute();
    const centres = await api.gql<{
      setExamCentres: { __typename: string; code: string; problems: string[] };
    }>(
      SET_CENTRES,
      {
        a: '19',
        c: [
          { day: MCO_DAY_19, specialtyCodes: ['MCO'], ...CENTRE, postcode: '5110' },
          { day: MCO_DAY_19, specialtyCodes: ['MCO', 'XYZ'], ...CENTRE, city: ' ' },
        ],
      },
      pilot,
    );
    expect(centres.data?.setExamCentres.__typename).toBe('InvalidPlanningInput');
    expect(centres.data?.setExamCentres.problems).toEqual([
      '« Lycée des Essais » : code postal invalide « 5110 » (cinq chiffres)',
      '« Lycée des Essais » : commune manquante',
      `spécialité MCO : deux centres d’épreuves le ${MCO_DAY_19}`,
      'spécialité inconnue : XYZ',
    ]);
    // Refused as a whole: nothing changed.
    expect(await api.database.db.selectFrom('exam_centres').selectAll().execute()).toEqual(before);
  });

  it('keeps an académie to its own planning (FORBIDDEN)', async () => {
    for (const [query, variables] of [
      [SCHEDULE, { a: '19' }],
      [SET_ROOMS, { a: '19', r: [] }],
      [SET_EXAMINERS, { a: '19', e: [] }],
      [SET_CENTRES, { a: '19', c: [] }],
      [SET_ACCOMMODATION, { id: candidateGlobalId(accommodated), a: null }],
    ] as const) {
      const refused = await api.gql(query, variables, academy12);
      expect(refused.errors?.[0]?.extensions?.code, query).toBe('FORBIDDEN');
    }
    const own = await api.gql<Plan>(SCHEDULE, { a: '12' }, academy12);
    expect(own.data?.scheduleConvocations.__typename).toBe('ConvocationPlan');
  });

  it('schedules within capacity and reports who could not be placed, and why', async () => {
    api.clock.set(AFTER_WINDOW);
    const plan = await api.gql<Plan>(SCHEDULE, { a: '19' }, pilot);
    expect(plan.errors).toBeUndefined();
    const result = plan.data?.scheduleConvocations;
    expect(result?.issued).toBe(4);
    const reasons = Object.fromEntries(
      (result?.unplaced ?? []).map((u) => [u.candidate.id, [u.reason, u.testCode]]),
    );
    expect(reasons).toEqual({
      [candidateGlobalId(accommodated)]: ['NO_ACCESSIBLE_ROOM', 'E1'],
      [candidateGlobalId(ndrc)]: ['NO_EXAMINER', 'E1'],
      [candidateGlobalId(mco[2] ?? '')]: ['DAY_FULL', null],
    });
    for (const u of result?.unplaced ?? []) expect(u.message).toMatch(/\S/);

    const rows = await convocationRows();
    expect(rows.map((r) => r.candidate_id).sort()).toEqual([mco[0], mco[0], mco[1], mco[1]].sort());
    for (const r of rows) {
      expect([r.room, r.place, r.examiner]).toEqual(['Salle A', PLACE_A, 'Mme Durand']);
      expect([r.centre_name, r.centre_street, r.centre_postcode, r.centre_city]).toEqual([
        CENTRE.name,
        CENTRE.street,
        CENTRE.postcode,
        CENTRE.city,
      ]);
      expect(r.starts_at.getTime() - r.preparation_starts_at.getTime()).toBe(20 * MINUTE);
      expect(r.preparation_starts_at >= new Date(`${MCO_DAY_19}T06:00:00.000Z`)).toBe(true);
      expect(r.ends_at <= new Date(`${MCO_DAY_19}T08:00:00.000Z`)).toBe(true);
    }
    const orals = rows.map((r) => [r.starts_at.getTime(), r.ends_at.getTime()] as const);
    for (const [i, a] of orals.entries())
      for (const b of orals.slice(i + 1)) expect(a[0] < b[1] && b[0] < a[1]).toBe(false);
  });

  it('re-running after a late change keeps issued convocations and places only the new ones', async () => {
    const before = await convocationRows();
    await api.gql(
      SET_EXAMINERS,
      {
        a: '19',
        e: [examiner('Mme Durand', '08:00', '10:00'), examiner('M. Leroy', '08:00', '12:00')],
      },
      pilot,
    );
    await api.gql(
      SET_ROOMS,
      {
        a: '19',
        r: [
          { name: 'Salle A', accessible: false },
          { name: 'Salle B (RDC)', accessible: true },
        ],
      },
      pilot,
    );
    const plan = await api.gql<Plan>(SCHEDULE, { a: '19' }, pilot);
    expect(plan.data?.scheduleConvocations).toMatchObject({ issued: 4, alreadyIssued: 4 });
    expect(plan.data?.scheduleConvocations.unplaced.map((u) => u.reason)).toEqual(['NO_EXAMINER']);

    const after = await convocationRows();
    const kept = after.filter((r) => before.some((b) => b.candidate_id === r.candidate_id));
    expect(kept).toEqual(before);
    const all = after.map((r) => ({ ...r, from: r.starts_at.getTime(), to: r.ends_at.getTime() }));
    for (const [i, a] of all.entries())
      for (const b of all.slice(i + 1)) {
        const overlap = a.from < b.to && b.from < a.to;
        if (a.examiner === b.examiner || a.room === b.room) expect(overlap).toBe(false);
      }

    // The accommodated candidate sees the accessible room and the extra time.
    const token = await api.logIn('candidat.demo');
    const view = await api.gql<{
      viewer: {
        candidate: {
          control: {
            convocations: {
              room: string;
              place: string;
              centre: typeof CENTRE | null;
              accommodation: string | null;
              preparationStartsAt: string;
              startsAt: string;
            }[];
          };
        };
      };
    }>(CANDIDATE_VIEW, {}, token);
    expect(view.errors).toBeUndefined();
    const convocations = view.data?.viewer.candidate.control.convocations ?? [];
    expect(convocations).toHaveLength(2);
    for (const c of convocations) {
      expect(c.room).toBe('Salle B (RDC)');
      expect(c.place).toBe('Lycée des Essais, 2 rue de l’Université, 51100 Reims — Salle B (RDC)');
      expect(c.centre).toEqual(CENTRE);
      expect(c.accommodation).toBe(
        'Aménagement : temps de préparation majoré de 7 min (1/3) ; salle accessible.',
      );
      expect(new Date(c.startsAt).getTime() - new Date(c.preparationStartsAt).getTime()).toBe(
        27 * MINUTE,
      );
    }
    const extra = await api.database.db
      .selectFrom('convocations')
      .select('extra_preparation_minutes')
      .where('candidate_id', '=', accommodated)
      .execute();
    expect(extra.map((e) => e.extra_preparation_minutes)).toEqual([7, 7]);

    // The printed convocation says the same: the planned preparation and the measures.
    const response = await fetch(
      `${api.url}/documents/convocation.pdf?candidate=${candidateGlobalId(accommodated)}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(response.status).toBe(200);
    const pdf = await parsePdf(new Uint8Array(await response.arrayBuffer()));
    expect(pdf.text.match(/Début de la préparation : \d+ h \d\d \(27 minutes\)/g)).toHaveLength(2);
    expect(pdf.text).not.toMatch(/Début de la préparation : \d+ h \d\d \(20 minutes\)/);
    expect(
      pdf.text.match(
        /Aménagement : temps de préparation majoré de 7 min \(1\/3\) ; salle accessible\./g,
      ),
    ).toHaveLength(2);
  });

  it('falls back to one virtual examiner and room per test for an académie without examiners', async () => {
    const db = api.database.db;
    const candidate = await db
      .selectFrom('candidates')
      .select(['id', 'individual', 'origin_academy_code'])
      .where('origin_academy_code', 'not in', ['19', '12'])
      .where('specialty_code', '=', 'MCO')
      .where('first_group_outcome', '=', 'CONTROL_ALLOWED')
      .orderBy('number')
      .executeTakeFirstOrThrow();
    const account = await db.selectFrom('accounts').select('id').executeTakeFirstOrThrow();
    await db
      .insertInto('control_choices')
      .values({
        candidate_id: candidate.id,
        individual: candidate.individual,
        test_code_1: 'E1',
        test_code_2: 'E2',
        channel: 'CANDIDATE_SPACE',
        entered_at: new Date('2024-06-30T08:00:00.000Z'),
        entered_by_account_id: account.id,
      })
      .execute();
    const plan = await api.gql<Plan>(SCHEDULE, { a: candidate.origin_academy_code }, pilot);
    expect(plan.data?.scheduleConvocations).toMatchObject({ issued: 2, unplaced: [] });
    const rows = await db
      .selectFrom('convocations')
      .select(['test_code', 'room', 'place', 'preparation_starts_at'])
      .where('candidate_id', '=', candidate.id)
      .orderBy('starts_at')
      .execute();
    expect(rows.map((r) => r.room).sort()).toEqual(['salle E1', 'salle E2']);
    for (const r of rows)
      expect(r.place).toMatch(
        new RegExp(`^Centre d’épreuves de l’académie (de |d’).+ — ${r.room}$`),
      );
    const day = oralDayFor(calendar2024, 'MCO', candidate.origin_academy_code);
    // 8:00 Paris (summer) is 06:00Z.
    expect(rows[0]?.preparation_starts_at.toISOString()).toBe(`${day}T06:00:00.000Z`);
  });
});
