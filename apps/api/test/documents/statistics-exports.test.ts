import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, startTestApi } from '../support/api-harness.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import {
  A_PUBLISHED,
  B_PUBLISHED,
  SECOND_GROUP,
  addAccount,
  ms,
  prepareControl,
} from './fixtures.ts';

const STATS = `query($a: String) { statistics(year: 2024, academyCode: $a) {
  outcomes { specialtyCode originAcademyCode outcome count }
  choices { specialtyCode count }
  controlPassRates { specialtyCode passed presented exact percentHundredths percent }
  markDistributions { specialtyCode code stage buckets count } } }`;

interface Stats {
  statistics: {
    outcomes: {
      specialtyCode: string;
      originAcademyCode: string;
      outcome: string;
      count: number;
    }[];
    choices: { specialtyCode: string; count: number }[];
    controlPassRates: {
      specialtyCode: string | null;
      passed: number;
      presented: number;
      exact: string | null;
      percent: string | null;
    }[];
    markDistributions: {
      specialtyCode: string;
      code: string;
      stage: string;
      buckets: number[];
      count: number;
    }[];
  };
}

function parseCsv(body: ArrayBuffer): { bom: boolean; lines: string[][] } {
  const bytes = new Uint8Array(body);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, '');
  return {
    bom,
    lines: text
      .split('\r\n')
      .filter((l) => l !== '')
      .map((l) => l.split(';')),
  };
}

describe.each(backendsUnderTest())('statistics and CSV exports, on %s', (backend) => {
  let api: TestApi;
  const tokens: Record<string, string> = {};
  const csv = async (path: string, who: string) => {
    const r = await fetch(`${api.url}${path}`, {
      headers: { authorization: `Bearer ${tokens[who] ?? ''}` },
    });
    return {
      status: r.status,
      type: r.headers.get('content-type'),
      ...parseCsv(await r.arrayBuffer()),
    };
  };

  beforeAll(async () => {
    api = await startTestApi(backend, { at: A_PUBLISHED, candidates: 400 });
    await prepareControl(api, 2);
    await addAccount(api, 'academie15.test', { role: 'ACADEMY', academy_code: '15' });
    for (const id of ['academie.demo', 'pilote.demo', 'etablissement.demo', 'academie15.test'])
      tokens[id] = await api.logIn(id);
  });
  afterAll(async () => {
    await api.close();
  });

  it('counts outcomes of unpublished specialties only for the pilot', async () => {
    api.clock.set(ms(B_PUBLISHED, -1));
    const academy = await api.gql<Stats>(STATS, { a: '12' }, tokens['academie.demo']);
    const pilot = await api.gql<Stats>(STATS, { a: '12' }, tokens['pilote.demo']);
    const sio = (s: Stats | null | undefined) =>
      (s?.statistics.outcomes ?? []).filter((o) => o.specialtyCode === 'SIO');
    expect(sio(academy.data).length).toBeGreaterThan(0);
    expect(sio(academy.data).every((o) => o.outcome === 'UNDISCLOSED')).toBe(true);
    expect(sio(pilot.data).some((o) => o.outcome === 'UNDISCLOSED')).toBe(false);
    // The same candidates are counted either way, and only académie 12's.
    const total = (s: Stats | null | undefined) =>
      (s?.statistics.outcomes ?? []).reduce((n, o) => n + o.count, 0);
    const inDb = await api.database.db
      .selectFrom('candidates')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('origin_academy_code', '=', '12')
      .executeTakeFirstOrThrow();
    expect(total(academy.data)).toBe(Number(inDb.n));
    expect(total(pilot.data)).toBe(Number(inDb.n));
    // Embargoed marks are not in the distributions either.
    expect(academy.data?.statistics.markDistributions.some((d) => d.specialtyCode === 'SIO')).toBe(
      false,
    );
    expect(pilot.data?.statistics.markDistributions.some((d) => d.specialtyCode === 'SIO')).toBe(
      true,
    );
  });

  it('gives exact histograms by whole point that add up to the marks stored', async () => {
    api.clock.set(SECOND_GROUP);
    const r = await api.gql<Stats>(STATS, { a: '12' }, tokens['pilote.demo']);
    const e1 = r.data?.statistics.markDistributions.find(
      (d) => d.specialtyCode === 'MCO' && d.code === 'E1' && d.stage === 'FIRST_GROUP',
    );
    const marks = await api.database.db
      .selectFrom('first_group_marks as m')
      .innerJoin('candidates as c', 'c.id', 'm.candidate_id')
      .select('m.hundredths')
      .where('c.origin_academy_code', '=', '12')
      .where('c.specialty_code', '=', 'MCO')
      .where('m.code', '=', 'E1')
      .where('m.status', 'in', ['MARK', 'KEPT'])
      .execute();
    const expected = Array.from({ length: 21 }, () => 0);
    for (const m of marks) {
      const k = Math.floor((m.hundredths ?? 0) / 100);
      expected[k] = (expected[k] ?? 0) + 1;
    }
    expect(e1?.buckets).toEqual(expected);
    expect(e1?.count).toBe(marks.length);
    const control = r.data?.statistics.markDistributions.filter((d) => d.stage === 'CONTROL') ?? [];
    expect(control.reduce((n, d) => n + (d.buckets[20] ?? 0), 0)).toBe(4);
  });

  it('gives the control pass rate exactly, after the second-group publication', async () => {
    api.clock.set(ms(SECOND_GROUP, -1));
    const before = await api.gql<Stats>(STATS, { a: '12' }, tokens['academie.demo']);
    expect(
      before.data?.statistics.controlPassRates.find((p) => p.specialtyCode === null),
    ).toMatchObject({
      presented: 0,
      exact: null,
      percent: null,
    });
    api.clock.set(SECOND_GROUP);
    const after = await api.gql<Stats>(STATS, { a: '12' }, tokens['academie.demo']);
    // Both candidates got 20/20 in their two orals.
    expect(
      after.data?.statistics.controlPassRates.find((p) => p.specialtyCode === null),
    ).toMatchObject({
      passed: 2,
      presented: 2,
      exact: '1/1',
      percent: '100,00 %',
    });
    expect(after.data?.statistics.choices.reduce((n, c) => n + c.count, 0)).toBe(2);
  });

  it.each([
    ['academie.demo', '12', true],
    ['academie.demo', '15', false],
    ['academie15.test', '12', false],
    ['pilote.demo', '15', true],
  ])('lets %s ask for académie %s: %s', async (who, a, allowed) => {
    const r = await api.gql<Stats>(STATS, { a }, tokens[who]);
    if (allowed) expect(r.errors).toBeUndefined();
    else expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const file = await csv(`/documents/statistiques.csv?year=2024&academy=${a}`, who);
    expect(file.status).toBe(allowed ? 200 : 404);
  });

  it('writes French CSV: BOM, semicolons, and the rows of the GraphQL export', async () => {
    api.clock.set(SECOND_GROUP);
    const stats = await csv('/documents/statistiques.csv?year=2024&academy=12', 'academie.demo');
    expect(stats.type).toBe('text/csv; charset=utf-8');
    expect(stats.bom).toBe(true);
    expect(stats.lines[0]).toEqual([
      'Indicateur',
      'Spécialité',
      'Académie d’origine',
      'Épreuve',
      'Modalité',
      'Valeur',
    ]);
    expect(stats.lines).toContainEqual([
      'Taux de réussite au contrôle',
      'Toutes',
      '12',
      '',
      '2/2 (1/1)',
      '100,00 %',
    ]);

    const plan = await csv('/documents/convocations.csv?year=2024&academy=12', 'academie.demo');
    expect(plan.bom).toBe(true);
    expect(plan.lines).toHaveLength(1 + 4);
    const gql = await api.gql<{ convocationPlan: { place: string }[] }>(
      '{ convocationPlan(year: 2024, academyCode: "12") { place } }',
      {},
      tokens['academie.demo'],
    );
    expect(plan.lines.slice(1).map((l) => l[9])).toEqual(
      gql.data?.convocationPlan.map((p) => p.place),
    );
    // The place is the exam centre with its postal address, then the room (demo centres of 12).
    for (const line of plan.lines.slice(1))
      expect(line[9]).toMatch(
        /^Lycée (de la Pépinière|du Saulcy) \(démo\), \d+ rue [^,]+, (54000 Nancy|57000 Metz) — Salle 1\d\d$/,
      );
    // French typography in every word the exports write themselves.
    expect([...stats.lines, ...plan.lines].flat().filter((cell) => cell.includes("'"))).toEqual([]);
    expect(
      (await csv('/documents/convocations.csv?year=2024&academy=12', 'academie15.test')).status,
    ).toBe(404);

    const choices = await csv('/documents/choix.csv?year=2024', 'etablissement.demo');
    expect(choices.status).toBe(200);
    expect(choices.lines[0]?.[0]).toBe('Numéro');
    const schoolRows = await api.gql<{ schoolChoices: unknown[] }>(
      '{ schoolChoices(year: 2024) { number } }',
      {},
      tokens['etablissement.demo'],
    );
    expect(choices.lines.length - 1).toBe(schoolRows.data?.schoolChoices.length);
    expect((await csv('/documents/choix.csv?year=2024', 'academie.demo')).status).toBe(404);
  });

  it('leaves embargoed final results out of resultats.csv, except for the pilot', async () => {
    api.clock.set(ms(SECOND_GROUP, -1));
    const academy = await csv('/documents/resultats.csv?year=2024&academy=12', 'academie.demo');
    expect(academy.lines).toHaveLength(1);
    const pilot = await csv('/documents/resultats.csv?year=2024&academy=12', 'pilote.demo');
    expect(pilot.lines.length).toBeGreaterThan(1);
    api.clock.set(SECOND_GROUP);
    const published = await csv('/documents/resultats.csv?year=2024&academy=12', 'academie.demo');
    expect(published.lines).toHaveLength(pilot.lines.length);
    expect(published.lines.slice(1).every((l) => l[7] === 'Admis' || l[7] === 'Ajourné')).toBe(
      true,
    );
  });
});
