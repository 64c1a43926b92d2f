import { ACADEMIES, type FirstGroupOutcome, SPECIALTIES } from '@rattrapage/domain';
import {
  drawFirstGroupMarks,
  FIRST_NAMES,
  LAST_NAMES,
  createPrng,
} from '@rattrapage/api/demo-data';

/**
 * The benchmark's fictitious population, drawn from a seed so that every run
 * (and every machine) loads the same rows. Every candidate sits MCO, whose
 * compulsory tests carry exactly eight marks (E1, E21, E22, E3, E41, E42, E5,
 * E6): 250 000 candidates make the 2 000 000 marks of the issue exactly.
 * The marks come from the demo's generator, so the domain judges each draw.
 */

export const BENCH_YEAR = 2024;
export const BENCH_SPECIALTY = 'MCO';
/** The académie of origin whose candidates the académie scenario pages through (Nancy-Metz, a partner). */
export const BENCH_ORIGIN_ACADEMY = '12';

const structure = SPECIALTIES.find((s) => s.code === BENCH_SPECIALTY)?.structure;
if (structure === undefined) throw new Error(`No ${BENCH_SPECIALTY} structure in the domain.`);
export const BENCH_STRUCTURE = structure;

/** The codes a plain MCO candidate has a mark for, in the order `marks` holds them. */
export const MARK_CODES: readonly string[] = BENCH_STRUCTURE.tests
  .filter((t) => !t.optional)
  .flatMap((t) => (t.parts.length > 0 ? t.parts.map((p) => p.code) : [t.code]));

export interface PopulationSize {
  readonly candidates: number;
  /** How many of them come from BENCH_ORIGIN_ACADEMY; the others spread over the other académies. */
  readonly ofOrigin: number;
  readonly schoolsPerAcademy: number;
}

export interface BenchSchool {
  readonly uai: string;
  readonly name: string;
  readonly academyCode: string;
}

export interface BenchCandidate {
  readonly id: string;
  readonly number: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly individual: boolean;
  readonly originAcademyCode: string;
  readonly schoolUai: string | null;
  /** Hundredths, one per MARK_CODES entry (every mark is a plain MARK). */
  readonly marks: readonly number[];
}

export interface Population {
  readonly schools: readonly BenchSchool[];
  readonly candidates: readonly BenchCandidate[];
}

const OUTCOME_WEIGHTS: readonly (readonly [FirstGroupOutcome, number])[] = [
  ['ADMITTED', 70],
  ['CONTROL_ALLOWED', 15],
  ['FAILED', 15],
];
const INDIVIDUAL_SHARE = 0.05;
const UAI_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

function schoolsOf(academyCode: string, count: number): BenchSchool[] {
  return Array.from({ length: count }, (_, i) => ({
    // Seven digits and a letter, like a real UAI; the académie shows in the digits.
    uai: `09${academyCode}${String(i).padStart(3, '0')}${UAI_LETTERS[i % UAI_LETTERS.length] ?? 'A'}`,
    name: `Lycée fictif ${academyCode}-${i + 1}`,
    academyCode,
  }));
}

/**
 * Whether candidate `index` is of BENCH_ORIGIN_ACADEMY: exactly `ofOrigin` of
 * them are, spread evenly through the numbers so that a page of that
 * académie is not one contiguous block of the table.
 */
export function isOfOrigin(index: number, size: PopulationSize): boolean {
  const share = (i: number) => Math.floor((i * size.ofOrigin) / size.candidates);
  return share(index + 1) > share(index);
}

/** Every académie's fictitious schools (drawn from nothing: the same for every size). */
export function benchSchools(schoolsPerAcademy: number): BenchSchool[] {
  return ACADEMIES.flatMap((a) => schoolsOf(a.code, schoolsPerAcademy));
}

/**
 * The candidates one by one, so that a million of them need not sit in
 * memory at once (the cost-growth scenario loads them chunk by chunk). The
 * first n candidates of a size are the same whatever comes after them: a
 * smaller session is a prefix of a larger one drawn from the same seed.
 */
export function* drawCandidates(size: PopulationSize, seed = 2024): Generator<BenchCandidate> {
  if (size.ofOrigin > size.candidates)
    throw new RangeError('More candidates of one origin than candidates.');
  const prng = createPrng(seed);
  const others = ACADEMIES.map((a) => a.code).filter((code) => code !== BENCH_ORIGIN_ACADEMY);
  const schoolsByAcademy = new Map<string, BenchSchool[]>();
  for (const s of benchSchools(size.schoolsPerAcademy))
    schoolsByAcademy.set(s.academyCode, [...(schoolsByAcademy.get(s.academyCode) ?? []), s]);

  const yy = String(BENCH_YEAR % 100).padStart(2, '0');
  for (let index = 0; index < size.candidates; index++) {
    const originAcademyCode = isOfOrigin(index, size) ? BENCH_ORIGIN_ACADEMY : prng.pick(others);
    const individual = prng.chance(INDIVIDUAL_SHARE);
    const school = individual ? null : prng.pick(schoolsByAcademy.get(originAcademyCode) ?? []);
    const drawn = drawFirstGroupMarks(prng, BENCH_STRUCTURE, prng.weighted(OUTCOME_WEIGHTS), {
      plain: true,
    });
    const marks = MARK_CODES.map((code) => {
      const entry = drawn.marks.get(code);
      if (entry?.status !== 'MARK') throw new Error(`No plain mark drawn for ${code}.`);
      return entry.hundredths;
    });
    yield {
      id: prng.uuid(),
      // Shaped like the demo's numbers: a zero, the session, the académie, a sequence.
      number: `0${yy}${originAcademyCode}${String(index + 1).padStart(6, '0')}`,
      lastName: prng.pick(LAST_NAMES),
      firstName: prng.pick(FIRST_NAMES),
      individual,
      originAcademyCode,
      schoolUai: school?.uai ?? null,
      marks,
    };
  }
}

export function generatePopulation(size: PopulationSize, seed = 2024): Population {
  return {
    schools: benchSchools(size.schoolsPerAcademy),
    candidates: [...drawCandidates(size, seed)],
  };
}
