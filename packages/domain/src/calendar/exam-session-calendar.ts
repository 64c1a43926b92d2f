import { DomainInputError } from '../errors.ts';
import { isAcademyCode } from '../reference/academies.ts';
import {
  endOfParisDay,
  instantToParisWallTime,
  parisWallTimeToInstant,
  parseCalendarDate,
  startOfParisDay,
} from './paris-time.ts';

/**
 * The calendar is data, one per exam session (docs/rules.md, « Calendar and windows »): raw
 * data uses Paris wall times, as published; `buildCalendar` checks it and
 * converts every wall time to an instant once.
 */

/** A choice window in Paris wall times, as published. */
export interface WindowData {
  readonly opensAt: string;
  readonly closesAt: string;
}

/** A group of specialties whose first-group results are published together. */
export interface BatchData {
  readonly id: string;
  readonly label: string;
  /** Paris wall time, e.g. "2024-06-28T10:00". */
  readonly firstGroupResultsAt: string;
  readonly choiceWindow: WindowData;
  readonly specialtyCodes: readonly string[];
}

/**
 * The day of the orals, by specialty and académie of origin (docs/rules.md: "a table
 * (specialty × académie of origin → date)"). A rule without an académie
 * applies to every académie that has no rule of its own.
 */
export interface OralDayRule {
  readonly specialtyCode: string;
  /** Absent: any académie. */
  readonly originAcademyCode?: string;
  /** Paris calendar day, "YYYY-MM-DD". */
  readonly date: string;
}

export interface CalendarData {
  readonly year: number;
  readonly batches: readonly BatchData[];
  readonly oralDays: readonly OralDayRule[];
  /** Paris wall time, e.g. "2024-07-10T16:30". */
  readonly secondGroupResultsAt: string;
}

/** Half-open: open from `opensAt` included to `closesAt` excluded (docs/rules.md). */
export interface Window {
  readonly opensAt: Date;
  readonly closesAt: Date;
}

export interface Batch {
  readonly id: string;
  readonly label: string;
  readonly firstGroupResultsAt: Date;
  readonly choiceWindow: Window;
  readonly specialtyCodes: readonly string[];
}

/**
 * A checked calendar. Its objects are frozen; its `Date`s cannot be, so
 * treat them as immutable too.
 */
export interface ExamSessionCalendar {
  readonly year: number;
  readonly batches: readonly Batch[];
  readonly oralDays: readonly OralDayRule[];
  readonly secondGroupResultsAt: Date;
}

/** Converts a wall time, or records why it cannot be converted. */
function instantOrProblem(
  wall: string,
  what: string,
  year: number,
  problems: string[],
): Date | null {
  let instant: Date;
  try {
    instant = parisWallTimeToInstant(wall);
  } catch (error) {
    if (!(error instanceof DomainInputError)) throw error;
    problems.push(`${what} : ${error.message}`);
    return null;
  }
  // A date in another year is almost always a typo copied from last session.
  if (!wall.startsWith(`${year}-`)) {
    problems.push(`${what} (${wall}) n’est pas en ${year}, l’année de la session.`);
  }
  return instant;
}

function isWellFormedDate(date: string): boolean {
  try {
    parseCalendarDate(date);
    return true;
  } catch (error) {
    if (!(error instanceof DomainInputError)) throw error;
    return false;
  }
}

function wall(d: Date): string {
  return instantToParisWallTime(d);
}

interface CheckedBatch {
  readonly data: BatchData;
  readonly firstGroupResultsAt: Date | null;
  readonly opensAt: Date | null;
  readonly closesAt: Date | null;
}

function checkBatches(
  data: CalendarData,
  secondGroupResultsAt: Date | null,
  problems: string[],
): CheckedBatch[] {
  if (data.batches.length === 0)
    problems.push('Le calendrier ne contient aucun lot de spécialités.');

  const batchIds = new Set<string>();
  const batchOfSpecialty = new Map<string, string>();
  const checked: CheckedBatch[] = [];

  for (const [index, batch] of data.batches.entries()) {
    const name = batch.id === '' ? `Lot n° ${index + 1}` : `Lot ${batch.id}`;
    if (batch.id === '') problems.push(`${name} : identifiant vide.`);
    else if (batchIds.has(batch.id)) problems.push(`${name} : identifiant en double.`);
    batchIds.add(batch.id);
    if (batch.label.trim() === '') problems.push(`${name} : libellé vide.`);

    if (batch.specialtyCodes.length === 0) problems.push(`${name} : aucune spécialité.`);
    for (const code of batch.specialtyCodes) {
      const other = batchOfSpecialty.get(code);
      if (code === '') problems.push(`${name} : code de spécialité vide.`);
      else if (other === batch.id)
        problems.push(`${name} : la spécialité ${code} figure deux fois.`);
      else if (other !== undefined) {
        // One specialty, one publication date and one window: two would
        // make its phase ambiguous.
        problems.push(`${name} : la spécialité ${code} figure déjà dans le lot ${other}.`);
      } else batchOfSpecialty.set(code, batch.id);
    }

    const firstGroupResultsAt = instantOrProblem(
      batch.firstGroupResultsAt,
      `${name}, publication des résultats du premier groupe`,
      data.year,
      problems,
    );
    const opensAt = instantOrProblem(
      batch.choiceWindow.opensAt,
      `${name}, ouverture de la saisie des choix`,
      data.year,
      problems,
    );
    const closesAt = instantOrProblem(
      batch.choiceWindow.closesAt,
      `${name}, fermeture de la saisie des choix`,
      data.year,
      problems,
    );

    if (opensAt !== null && closesAt !== null && closesAt.getTime() <= opensAt.getTime()) {
      problems.push(
        `${name} : la saisie des choix ferme (${wall(closesAt)}) avant ou à son ouverture (${wall(opensAt)}).`,
      );
    }
    // Choices can only be entered once the candidate knows they are allowed
    // to the control, i.e. once the first-group results are published; an
    // earlier window would leak the embargoed outcome.
    if (
      firstGroupResultsAt !== null &&
      opensAt !== null &&
      opensAt.getTime() < firstGroupResultsAt.getTime()
    ) {
      problems.push(
        `${name} : la saisie des choix ouvre (${wall(opensAt)}) avant la publication des résultats du premier groupe (${wall(firstGroupResultsAt)}).`,
      );
    }
    if (
      closesAt !== null &&
      secondGroupResultsAt !== null &&
      closesAt.getTime() >= secondGroupResultsAt.getTime()
    ) {
      problems.push(
        `${name} : la saisie des choix ferme (${wall(closesAt)}) après la publication des résultats du second groupe (${wall(secondGroupResultsAt)}).`,
      );
    }
    checked.push({ data: batch, firstGroupResultsAt, opensAt, closesAt });
  }
  return checked;
}

function checkOralDays(
  data: CalendarData,
  batches: readonly CheckedBatch[],
  secondGroupResultsAt: Date | null,
  problems: string[],
): void {
  const seen = new Set<string>();
  for (const [index, rule] of data.oralDays.entries()) {
    const academyText =
      rule.originAcademyCode === undefined
        ? 'toute académie'
        : `académie ${rule.originAcademyCode}`;
    const name = `Jour d’oral n° ${index + 1} (${rule.specialtyCode}, ${academyText})`;

    const batch = batches.find((b) => b.data.specialtyCodes.includes(rule.specialtyCode));
    if (batch === undefined)
      problems.push(`${name} : la spécialité ${rule.specialtyCode} ne figure dans aucun lot.`);
    if (rule.originAcademyCode !== undefined && !isAcademyCode(rule.originAcademyCode)) {
      problems.push(`${name} : code d’académie inconnu.`);
    }

    const key = `${rule.specialtyCode}\u0000${rule.originAcademyCode ?? '*'}`;
    if (seen.has(key))
      problems.push(`${name} : règle en double pour cette spécialité et cette académie.`);
    seen.add(key);

    if (!isWellFormedDate(rule.date)) {
      problems.push(`${name} : date mal formée « ${rule.date} » (attendu AAAA-MM-JJ).`);
      continue;
    }
    if (!rule.date.startsWith(`${data.year}-`)) {
      problems.push(`${name} : le ${rule.date} n’est pas en ${data.year}, l’année de la session.`);
    }
    // Orals bear on the two tests chosen: the whole oral day must come after
    // the choices are closed, and before the second-group results.
    if (
      batch !== undefined &&
      batch.closesAt !== null &&
      startOfParisDay(rule.date).getTime() < batch.closesAt.getTime()
    ) {
      problems.push(
        `${name} : le ${rule.date} ne vient pas après la fermeture de la saisie des choix (${wall(batch.closesAt)}).`,
      );
    }
    if (
      secondGroupResultsAt !== null &&
      endOfParisDay(rule.date).getTime() > secondGroupResultsAt.getTime()
    ) {
      problems.push(
        `${name} : le ${rule.date} ne vient pas avant la publication des résultats du second groupe (${wall(secondGroupResultsAt)}).`,
      );
    }
  }

  for (const batch of batches) {
    for (const code of batch.data.specialtyCodes) {
      if (code !== '' && !data.oralDays.some((rule) => rule.specialtyCode === code)) {
        problems.push(`Spécialité ${code} : aucun jour d’oral.`);
      }
    }
  }
}

/**
 * Checks raw calendar data and converts its wall times (Europe/Paris) to
 * instants. Throws a DomainInputError (INVALID_CALENDAR) whose `details`
 * list every problem found, so that a calendar is fixed in one pass.
 */
export function buildCalendar(data: CalendarData): ExamSessionCalendar {
  const problems: string[] = [];
  if (!Number.isInteger(data.year) || data.year < 1000 || data.year > 9999) {
    problems.push(
      `Année de session invalide : ${data.year} (attendu un entier à quatre chiffres).`,
    );
  }
  const secondGroupResultsAt = instantOrProblem(
    data.secondGroupResultsAt,
    'Publication des résultats du second groupe',
    data.year,
    problems,
  );
  const batches = checkBatches(data, secondGroupResultsAt, problems);
  checkOralDays(data, batches, secondGroupResultsAt, problems);

  if (problems.length > 0 || secondGroupResultsAt === null) {
    throw new DomainInputError(
      'INVALID_CALENDAR',
      `Calendrier de la session ${data.year} invalide : ${problems.length} problème(s).`,
      problems,
    );
  }

  return Object.freeze({
    year: data.year,
    batches: Object.freeze(
      batches.map(({ data: batch, firstGroupResultsAt, opensAt, closesAt }) =>
        Object.freeze({
          id: batch.id,
          label: batch.label,
          // Non-null: any null was recorded as a problem above.
          firstGroupResultsAt: firstGroupResultsAt ?? invariant(),
          choiceWindow: Object.freeze({
            opensAt: opensAt ?? invariant(),
            closesAt: closesAt ?? invariant(),
          }),
          specialtyCodes: Object.freeze([...batch.specialtyCodes]),
        }),
      ),
    ),
    oralDays: Object.freeze(data.oralDays.map((rule) => Object.freeze({ ...rule }))),
    secondGroupResultsAt,
  });
}

function invariant(): never {
  throw new Error('buildCalendar: an unconverted wall time was not reported as a problem.');
}
