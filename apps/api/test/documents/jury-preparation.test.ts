import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import { A_PUBLISHED, SECOND_GROUP, addAccount, csvTable, ms, prepareControl } from './fixtures.ts';

const PATH = `query($stage: JuryStage!, $distance: String) { examSession(year: 2024) {
  specialties { code juryPreparationPath(stage: $stage, distance: $distance) } } }`;

/** « 9,74 » as a number of hundredths, to compare the order of the rows. */
const hundredths = (cell: string | undefined) =>
  cell === undefined || !/^\d+,\d\d$/.test(cell) ? null : Number(cell.replace(',', ''));

describe.each(backendsUnderTest())('the jury preparation sheet, on %s', (backend) => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  const get = (path: string, who: string | null) =>
    fetch(`${api.url}${path}`, {
      headers: who === null ? {} : { authorization: `Bearer ${tokens[who] ?? ''}` },
    });
  const path = async (stage: string, distance?: string) => {
    const answer = await api.gql<{
      examSession: { specialties: { code: string; juryPreparationPath: string }[] };
    }>(PATH, { stage, distance }, tokens['pilote.demo']);
    expect(answer.errors).toBeUndefined();
    const found = answer.data?.examSession.specialties.find((s) => s.code === 'MCO');
    if (found === undefined) throw new Error('no MCO');
    return found.juryPreparationPath;
  };

  beforeAll(async () => {
    api = await startTestApi(backend, { at: ms(A_PUBLISHED, -60_000), candidates: 400 });
    await addAccount(api, 'academie12.test', { role: 'ACADEMY', academy_code: '12' });
    for (const who of ['pilote.demo', 'academie12.test', 'etablissement.demo'])
      tokens[who] = await api.logIn(who);
  });
  afterAll(async () => {
    await api.close();
  });

  it('lists a specialty’s candidates by average, best first, before publication, flagging those just under a threshold', async () => {
    const where = await path('FIRST_GROUP', '0,5');
    expect(where).toBe(
      '/documents/preparation-jury.csv?year=2024&specialty=MCO&stage=FIRST_GROUP&distance=0%2C5',
    );
    const response = await get(where, 'pilote.demo');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...rows] = csvTable(await response.text());
    expect(header).toEqual([
      'Numéro',
      'Nom',
      'Prénom',
      'Moyenne générale',
      'Moyenne du domaine professionnel',
      'Résultat calculé',
      'Décision du jury',
      'Motif',
      'À examiner',
    ]);
    const mco = await api.database.db
      .selectFrom('candidates')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('specialty_code', '=', 'MCO')
      .where('year', '=', 2024)
      .executeTakeFirstOrThrow();
    expect(rows).toHaveLength(Number(mco.n));
    const averages = rows.map((r) => hundredths(r[3])).filter((a) => a !== null);
    expect(averages).toEqual([...averages].sort((a, b) => b - a));
    // Every flag says a threshold and what is missing, at most the distance.
    for (const row of rows) {
      const flags = row[8] ?? '';
      const average = hundredths(row[3]);
      if (average !== null && average < 1000 && average >= 950)
        expect(flags, row.join(';')).toContain('Admission (10) : manque 0,');
      if (average !== null && average >= 1000) expect(flags).not.toContain('Admission');
      for (const missing of flags.matchAll(/manque (\d+),(\d\d)/g))
        expect(Number(`${missing[1]}${missing[2]}`)).toBeLessThanOrEqual(50);
    }
    expect(rows.some((r) => (r[8] ?? '') !== '')).toBe(true);
  });

  it('after the control, lists only the candidates allowed to it, with their final average', async () => {
    api.clock.set(A_PUBLISHED);
    const fixture = await prepareControl(api, 2);
    api.clock.set(SECOND_GROUP);
    const [header, ...rows] = csvTable(
      await (await get(await path('FINAL'), 'pilote.demo')).text(),
    );
    expect(header?.[3]).toBe('Moyenne générale après le contrôle');
    expect(header).not.toContain('Moyenne du domaine professionnel');
    const allowed = await api.database.db
      .selectFrom('candidates')
      .select('number')
      .where('specialty_code', '=', 'MCO')
      .where('first_group_outcome', '=', 'CONTROL_ALLOWED')
      .execute();
    expect(rows.map((r) => r[0]).sort()).toEqual(allowed.map((a) => a.number).sort());
    // The chosen candidates had 20 at both orals: admitted after the control.
    const ids = fixture.chosen.map((c) => c.number);
    for (const row of rows.filter((r) => ids.includes(r[0] ?? ''))) expect(row[4]).toBe('Admis');
  });

  it('is the pilot’s alone, audited, and refuses bad parameters in French', async () => {
    const where = await path('FIRST_GROUP');
    for (const who of ['academie12.test', 'etablissement.demo'])
      expect((await get(where, who)).status, who).toBe(404);
    expect((await get(where, null)).status).toBe(401);
    const field = await api.gql(PATH, { stage: 'FIRST_GROUP' }, tokens['academie12.test']);
    expect(field.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const wrong = await api.gql(
      PATH,
      { stage: 'FIRST_GROUP', distance: 'beaucoup' },
      tokens['pilote.demo'],
    );
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const audited = await api.database.db
      .selectFrom('audit_log')
      .select(['actor_role', 'after'])
      .where('action', '=', 'DOCUMENT_PRODUCED')
      .orderBy('id')
      .execute();
    expect(audited.map((a) => a.actor_role)).toEqual(['PILOT', 'PILOT']);
    expect(audited[0]?.after).toMatchObject({
      document: 'JURY_PREPARATION',
      year: 2024,
      specialtyCode: 'MCO',
      stage: 'FIRST_GROUP',
      distanceHundredths: 50,
    });

    for (const [query, message] of [
      ['stage=PREMIER', 'Paramètre stage invalide (FIRST_GROUP ou FINAL).'],
      ['stage=FINAL&distance=x', 'Paramètre distance invalide (en points, par exemple 0,5).'],
      [
        'stage=FINAL&specialty=mco;',
        'Paramètre specialty invalide (un code de spécialité, par exemple MCO).',
      ],
    ] as const) {
      const specialty = query.includes('specialty=') ? '' : 'specialty=MCO&';
      const response = await get(
        `/documents/preparation-jury.csv?year=2024&${specialty}${query}`,
        'pilote.demo',
      );
      expect(response.status, query).toBe(400);
      expect(await response.json()).toEqual({
        errors: [{ message, extensions: { code: 'BAD_REQUEST' } }],
      });
    }
    // A specialty the session does not have: as if it did not exist.
    expect(
      (
        await get(
          '/documents/preparation-jury.csv?year=2024&specialty=XYZ&stage=FINAL',
          'pilote.demo',
        )
      ).status,
    ).toBe(404);
  });
});
