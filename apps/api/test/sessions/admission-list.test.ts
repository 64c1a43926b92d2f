import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { candidateGlobalId } from '../support/candidate-id.ts';

// MCO (batch A) publishes its first group on 28 June 2024 at 08:00Z; the
// second group's results are published on 10 July 2024 at 14:30Z.
const BEFORE = new Date('2024-06-20T08:00:00.000Z');
const FIRST_GROUP = new Date('2024-06-28T08:00:00.000Z');
const SECOND_GROUP = new Date('2024-07-10T14:30:00.000Z');
const justBefore = (at: Date) => new Date(at.getTime() - 1);

const LIST = `query($year: Int!, $code: String!) { admissionList(year: $year, specialtyCode: $code) {
  year specialtyCode specialtyName firstGroupResultsAt secondGroupResultsAt complete
  names { lastName firstName } } }`;
const SET = `mutation($given: Boolean!) { setAdmissionListConsent(given: $given) { given givenAt } }`;
const MINE = `{ viewer { candidate { admissionListConsent { given givenAt } } } }`;
const RECORD_JURY = `mutation($id: ID!, $stage: JuryStage!, $outcome: JuryOutcome!) {
  recordJuryDecision(candidateId: $id, stage: $stage, outcome: $outcome, reason: "Délibération du jury") {
    __typename } }`;

interface Name {
  lastName: string;
  firstName: string;
}
interface List {
  admissionList: {
    year: number;
    specialtyCode: string;
    specialtyName: string;
    firstGroupResultsAt: string;
    secondGroupResultsAt: string;
    complete: boolean;
    names: Name[];
  } | null;
}
interface Row {
  id: string;
  last_name: string;
  first_name: string;
  first_group_outcome: string | null;
}

describe.each(backendsUnderTest())('the public list of admitted candidates, on %s', (backend) => {
  let api: TestApi;
  let candidate = '';
  let pilot = '';
  let me: Row;
  let admitted: Row[];
  let failed: Row;

  const list = async (token: string | null = null, code = 'MCO', year = 2024) => {
    const read = await api.gql<List>(LIST, { year, code }, token);
    expect(read.errors).toBeUndefined();
    return read.data?.admissionList ?? null;
  };
  const names = async (token: string | null = null) => (await list(token))?.names ?? [];
  const nameOf = (r: Row): Name => ({ lastName: r.last_name, firstName: r.first_name });
  const consent = (r: Row, at: Date) =>
    api.database.db
      .insertInto('admission_list_consents')
      .values({ candidate_id: r.id, given_at: at })
      .execute();
  const audit = () =>
    api.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_role', 'candidate_id'])
      .where('action', 'like', 'ADMISSION_LIST%')
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    api = await startTestApi(backend, { at: BEFORE, candidates: 150 });
    candidate = await api.logIn('candidat.demo');
    pilot = await api.logIn('pilote.demo');
    const rows = await api.database.db
      .selectFrom('candidates as c')
      .leftJoin('accounts as a', 'a.candidate_id', 'c.id')
      .select(['c.id', 'c.last_name', 'c.first_name', 'c.first_group_outcome', 'a.identifier'])
      .where('c.year', '=', 2024)
      .where('c.specialty_code', '=', 'MCO')
      .orderBy('c.number')
      .execute();
    const mine = rows.find((r) => r.identifier === 'candidat.demo');
    if (mine === undefined) throw new Error('candidat.demo is not an MCO candidate');
    me = mine;
    admitted = rows.filter((r) => r.first_group_outcome === 'ADMITTED');
    const someFailed = rows.find((r) => r.first_group_outcome === 'FAILED');
    if (admitted.length < 3 || someFailed === undefined) throw new Error('demo draw too small');
    failed = someFailed;
  });
  afterAll(async () => {
    await api.close();
  });

  it('is a candidate’s own choice, off by default; anyone else is refused and nothing is stored', async () => {
    expect((await api.gql(MINE, {}, candidate)).data).toEqual({
      viewer: { candidate: { admissionListConsent: { given: false, givenAt: null } } },
    });
    for (const who of ['etablissement.demo', 'academie.demo', 'pilote.demo']) {
      const token = await api.logIn(who);
      const refused = await api.gql(SET, { given: true }, token);
      expect(refused.errors?.[0]?.extensions?.code, who).toBe('FORBIDDEN');
    }
    expect((await api.gql(SET, { given: true })).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    // Nobody else reads it either.
    const school = await api.logIn('etablissement.demo');
    const read = await api.gql(
      `query($id: ID!) { node(id: $id) { ... on Candidate { admissionListConsent { given } } } }`,
      { id: candidateGlobalId(me.id) },
      school,
    );
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      await api.database.db.selectFrom('admission_list_consents').selectAll().execute(),
    ).toEqual([]);
    expect(await audit()).toEqual([]);
  });

  it('is given and withdrawn by the candidate, each change audited once', async () => {
    const given = await api.gql<{ setAdmissionListConsent: unknown }>(
      SET,
      { given: true },
      candidate,
    );
    expect(given.data?.setAdmissionListConsent).toEqual({
      given: true,
      givenAt: BEFORE.toISOString(),
    });
    // Asking again changes nothing and audits nothing.
    api.clock.set(new Date(BEFORE.getTime() + 60_000));
    const again = await api.gql<{ setAdmissionListConsent: unknown }>(
      SET,
      { given: true },
      candidate,
    );
    expect(again.data?.setAdmissionListConsent).toEqual({
      given: true,
      givenAt: BEFORE.toISOString(),
    });
    expect((await api.gql(MINE, {}, candidate)).data).toEqual({
      viewer: {
        candidate: { admissionListConsent: { given: true, givenAt: BEFORE.toISOString() } },
      },
    });
    const withdrawn = await api.gql<{ setAdmissionListConsent: unknown }>(
      SET,
      { given: false },
      candidate,
    );
    expect(withdrawn.data?.setAdmissionListConsent).toEqual({ given: false, givenAt: null });
    expect(await audit()).toEqual([
      { action: 'ADMISSION_LIST_CONSENT_GIVEN', actor_role: 'CANDIDATE', candidate_id: me.id },
      { action: 'ADMISSION_LIST_CONSENT_WITHDRAWN', actor_role: 'CANDIDATE', candidate_id: me.id },
    ]);
    api.clock.set(BEFORE);
  });

  it('names no one before the first-group results instant, whoever asks, the pilot included', async () => {
    const [first, second] = admitted;
    if (first === undefined || second === undefined) throw new Error('unreachable');
    await consent(first, BEFORE);
    await consent(second, BEFORE);
    await consent(failed, BEFORE);
    api.clock.set(justBefore(FIRST_GROUP));
    for (const token of [null, pilot, candidate]) {
      const early = await list(token);
      expect(early).toEqual({
        year: 2024,
        specialtyCode: 'MCO',
        specialtyName: expect.stringContaining('Management commercial') as unknown,
        firstGroupResultsAt: FIRST_GROUP.toISOString(),
        secondGroupResultsAt: SECOND_GROUP.toISOString(),
        complete: false,
        names: [],
      });
    }
  });

  it('names, from the instant, the admitted who consented and no one else, in French order', async () => {
    const [first, second, third] = admitted;
    if (first === undefined || second === undefined || third === undefined)
      throw new Error('unreachable');
    api.clock.set(FIRST_GROUP);
    const expected = [nameOf(first), nameOf(second)].sort(
      (a, b) =>
        a.lastName.localeCompare(b.lastName, 'fr', { sensitivity: 'base' }) ||
        a.firstName.localeCompare(b.firstName, 'fr', { sensitivity: 'base' }),
    );
    expect(await names()).toEqual(expected);
    // The third admitted did not consent; the failed one did, but is not admitted.
    expect(await names()).not.toContainEqual(nameOf(third));
    expect(await names()).not.toContainEqual(nameOf(failed));
    expect((await list())?.complete).toBe(false);
    // Another specialty's list does not hold them.
    const ndrc = await list(null, 'NDRC');
    expect(ndrc?.names).not.toContainEqual(nameOf(first));
  });

  it('follows the jury: its first-group decision at the first instant, its final one at the second', async () => {
    api.clock.set(FIRST_GROUP);
    // The failed candidate, admitted by the jury's first-group decision.
    const juried = await api.gql<{ recordJuryDecision: { __typename: string } }>(
      RECORD_JURY,
      { id: candidateGlobalId(failed.id), stage: 'FIRST_GROUP', outcome: 'ADMITTED' },
      pilot,
    );
    expect(juried.errors).toBeUndefined();
    expect(await names()).toContainEqual(nameOf(failed));

    // candidat.demo (allowed to the control) consents; admitted by the final jury.
    expect((await api.gql(SET, { given: true }, candidate)).errors).toBeUndefined();
    const final = await api.gql(
      RECORD_JURY,
      { id: candidateGlobalId(me.id), stage: 'FINAL', outcome: 'ADMITTED' },
      pilot,
    );
    expect(final.errors).toBeUndefined();
    expect(await names()).not.toContainEqual(nameOf(me));
    api.clock.set(justBefore(SECOND_GROUP));
    expect(await names()).not.toContainEqual(nameOf(me));
    expect((await list())?.complete).toBe(false);
    api.clock.set(SECOND_GROUP);
    expect(await names()).toContainEqual(nameOf(me));
    expect((await list())?.complete).toBe(true);
    // Admitted at the first group, still listed once the final results are out.
    expect(await names()).toContainEqual(nameOf(admitted[0] as Row));

    // Withdrawn: off the list at once.
    expect((await api.gql(SET, { given: false }, candidate)).errors).toBeUndefined();
    expect(await names()).not.toContainEqual(nameOf(me));
  });

  it('is null for a session or a specialty not defined, and carries names only', async () => {
    api.clock.set(SECOND_GROUP);
    expect(await list(null, 'XYZ')).toBeNull();
    expect(await list(null, 'MCO', 2031)).toBeNull();
    const fields = await api.gql<{ __type: { fields: { name: string }[] } }>(
      `{ __type(name: "AdmittedName") { fields { name } } }`,
    );
    expect(fields.data?.__type.fields.map((f) => f.name).sort()).toEqual(['firstName', 'lastName']);
  });
});
