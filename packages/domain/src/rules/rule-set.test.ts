import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { controlOptions } from '../control/control-options.ts';
import { oralDurationOf } from '../control/oral-duration.ts';
import { finalOutcome } from '../control/final-outcome.ts';
import { decidedFinal } from '../jury/decided-outcome.ts';
import { computeAverages } from '../marks/averages.ts';
import { explainFirstGroup } from '../marks/explain-first-group.ts';
import { compare, fromHundredths } from '../marks/fraction.ts';
import { decideFirstGroup, firstGroupOutcome } from '../marks/first-group-outcome.ts';
import { formatPoints } from '../marks/format-mark.ts';
import { validateExamStructure } from '../reference/validate-exam-structure.ts';
import {
  MCO,
  MCO_CONTROL_CANDIDATE,
  controlMarks,
  gen,
  marks,
  opt,
  pro,
  structure,
} from '../../test/fixtures.ts';
import { ruleSetFrom, RULE_TEXT_MAX_LENGTH } from './rule-set-from.ts';
import { NATIONAL_RULES, type RuleSet } from './rule-set.ts';

const withThresholds = (
  admittedHundredths: number,
  controlHundredths: number,
  professionalHundredths: number,
): RuleSet => ({
  ...NATIONAL_RULES,
  thresholds: { admittedHundredths, controlHundredths, professionalHundredths },
});

describe('ruleSetFrom: a session’s rules from what an exam office wrote', () => {
  it('gives the national rules for nothing, and for an empty object', () => {
    expect(ruleSetFrom(undefined)).toEqual({ ok: true, rules: NATIONAL_RULES });
    expect(ruleSetFrom(null)).toEqual({ ok: true, rules: NATIONAL_RULES });
    expect(ruleSetFrom({})).toEqual({ ok: true, rules: NATIONAL_RULES });
  });

  it('keeps what is given and completes the rest with the national rules', () => {
    const check = ruleSetFrom({
      name: '  Session 2025 (fictive)  ',
      texts: ['Arrêté fictif du 1er janvier 2025'],
      thresholds: { controlHundredths: 850 },
      maxOptionalTests: 3,
      absentAtControlOral: 'FAIL',
      oralDurations: { standard: { preparationMinutes: 30 } },
    });
    expect(check).toEqual({
      ok: true,
      rules: {
        ...NATIONAL_RULES,
        name: 'Session 2025 (fictive)',
        texts: ['Arrêté fictif du 1er janvier 2025'],
        thresholds: { ...NATIONAL_RULES.thresholds, controlHundredths: 850 },
        maxOptionalTests: 3,
        absentAtControlOral: 'FAIL',
        oralDurations: {
          ...NATIONAL_RULES.oralDurations,
          standard: { preparationMinutes: 30, oralMinutes: 20 },
        },
      },
    });
  });

  it.each<[string, unknown, RegExp]>([
    ['not an object', 'strict', /doivent être un objet/],
    ['a list', [], /doivent être un objet/],
    ['an unknown rule', { seuil: 10 }, /Règle inconnue : seuil\./],
    ['an unknown threshold', { thresholds: { pass: 1000 } }, /Règle inconnue : thresholds\.pass/],
    [
      'an unknown duration key',
      { oralDurations: { standard: { prep: 5 } } },
      /Règle inconnue : oralDurations\.standard\.prep/,
    ],
    ['an empty name', { name: '  ' }, /nom des règles doit être un texte non vide/],
    ['a name too long', { name: 'x'.repeat(RULE_TEXT_MAX_LENGTH + 1) }, /dépasse 300 caractères/],
    ['no text cited', { texts: [] }, /le site doit dire quels textes il applique/],
    ['eleven texts', { texts: Array.from({ length: 11 }, () => 'Texte') }, /liste de 1 à 10/],
    ['a blank text', { texts: ['Décret', ''] }, /référence n° 2 doit être un texte non vide/],
    ['a threshold in points', { thresholds: { admittedHundredths: 10.5 } }, /seuil d’admission/],
    ['a threshold above 20', { thresholds: { admittedHundredths: 2001 } }, /entier de 0 à 2000/],
    [
      'a negative threshold',
      { thresholds: { professionalHundredths: -1 } },
      /domaine professionnel/,
    ],
    [
      'a control threshold at admission',
      { thresholds: { controlHundredths: 1000 } },
      /doit être inférieur au seuil d’admission/,
    ],
    ['four optional tests', { maxOptionalTests: 4 }, /entier de 0 à 3 \(reçu : 4\)/],
    [
      'an unknown optional policy',
      { optionalTests: 'HALF' },
      /POINTS_ABOVE_10, IGNORED \(reçu : "HALF"\)/,
    ],
    ['an unknown absence policy', { absentAtControlOral: 'ZERO' }, /KEEP_FIRST_GROUP_MARK, FAIL/],
    [
      'an oral of no minute',
      { oralDurations: { language: { oralMinutes: 0 } } },
      /entier de 1 à 120/,
    ],
    [
      'a preparation of three hours',
      { oralDurations: { standard: { preparationMinutes: 180 } } },
      /préparation \(minutes\) doit être un entier de 0 à 120/,
    ],
    ['durations as text', { oralDurations: 'courtes' }, /durées des oraux doivent être un objet/],
  ])('refuses %s, in French', (_name, input, problem) => {
    const check = ruleSetFrom(input);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems.join('\n')).toMatch(problem);
  });

  it('lists every problem, not the first one', () => {
    const check = ruleSetFrom({ maxOptionalTests: -1, optionalTests: 'X', texts: [] });
    expect(check.ok ? [] : check.problems).toHaveLength(3);
  });

  it('gives back, from its stored JSON, any rule set it accepted (property)', () => {
    const duration = fc.record({
      preparationMinutes: fc.integer({ min: 0, max: 120 }),
      oralMinutes: fc.integer({ min: 1, max: 120 }),
    });
    const given = fc.record(
      {
        name: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s !== ''),
        texts: fc.array(
          fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s !== ''),
          { minLength: 1, maxLength: 10 },
        ),
        thresholds: fc
          .tuple(fc.nat(2000), fc.nat(2000), fc.nat(2000))
          .filter(([a, c]) => c < a)
          .map(([admittedHundredths, controlHundredths, professionalHundredths]) => ({
            admittedHundredths,
            controlHundredths,
            professionalHundredths,
          })),
        maxOptionalTests: fc.integer({ min: 0, max: 3 }),
        optionalTests: fc.constantFrom('POINTS_ABOVE_10', 'IGNORED'),
        absentAtControlOral: fc.constantFrom('KEEP_FIRST_GROUP_MARK', 'FAIL'),
        oralDurations: fc.record({ standard: duration, language: duration }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(given, (input) => {
        const first = ruleSetFrom(input);
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        expect(ruleSetFrom(JSON.parse(JSON.stringify(first.rules)))).toEqual(first);
        for (const [key, value] of Object.entries(input)) {
          expect(first.rules[key as keyof RuleSet]).toEqual(value);
        }
      }),
    );
  });
});

/** Two tests of coefficient 1: overall = (g + p) / 2, professional = p. */
const TWO = structure([gen('G1', 100), gen('G2', 100), pro('P1', 100)]);

describe('the thresholds are the session’s: decided exactly, at the hundredth', () => {
  // Fictitious session: admitted at 12, control from 9,5 with 11 in the professional domain.
  const STRICT = withThresholds(1200, 950, 1100);
  it.each([
    // overall = (g1 + g2 + p) / 3
    { g1: 1200, g2: 1200, p: 1200, outcome: 'ADMITTED' },
    { g1: 1200, g2: 1199, p: 1200, outcome: 'CONTROL_ALLOWED' },
    { g1: 950, g2: 850, p: 1050, outcome: 'FAILED', reason: 'PROFESSIONAL_BELOW_10' },
    { g1: 950, g2: 750, p: 1150, outcome: 'CONTROL_ALLOWED' },
    { g1: 950, g2: 749, p: 1150, outcome: 'FAILED', reason: 'OVERALL_BELOW_8' },
    { g1: 800, g2: 800, p: 1100, outcome: 'FAILED', reason: 'OVERALL_BELOW_8' },
  ])('%o', ({ g1, g2, p, outcome, reason }) => {
    const evaluation = firstGroupOutcome(TWO, marks({ G1: g1, G2: g2, P1: p }), STRICT);
    expect(evaluation.status).toBe('DECIDED');
    if (evaluation.status !== 'DECIDED') return;
    expect(evaluation.outcome).toBe(outcome);
    if (reason !== undefined) expect(evaluation.reason).toBe(reason);
    // The same marks under the national rules: 10 admits.
    const national = firstGroupOutcome(TWO, marks({ G1: g1, G2: g2, P1: p }));
    expect(national).toEqual(
      firstGroupOutcome(TWO, marks({ G1: g1, G2: g2, P1: p }), NATIONAL_RULES),
    );
  });

  it('decides as the thresholds say, for any marks and any sound thresholds (property)', () => {
    const mark = fc.integer({ min: 0, max: 2000 });
    const thresholds = fc.tuple(fc.nat(2000), fc.nat(2000), fc.nat(2000)).filter(([a, c]) => c < a);
    fc.assert(
      fc.property(mark, mark, mark, thresholds, (g1, g2, p, [a, c, pr]) => {
        const rules = withThresholds(a, c, pr);
        const averages = computeAverages(TWO, marks({ G1: g1, G2: g2, P1: p }), rules);
        const evaluation = decideFirstGroup(averages, rules);
        if (evaluation.status !== 'DECIDED' || averages.overall === null)
          throw new Error('decided');
        const atLeast = (h: number) =>
          compare(averages.overall ?? fromHundredths(0), fromHundredths(h)) >= 0;
        const proAtLeast = compare(fromHundredths(p), fromHundredths(pr)) >= 0;
        const expected = atLeast(a)
          ? 'ADMITTED'
          : atLeast(c) && proAtLeast
            ? 'CONTROL_ALLOWED'
            : 'FAILED';
        expect(evaluation.outcome).toBe(expected);
      }),
    );
  });

  it('admits after the control only at the session’s admission threshold', () => {
    // MCO_CONTROL_CANDIDATE: 204 points over 21 before the control (9,71).
    const input = {
      structure: MCO,
      firstGroupMarks: MCO_CONTROL_CANDIDATE,
      chosenTestCodes: ['E1', 'E3'] as const,
      controlMarks: controlMarks({ E1: 1400, E3: 1100 }),
    };
    // (204 - 21 - 18 + 42 + 33) / 21 = 240 / 21 = 11,43
    expect(finalOutcome(input)).toMatchObject({ outcome: 'ADMITTED' });
    expect(finalOutcome({ ...input, policy: withThresholds(1200, 800, 1000) })).toMatchObject({
      outcome: 'FAILED',
      reason: 'OVERALL_BELOW_10',
    });
    expect(
      decidedFinal({
        ...input,
        policy: withThresholds(1200, 800, 1000),
        juryDecisions: { firstGroup: null, final: null },
      }),
    ).toMatchObject({ outcome: 'FAILED' });
    expect(
      decidedFinal({ ...input, juryDecisions: { firstGroup: null, final: null } }),
    ).toMatchObject({ outcome: 'ADMITTED' });
  });

  it('asks a higher oral mark when admission is set higher (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 1300 }),
        fc.integer({ min: 0, max: 300 }),
        (a, more) => {
          const low = controlOptions(MCO, MCO_CONTROL_CANDIDATE, withThresholds(a, 800, 1000));
          const high = controlOptions(
            MCO,
            MCO_CONTROL_CANDIDATE,
            withThresholds(a + more, 800, 1000),
          );
          expect(high.map((o) => o.tests.map((t) => t.code))).toEqual(
            low.map((o) => o.tests.map((t) => t.code)),
          );
          low.forEach((option, i) => {
            const other = high[i];
            if (!option.reachable) expect(other?.reachable).toBe(false);
            else if (other?.minimumMarkInBoth != null)
              expect(other.minimumMarkInBoth).toBeGreaterThanOrEqual(option.minimumMarkInBoth ?? 0);
          });
        },
      ),
      { numRuns: 30 },
    );
  });

  it('explains an outcome with the session’s thresholds', () => {
    const thresholds = {
      admittedHundredths: 1200,
      controlHundredths: 850,
      professionalHundredths: 1025,
    };
    const explain = (reason: 'OVERALL_AT_LEAST_10' | 'OVERALL_BELOW_8' | 'PROFESSIONAL_BELOW_10') =>
      explainFirstGroup({
        reason,
        overall: '9,00',
        professional: '10,00',
        unjustifiedAbsences: [],
        thresholds,
      });
    expect(explain('OVERALL_AT_LEAST_10')).toContain('au moins égale à 12 :');
    expect(explain('OVERALL_BELOW_8')).toContain('inférieure à 8,5 :');
    expect(explain('PROFESSIONAL_BELOW_10')).toContain('inférieure à 10,25 :');
    expect(
      explainFirstGroup({
        reason: 'OVERALL_BELOW_8',
        overall: '7,00',
        professional: null,
        unjustifiedAbsences: [],
      }),
    ).toContain('inférieure à 8 :');
  });
});

describe('the rest of a rule set: optional-test cap and oral durations', () => {
  const THREE_OPTIONAL = structure([
    ...MCO.tests,
    opt('EF1', 100),
    opt('EF2', 100),
    opt('EF3', 100),
  ]);
  it('refuses a third optional test under the national rules, accepts it where the session allows three', () => {
    expect(validateExamStructure(THREE_OPTIONAL)).toEqual(['3 épreuves facultatives : au plus 2.']);
    expect(
      validateExamStructure(THREE_OPTIONAL, { ...NATIONAL_RULES, maxOptionalTests: 3 }),
    ).toEqual([]);
  });

  it('times an oral with the session’s durations, languages apart', () => {
    const durations = {
      standard: { preparationMinutes: 30, oralMinutes: 25 },
      language: { preparationMinutes: 15, oralMinutes: 15 },
    };
    const [e1, e2] = MCO.tests;
    if (e1 === undefined || e2 === undefined) throw new Error('MCO');
    expect(oralDurationOf(e1)).toEqual({ preparationMinutes: 20, oralMinutes: 20 });
    expect(oralDurationOf(e1, durations)).toEqual(durations.standard);
    expect(oralDurationOf({ ...e2, language: true }, durations)).toEqual(durations.language);
  });

  it.each([
    [1000, '10'],
    [850, '8,5'],
    [825, '8,25'],
    [805, '8,05'],
    [0, '0'],
    [2000, '20'],
  ])('writes a threshold of %i hundredths as « %s »', (hundredths, text) => {
    expect(formatPoints(hundredths)).toBe(text);
  });
});
