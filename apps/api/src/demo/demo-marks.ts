import {
  type ExamStructure,
  type FirstGroupOutcome,
  type MarkEntry,
  firstGroupOutcome,
} from '@rattrapage/domain';
import type { Prng } from './prng.ts';

/**
 * Draws realistic first-group marks for a candidate meant to end with a given
 * outcome. The outcome is never computed here: the domain's
 * `firstGroupOutcome` judges each draw, and a draw that misses is drawn again.
 */

export interface DrawnMarks {
  /** Keyed like the domain's CandidateMarks: part codes for tests with parts, else test codes. */
  readonly marks: ReadonlyMap<string, MarkEntry>;
  /** What the domain decided (null if it could not decide: never expected). */
  readonly outcome: FirstGroupOutcome | null;
}

export interface DrawOptions {
  /** No exemption, bénéfice or absence: a candidate who can choose among all eligible tests. */
  readonly plain?: boolean;
}

const MAX_ATTEMPTS = 200;
const clamp = (points: number): number => Math.min(20, Math.max(0, points));

/** Mostly half points, as most examiners give; some CCF averages carry hundredths. */
function markHundredths(prng: Prng, points: number): number {
  const p = clamp(points);
  return prng.chance(0.7) ? Math.round(p * 2) * 50 : Math.round(p * 100);
}

interface Profile {
  overall: number;
  professional: number;
  absent: boolean;
}

/** The averages to aim at for an outcome (thresholds: art. D643-15). */
function profileFor(prng: Prng, target: FirstGroupOutcome): Profile {
  switch (target) {
    case 'ADMITTED': {
      const overall = prng.between(10.2, 15.5);
      return { overall, professional: clamp(overall + prng.normal(0.4, 1.5)), absent: false };
    }
    case 'CONTROL_ALLOWED':
      return {
        overall: prng.between(8.1, 9.9),
        professional: prng.between(10.2, 12.5),
        absent: false,
      };
    case 'FAILED': {
      const kind = prng.weighted([
        ['LOW', 60],
        ['PROFESSIONAL_BELOW_10', 34],
        ['UNJUSTIFIED_ABSENCE', 6],
      ] as const);
      if (kind === 'PROFESSIONAL_BELOW_10')
        return {
          overall: prng.between(8.1, 9.9),
          professional: prng.between(6, 9.7),
          absent: false,
        };
      const overall = prng.between(3.5, 7.8);
      return {
        overall,
        professional: clamp(overall + prng.normal(0, 1.5)),
        absent: kind === 'UNJUSTIFIED_ABSENCE',
      };
    }
  }
}

function drawOnce(
  prng: Prng,
  structure: ExamStructure,
  target: FirstGroupOutcome,
  plain: boolean,
): Map<string, MarkEntry> {
  const compulsory = structure.tests.filter((t) => !t.optional);
  const weightOf = (domain: 'GENERAL' | 'PROFESSIONAL'): number =>
    compulsory
      .filter((t) => t.domain === domain)
      .reduce((sum, t) => sum + t.coefficientHundredths, 0);
  const general = weightOf('GENERAL');
  const professional = weightOf('PROFESSIONAL');
  const profile = profileFor(prng, target);
  // The general level that, with the professional one, gives the overall aimed at.
  const generalLevel = clamp(
    (profile.overall * (general + professional) - profile.professional * professional) /
      Math.max(general, 1),
  );

  const marks = new Map<string, MarkEntry>();
  for (const test of structure.tests) {
    if (test.optional) {
      if (prng.chance(0.25))
        marks.set(test.code, {
          status: 'MARK',
          hundredths: markHundredths(prng, prng.between(7, 17)),
        });
      continue;
    }
    const level = test.domain === 'GENERAL' ? generalLevel : profile.professional;
    const testLevel = level + prng.normal(0, 1.2);
    const codes = test.parts.length > 0 ? test.parts.map((p) => p.code) : [test.code];
    for (const code of codes)
      marks.set(code, {
        status: 'MARK',
        hundredths: markHundredths(prng, testLevel + prng.normal(0, 1)),
      });
  }
  if (plain) return marks;

  const compulsoryCodes = compulsory.flatMap((t) =>
    t.parts.length > 0 ? t.parts.map((p) => p.code) : [t.code],
  );
  if (prng.chance(0.04)) {
    // Dispensé: e.g. general tests for a holder of an earlier diploma; the
    // entry under the test's own code covers its parts.
    const test = prng.pick(compulsory.filter((t) => t.domain === 'GENERAL'));
    for (const p of test.parts) marks.delete(p.code);
    marks.set(test.code, { status: 'EXEMPT' });
  }
  if (prng.chance(0.03)) {
    const keepable = compulsoryCodes.filter((code) => {
      const entry = marks.get(code);
      return entry?.status === 'MARK' && entry.hundredths >= 1000;
    });
    if (keepable.length > 0) {
      const code = prng.pick(keepable);
      const entry = marks.get(code);
      if (entry?.status === 'MARK')
        marks.set(code, { status: 'KEPT', hundredths: entry.hundredths });
    }
  }
  const marked = (): string[] =>
    compulsoryCodes.filter((code) => marks.get(code)?.status === 'MARK');
  if (prng.chance(0.015) && marked().length > 0)
    marks.set(prng.pick(marked()), { status: 'ABSENT_JUSTIFIED' });
  if (profile.absent && marked().length > 0) marks.set(prng.pick(marked()), { status: 'ABSENT' });
  return marks;
}

export function drawFirstGroupMarks(
  prng: Prng,
  structure: ExamStructure,
  target: FirstGroupOutcome,
  options: DrawOptions = {},
): DrawnMarks {
  let last: DrawnMarks | undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const marks = drawOnce(prng, structure, target, options.plain ?? false);
    const evaluation = firstGroupOutcome(structure, marks);
    const outcome = evaluation.status === 'DECIDED' ? evaluation.outcome : null;
    last = { marks, outcome };
    if (outcome === target) return last;
  }
  // Unreachable with the demo structures; keep what the domain decided rather than loop forever.
  return last ?? { marks: new Map(), outcome: null };
}
