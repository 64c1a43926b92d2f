import { type FirstGroupOutcome, parseExactAverage, reachesHundredths } from '@rattrapage/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SessionDefinition, defineSession } from '../../src/services/define-session.ts';
import { backendsUnderTest } from '../support/test-database.ts';
import {
  type WalkthroughApi,
  academyToken,
  importExample,
  importText,
  readExample,
  startEmptyApi,
} from '../walkthrough/walkthrough-api.ts';

// The examples of docs/examples for 2024 (national rules) and, renumbered, for
// a fictitious 2026 whose rules admit at 12,5 and allow to the control from 9,5.
const BEFORE = new Date('2024-05-15T08:00:00.000Z');
const AFTER = new Date('2026-07-20T08:00:00.000Z');
const NEW_PASSWORD = 'une phrase de passe à moi 2026';
const STRICT = {
  name: 'Session 2026 (fictive, seuils relevés)',
  texts: ['Texte fictif, pour les essais'],
  thresholds: { admittedHundredths: 1250, controlHundredths: 950 },
};
const CANDIDATES = `query($year: Int!) { candidates(year: $year, first: 500) { edges { node {
  number firstGroup { outcome computedOutcome reason overallAverage { exact } professionalAverage { exact } } } } } }`;
const RULES = `query($year: Int!) { examSession(year: $year) { rules {
  name texts maxOptionalTests optionalTests absentAtControlOral
  thresholds { admitted { hundredths display } control { hundredths } professional { hundredths } }
  oralDuration { preparationMinutes oralMinutes } languageOralDuration { preparationMinutes oralMinutes } } } }`;

interface Row {
  number: string;
  firstGroup: {
    outcome: FirstGroupOutcome;
    computedOutcome: FirstGroupOutcome | null;
    reason: string | null;
    overallAverage: { exact: string } | null;
    professionalAverage: { exact: string } | null;
  } | null;
}

/** The 2024 calendar moved two years on. */
const calendarAs2026 = (text: string) =>
  text.replaceAll('"2024-', '"2026-').replace('"year": 2024', '"year": 2026');

describe.each(backendsUnderTest())('each session under its own rules, on %s', (backend) => {
  let api: WalkthroughApi;
  let pilot = '';

  const rows = async (year: number): Promise<Row[]> => {
    const read = await api.gql<{ candidates: { edges: { node: Row }[] } }>(
      CANDIDATES,
      { year },
      pilot,
    );
    expect(read.errors).toBeUndefined();
    return (read.data?.candidates.edges ?? []).map((e) => e.node);
  };

  beforeAll(async () => {
    api = await startEmptyApi(backend, BEFORE);
    const text = (await readExample('session-2024.json')).toString('utf8');
    const for2024 = JSON.parse(text) as SessionDefinition;
    const for2026 = { ...(JSON.parse(calendarAs2026(text)) as SessionDefinition), rules: STRICT };
    for (const definition of [for2024, for2026]) {
      const defined = await defineSession(api.database.db, definition, { at: BEFORE, who: 'cli' });
      expect(defined.kind, JSON.stringify(defined)).toBe('defined');
    }
    await importExample(api, 2024, 'SCHOOLS', 'schools.csv');
    for (const year of [2024, 2026]) {
      await importExample(api, year, 'STRUCTURES', 'structures.csv');
      await importExample(api, year, 'CANDIDATES', 'candidates.csv');
      await importExample(api, year, 'MARKS', 'marks.csv');
    }
    pilot = await academyToken(
      api,
      { identifier: 'pilote.reims', role: 'PILOT', academyCode: '19' },
      NEW_PASSWORD,
    );
    api.clock.set(AFTER);
  });
  afterAll(async () => {
    await api.close();
  });

  it('publishes each session’s rules: the national ones by default, the 2026 ones as defined', async () => {
    const rules = async (year: number) =>
      (await api.gql<{ examSession: { rules: Record<string, unknown> } }>(RULES, { year })).data
        ?.examSession.rules;
    expect(await rules(2024)).toEqual({
      name: 'Règles nationales du BTS',
      texts: expect.arrayContaining([expect.stringContaining('D643-15')]) as unknown,
      maxOptionalTests: 2,
      optionalTests: 'POINTS_ABOVE_10',
      absentAtControlOral: 'KEEP_FIRST_GROUP_MARK',
      thresholds: {
        admitted: { hundredths: 1000, display: '10,00' },
        control: { hundredths: 800 },
        professional: { hundredths: 1000 },
      },
      oralDuration: { preparationMinutes: 20, oralMinutes: 20 },
      languageOralDuration: { preparationMinutes: 10, oralMinutes: 10 },
    });
    expect(await rules(2026)).toMatchObject({
      name: STRICT.name,
      texts: STRICT.texts,
      thresholds: {
        admitted: { hundredths: 1250, display: '12,50' },
        control: { hundredths: 950 },
        professional: { hundredths: 1000 },
      },
    });
  });

  it('decides each year’s outcomes with that year’s thresholds, the same marks giving different outcomes', async () => {
    const decide = (row: Row, admitted: number, control: number): FirstGroupOutcome | null => {
      const g = row.firstGroup;
      if (g?.overallAverage == null || g.reason === 'UNJUSTIFIED_ABSENCE') return null;
      const overall = parseExactAverage(g.overallAverage.exact);
      const professional =
        g.professionalAverage === null ? null : parseExactAverage(g.professionalAverage.exact);
      if (reachesHundredths(overall, admitted)) return 'ADMITTED';
      if (!reachesHundredths(overall, control)) return 'FAILED';
      return professional !== null && reachesHundredths(professional, 1000)
        ? 'CONTROL_ALLOWED'
        : 'FAILED';
    };
    const y2024 = await rows(2024);
    const y2026 = new Map((await rows(2026)).map((r) => [r.number.replace(/^26/, '24'), r]));
    expect(y2024.length).toBeGreaterThan(0);
    let differing = 0;
    for (const row of y2024) {
      const other = y2026.get(row.number);
      expect(other, row.number).toBeDefined();
      if (other === undefined) continue;
      // Same marks, so the same averages; the outcome follows each year's rules.
      expect(other.firstGroup?.overallAverage).toEqual(row.firstGroup?.overallAverage);
      const expected2024 = decide(row, 1000, 800);
      const expected2026 = decide(other, 1250, 950);
      if (expected2024 !== null)
        expect(row.firstGroup?.computedOutcome, row.number).toBe(expected2024);
      if (expected2026 !== null)
        expect(other.firstGroup?.computedOutcome, other.number).toBe(expected2026);
      if (row.firstGroup?.computedOutcome !== other.firstGroup?.computedOutcome) differing++;
    }
    // The examples hold a candidate at 12 (admitted in 2024, not in 2026) and
    // three at 9,14 (allowed to the control in 2024, not in 2026): the rules show.
    expect(differing).toBe(4);
  });

  it('refuses a session whose rules do not hold, listing every problem, and writes nothing', async () => {
    const text = calendarAs2026(
      (await readExample('session-2024.json')).toString('utf8'),
    ).replaceAll('2026', '2027');
    const outcome = await defineSession(
      api.database.db,
      {
        ...(JSON.parse(text) as SessionDefinition),
        rules: { thresholds: { controlHundredths: 1200 }, maxOptionalTests: 7, seuil: 1 },
      },
      { at: BEFORE, who: 'cli' },
    );
    expect(outcome).toEqual({
      kind: 'invalid',
      problems: [
        'Règle inconnue : seuil.',
        'Le seuil d’accès à l’épreuve de contrôle doit être inférieur au seuil d’admission.',
        'Le nombre maximal d’épreuves facultatives doit être un entier de 0 à 3 (reçu : 7).',
      ],
    });
    const stored = await api.database.db
      .selectFrom('exam_sessions')
      .select('year')
      .where('year', '=', 2027)
      .execute();
    expect(stored).toEqual([]);
  });

  it('refuses a structure with more optional tests than its session’s rules allow', async () => {
    const text = calendarAs2026(
      (await readExample('session-2024.json')).toString('utf8'),
    ).replaceAll('2026', '2028');
    const base = JSON.parse(text) as SessionDefinition;
    const optional = (code: string) => ({
      code,
      name: `Facultative ${code}`,
      coefficientHundredths: 100,
      domain: 'GENERAL' as const,
      optional: true,
      controlEligible: false,
      parts: [],
    });
    const mco = {
      specialtyCode: 'MCO',
      tests: [
        { ...optional('E1'), optional: false, controlEligible: true, name: 'Culture générale' },
        { ...optional('E3'), optional: false, controlEligible: true, name: 'CEJM' },
        {
          ...optional('E4'),
          optional: false,
          domain: 'PROFESSIONAL' as const,
          name: 'Relation client',
        },
        optional('F1'),
        optional('F2'),
      ],
      blocks: [],
    };
    const refused = await defineSession(
      api.database.db,
      { ...base, structures: [mco], rules: { maxOptionalTests: 1 } },
      { at: BEFORE, who: 'cli' },
    );
    expect(refused).toEqual({
      kind: 'invalid',
      problems: ['Structure MCO : 2 épreuves facultatives : au plus 1.'],
    });
  });

  it('imports a structure file under its session’s rules: three optional tests where they allow three', async () => {
    const three = [
      'specialty;test;part;name;coefficient;domain;optional;control_eligible;language',
      'MCO;E1;;Culture générale;3;G;N;O;N',
      'MCO;E3;;CEJM;3;G;N;O;N',
      'MCO;E4;;Relation client;6;P;N;N;N',
      'MCO;F1;;Facultative 1;1;G;O;N;N',
      'MCO;F2;;Facultative 2;1;G;O;N;N',
      'MCO;F3;;Facultative 3;1;G;O;N;N',
      '',
    ].join('\n');
    const under2026 = await importText(api, 2026, 'STRUCTURES', three);
    expect(under2026.kind).toBe('refused');
    expect(JSON.stringify(under2026)).toContain('3 épreuves facultatives : au plus 2.');

    const text = calendarAs2026((await readExample('session-2024.json')).toString('utf8'));
    const allowingThree = {
      ...(JSON.parse(text.replaceAll('2026', '2030')) as SessionDefinition),
      rules: { maxOptionalTests: 3 },
    };
    const defined = await defineSession(api.database.db, allowingThree, {
      at: BEFORE,
      who: 'cli',
    });
    expect(defined.kind, JSON.stringify(defined)).toBe('defined');
    const under2030 = await importText(api, 2030, 'STRUCTURES', three);
    expect(under2030.kind, JSON.stringify(under2030)).toBe('imported');
    const optional = await api.database.db
      .selectFrom('tests')
      .select('code')
      .where('year', '=', 2030)
      .where('specialty_code', '=', 'MCO')
      .where('optional', '=', true)
      .execute();
    expect(optional.map((t) => t.code).sort()).toEqual(['F1', 'F2', 'F3']);
  });
});
