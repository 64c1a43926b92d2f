import type { FirstGroupOutcome, MarkEntry, Specialty } from '@rattrapage/domain';
import { drawFirstGroupMarks } from './demo-marks.ts';
import type { DemoSchool } from './demo-schools.ts';
import { FIRST_NAMES, LAST_NAMES } from './fictitious-names.ts';
import type { Prng } from './prng.ts';
import type { CandidateFields } from '../repositories/candidate-rows.ts';

export interface DemoCandidate extends CandidateFields {
  readonly id: string;
  readonly marks: ReadonlyMap<string, MarkEntry>;
  readonly outcome: FirstGroupOutcome | null;
}

/** Where candidates come from: Reims pilots, its neighbours send the most. */
const ORIGIN_WEIGHTS: readonly (readonly [string, number])[] = [
  ['19', 45],
  ['12', 12],
  ['20', 10],
  ['15', 7],
  ['07', 6],
  ['24', 6],
  ['09', 5],
  ['03', 3],
  ['25', 3],
  ['01', 1],
  ['02', 1],
  ['23', 1],
];
const SPECIALTY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['MCO', 50],
  ['NDRC', 30],
  ['SIO', 20],
];
/** Rough national figures: most pass, about one in eight may sit the control. */
const OUTCOME_WEIGHTS: readonly (readonly [FirstGroupOutcome, number])[] = [
  ['ADMITTED', 70],
  ['CONTROL_ALLOWED', 12],
  ['FAILED', 18],
];
const INDIVIDUAL_SHARE = 0.12;
const EMAIL_SHARE = 0.7;

/**
 * The first candidates are set, not drawn, so that the demo accounts always
 * have someone to stand for, however few candidates are asked for.
 */
export interface ScriptedCandidate {
  readonly specialtyCode: string;
  readonly originAcademyCode: string;
  /** null: no school. */
  readonly school: 'FIRST_OF_ACADEMY' | null;
  /** A candidat individuel (who may still be attached to a school). */
  readonly individual: boolean;
  readonly outcome: FirstGroupOutcome;
}

export interface CandidateDrawInput {
  readonly prng: Prng;
  readonly count: number;
  readonly year: number;
  readonly specialties: readonly Specialty[];
  readonly schools: readonly DemoSchool[];
  readonly academyCodes: readonly string[];
  readonly scripted: readonly ScriptedCandidate[];
}

function asciiLower(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '-');
}

export function drawCandidates(input: CandidateDrawInput): DemoCandidate[] {
  const { prng, year, specialties, schools, scripted } = input;
  const specialtyOf = (code: string): Specialty => {
    const found = specialties.find((s) => s.code === code);
    if (found === undefined)
      throw new Error(`Demo: specialty ${code} is not in the reference data.`);
    return found;
  };
  const schoolsOf = (academyCode: string): DemoSchool[] =>
    schools.filter((s) => s.academyCode === academyCode);
  // Individual candidates may come from anywhere; schooled ones only from an académie with a demo school.
  const individualOrigins = [
    ...ORIGIN_WEIGHTS,
    ...input.academyCodes.map((code) => [code, 0.3] as const),
  ];
  const schooledOrigins = ORIGIN_WEIGHTS.filter(([code]) => schoolsOf(code).length > 0);

  const candidates: DemoCandidate[] = [];
  for (let index = 0; index < input.count; index++) {
    const script = scripted[index];
    const specialtyCode = script?.specialtyCode ?? prng.weighted(SPECIALTY_WEIGHTS);
    const individual = script === undefined ? prng.chance(INDIVIDUAL_SHARE) : script.individual;
    // Half the individual candidates are attached to a school (shown to it,
    // but their choice is theirs alone); the others have none.
    const withSchool =
      script === undefined ? !individual || prng.chance(0.5) : script.school !== null;
    const originAcademyCode =
      script?.originAcademyCode ?? prng.weighted(withSchool ? schooledOrigins : individualOrigins);
    const school = !withSchool
      ? null
      : script === undefined
        ? prng.pick(schoolsOf(originAcademyCode))
        : schoolsOf(originAcademyCode)[0];
    if (school === undefined) throw new Error(`Demo: no school in académie ${originAcademyCode}.`);
    const target = script?.outcome ?? prng.weighted(OUTCOME_WEIGHTS);
    const drawn = drawFirstGroupMarks(prng, specialtyOf(specialtyCode).structure, target, {
      plain: script !== undefined,
    });
    if (script !== undefined && drawn.outcome !== script.outcome) {
      throw new Error(
        `Demo: could not draw marks giving ${script.outcome} for scripted candidate ${index + 1}.`,
      );
    }
    const firstName = prng.pick(FIRST_NAMES);
    const lastName = prng.pick(LAST_NAMES);
    // Shaped like the candidate numbers of the exam systems: session, académie, sequence.
    const number = `0${String(year % 100).padStart(2, '0')}${originAcademyCode}${String(index + 1).padStart(6, '0')}`;
    candidates.push({
      id: prng.uuid(),
      number,
      lastName,
      firstName,
      individual,
      specialtyCode,
      originAcademyCode,
      schoolUai: school?.uai ?? null,
      // .invalid (RFC 2606) can never deliver mail to anyone.
      email: prng.chance(EMAIL_SHARE)
        ? `${asciiLower(firstName)}.${asciiLower(lastName)}.${index + 1}@exemple.invalid`
        : null,
      marks: drawn.marks,
      outcome: drawn.outcome,
    });
  }
  return candidates;
}
