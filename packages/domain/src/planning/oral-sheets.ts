import { instantToParisWallTime, parisDateOf } from '../calendar/paris-time.ts';

/**
 * The paper of an oral day (feuilles d'émargement, bordereaux de notation),
 * drawn from the issued convocations: one sign-in sheet per day and room,
 * where candidates sign as they arrive; one mark slip per day and examiner,
 * where the examiner writes each mark. Both list the orals in the order they
 * are held.
 */
export interface SheetOral {
  readonly number: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly testCode: string;
  readonly testName: string;
  readonly preparationStartsAt: Date;
  readonly startsAt: Date;
  readonly endsAt: Date;
  /** Null on convocations issued before rooms and examiners were planned. */
  readonly room: string | null;
  readonly examiner: string | null;
  /** The accommodation applied, in words; null when none. */
  readonly accommodation: string | null;
}

export interface OralSheet {
  /** The Paris calendar day, YYYY-MM-DD. */
  readonly day: string;
  /** The room (sign-in sheets) or the examiner (mark slips); null when not planned. */
  readonly heading: string | null;
  readonly orals: readonly SheetOral[];
}

function byTime(a: SheetOral, b: SheetOral): number {
  return (
    a.startsAt.getTime() - b.startsAt.getTime() ||
    a.number.localeCompare(b.number) ||
    a.testCode.localeCompare(b.testCode)
  );
}

function sheetsBy(
  orals: readonly SheetOral[],
  heading: (oral: SheetOral) => string | null,
): OralSheet[] {
  const groups = new Map<string, { day: string; heading: string | null; orals: SheetOral[] }>();
  for (const oral of orals) {
    const day = parisDateOf(oral.startsAt);
    const h = heading(oral);
    const key = `${day}\u0000${h ?? ''}`;
    const group = groups.get(key) ?? { day, heading: h, orals: [] };
    group.orals.push(oral);
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, orals: g.orals.sort(byTime) }))
    .sort(
      (a, b) =>
        a.day.localeCompare(b.day) ||
        (a.heading ?? '').localeCompare(b.heading ?? '', 'fr', { numeric: true }),
    );
}

/** One sheet per day and room, the orals in the order they are held. */
export function signInSheets(orals: readonly SheetOral[]): OralSheet[] {
  return sheetsBy(orals, (o) => o.room);
}

/** One slip per day and examiner, the orals in the order they are held. */
export function markSlips(orals: readonly SheetOral[]): OralSheet[] {
  return sheetsBy(orals, (o) => o.examiner);
}

/**
 * The mark slip as a spreadsheet: the columns of the control marks import
 * first (number, test, mark: the mark left empty for the examiner), then
 * columns that only help whoever fills it in, which the import reads past.
 * A slip filled in is imported as it is.
 */
export const MARK_SLIP_IMPORT_COLUMNS = ['number', 'test', 'mark'] as const;
export const MARK_SLIP_READING_COLUMNS = [
  'last_name',
  'first_name',
  'day',
  'starts_at',
  'room',
  'examiner',
] as const;

/** The slips as one table, in the order of the sheets (day, examiner, time). */
export function markSlipTable(slips: readonly OralSheet[]): {
  readonly header: string[];
  readonly rows: string[][];
} {
  return {
    header: [...MARK_SLIP_IMPORT_COLUMNS, ...MARK_SLIP_READING_COLUMNS],
    rows: slips.flatMap((slip) =>
      slip.orals.map((o) => [
        o.number,
        o.testCode,
        '',
        o.lastName,
        o.firstName,
        slip.day,
        // Paris wall time to the minute, as a spreadsheet sorts it.
        instantToParisWallTime(o.startsAt).slice(11, 16),
        o.room ?? '',
        o.examiner ?? '',
      ]),
    ),
  };
}
