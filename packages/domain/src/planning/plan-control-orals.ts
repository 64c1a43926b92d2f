import { DomainInputError } from '../errors.ts';
import { parisDateOf } from '../calendar/paris-time.ts';
import type { ExamTest } from '../marks/exam-structure.ts';
import type { OralDurations } from '../rules/rule-set.ts';
import { type Accommodation, oralTimingOf } from './oral-timing.ts';

export interface ExaminedTest {
  readonly specialtyCode: string;
  readonly testCode: string;
}

export interface Examiner {
  /** Unique per day: the same person on two days is two entries. */
  readonly name: string;
  /** Paris calendar day, "YYYY-MM-DD". */
  readonly day: string;
  /** The examiner's hours: every convocation with them, preparation included, fits inside. */
  readonly availableFrom: Date;
  readonly availableUntil: Date;
  readonly tests: readonly ExaminedTest[];
  /** When set, the examiner only examines in this room (the fallback's virtual examiners). */
  readonly room?: string;
}

export interface Room {
  /** Unique: the convocation's place. */
  readonly name: string;
  readonly accessible: boolean;
}

export interface CandidateToPlan {
  readonly candidateId: string;
  readonly specialtyCode: string;
  /** Paris calendar day of the candidate's orals (the calendar's `oralDayFor`). */
  readonly day: string;
  readonly tests: readonly [ExamTest, ExamTest];
  readonly accommodation: Accommodation | null;
}

/** A convocation already issued: never moved; it keeps its examiner, room and candidate busy. */
export interface IssuedOral {
  readonly candidateId: string;
  readonly testCode: string;
  readonly preparationStartsAt: Date;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly examiner: string | null;
  readonly room: string | null;
}

export interface PlacedOral {
  readonly candidateId: string;
  readonly testCode: string;
  readonly preparationStartsAt: Date;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly examiner: string;
  readonly room: string;
  readonly extraPreparationMinutes: number;
}

export type UnplacedReason = 'NO_EXAMINER' | 'NO_ROOM' | 'NO_ACCESSIBLE_ROOM' | 'DAY_FULL';

export interface UnplacedCandidate {
  readonly candidateId: string;
  readonly reason: UnplacedReason;
  /** The test that could not be placed (for NO_EXAMINER, the test nobody examines). */
  readonly testCode: string | null;
}

export interface PlanningInput {
  readonly candidates: readonly CandidateToPlan[];
  readonly examiners: readonly Examiner[];
  readonly rooms: readonly Room[];
  readonly issued?: readonly IssuedOral[];
  /**
   * Longest wait, in minutes, between the end of a candidate's first oral
   * and the start of their second preparation (policy; default 120).
   */
  readonly maxGapMinutes?: number;
  /**
   * Shortest time, in minutes, between the end of a candidate's first oral
   * and the start of their second preparation: the time to leave one room
   * and reach the next (policy; default 10).
   */
  readonly minGapMinutes?: number;
  /** The session's oral durations (its rule set); the national ones when omitted. */
  readonly oralDurations?: OralDurations;
}

export interface OralPlan {
  readonly placed: readonly PlacedOral[];
  readonly unplaced: readonly UnplacedCandidate[];
}

export const DEFAULT_MAX_GAP_MINUTES = 120;
export const DEFAULT_MIN_GAP_MINUTES = 10;
const MINUTE = 60_000;

interface Interval {
  readonly from: number;
  readonly to: number;
}

interface Slot {
  readonly examiner: Examiner;
  readonly room: Room;
  readonly preparationStartsAt: number;
  readonly startsAt: number;
  readonly endsAt: number;
}

interface OralNeed {
  readonly test: ExamTest;
  readonly preparationMinutes: number;
  readonly oralMinutes: number;
  readonly extraPreparationMinutes: number;
}

const examinerKey = (day: string, name: string) => `${day}\u0000${name}`;

/**
 * What is wrong with the planner's resources, in French (empty when nothing):
 * an examiner or a room declared twice, hours that end before they start or
 * lie outside the examiner's day, a negative gap.
 */
export function planningInputProblems(
  input: Pick<PlanningInput, 'examiners' | 'rooms' | 'maxGapMinutes' | 'minGapMinutes'>,
): string[] {
  const problems: string[] = [];
  const examiners = new Set<string>();
  for (const e of input.examiners) {
    const key = examinerKey(e.day, e.name);
    if (e.name.trim() === '') problems.push('examinateur sans nom');
    if (examiners.has(key))
      problems.push(`examinateur « ${e.name} » déclaré deux fois le ${e.day}`);
    examiners.add(key);
    if (!(e.availableFrom.getTime() < e.availableUntil.getTime()))
      problems.push(`examinateur « ${e.name} » : fin de disponibilité avant le début`);
    else if (
      parisDateOf(e.availableFrom) !== e.day ||
      parisDateOf(new Date(e.availableUntil.getTime() - 1)) !== e.day
    )
      problems.push(`examinateur « ${e.name} » : disponibilité hors du jour ${e.day}`);
  }
  const rooms = new Set<string>();
  for (const r of input.rooms) {
    if (r.name.trim() === '') problems.push('salle sans nom');
    if (rooms.has(r.name)) problems.push(`salle « ${r.name} » déclarée deux fois`);
    rooms.add(r.name);
  }
  const gap = input.maxGapMinutes ?? DEFAULT_MAX_GAP_MINUTES;
  if (!Number.isSafeInteger(gap) || gap < 0) problems.push(`écart maximal invalide : ${gap}`);
  const minGap = input.minGapMinutes ?? DEFAULT_MIN_GAP_MINUTES;
  if (!Number.isSafeInteger(minGap) || minGap < 0)
    problems.push(`écart minimal invalide : ${minGap}`);
  else if (minGap > gap)
    problems.push(`écart minimal (${minGap} min) supérieur à l’écart maximal (${gap} min)`);
  return problems;
}

function checkInput(input: PlanningInput): void {
  const problems = planningInputProblems(input);
  if (problems.length > 0) {
    throw new DomainInputError(
      'INVALID_PLANNING_INPUT',
      `Données de planification invalides : ${problems.join(' ; ')}.`,
      problems,
    );
  }
}

/** Busy intervals, kept sorted by start, per resource key. */
class Agenda {
  private readonly busy = new Map<string, Interval[]>();

  book(key: string, interval: Interval): void {
    const list = this.busy.get(key) ?? [];
    list.push(interval);
    list.sort((a, b) => a.from - b.from);
    this.busy.set(key, list);
  }

  /** The end of the first busy interval overlapping [from, to), or null when free. */
  conflictEnd(key: string, from: number, to: number): number | null {
    for (const i of this.busy.get(key) ?? []) {
      if (i.from >= to) break;
      if (i.to > from) return i.to;
    }
    return null;
  }
}

/**
 * Plans the control orals of one académie: for each candidate, two orals
 * (each preceded by its preparation, with any extra preparation time of an
 * accommodation), each with an examiner of that test on the candidate's day
 * and a room (an accessible one when the accommodation requires it).
 *
 * Guarantees: no examiner, room or candidate is double-booked; a
 * candidate's second preparation starts at least `minGapMinutes` (the
 * time to change rooms) and at most `maxGapMinutes` after the first oral
 * ends; every
 * convocation, preparation included, lies within its examiner's hours
 * (the centre opens when the examiner arrives). Examiners and rooms are
 * booked for the oral only: the candidate prepares in the supervised
 * preparation room, which is not a limited resource here.
 *
 * Heuristic (greedy earliest finish, deterministic): candidates are taken in
 * the given order, those needing an accessible room first (accessible rooms
 * are the scarce resource); each gets, of the two orders of their tests, the
 * placement whose second oral ends earliest, each oral at the earliest
 * instant where an examiner and a room are both free (ties: examiners and
 * rooms in the given order). "As early as possible" thus means that each
 * candidate, in turn, finishes their day as early as the convocations
 * already placed allow; it is not a proven optimum of the day's end.
 *
 * Issued convocations are kept unchanged and their candidates are not
 * planned again; their examiner and room stay taken. A candidate who cannot
 * be placed is reported with the reason, never silently dropped.
 */
export function planControlOrals(input: PlanningInput): OralPlan {
  checkInput(input);
  const maxGap = (input.maxGapMinutes ?? DEFAULT_MAX_GAP_MINUTES) * MINUTE;
  const minGap = (input.minGapMinutes ?? DEFAULT_MIN_GAP_MINUTES) * MINUTE;
  const agenda = new Agenda();
  const alreadyIssued = new Set<string>();
  for (const o of input.issued ?? []) {
    alreadyIssued.add(o.candidateId);
    const interval = { from: o.startsAt.getTime(), to: o.endsAt.getTime() };
    if (o.examiner !== null)
      agenda.book(`e:${examinerKey(parisDateOf(o.startsAt), o.examiner)}`, interval);
    if (o.room !== null) agenda.book(`r:${o.room}`, interval);
  }

  const ordered = [
    ...input.candidates.filter((c) => c.accommodation?.accessibleRoomRequired === true),
    ...input.candidates.filter((c) => c.accommodation?.accessibleRoomRequired !== true),
  ];
  const placed: PlacedOral[] = [];
  const unplaced: UnplacedCandidate[] = [];
  const planned = new Set<string>();

  for (const candidate of ordered) {
    if (alreadyIssued.has(candidate.candidateId) || planned.has(candidate.candidateId)) continue;
    planned.add(candidate.candidateId);
    const needsAccessible = candidate.accommodation?.accessibleRoomRequired === true;
    const needs: OralNeed[] = candidate.tests.map((test) => ({
      test,
      ...oralTimingOf(test, candidate.accommodation, input.oralDurations),
    }));
    const examinersOf = (test: ExamTest) =>
      input.examiners.filter(
        (e) =>
          e.day === candidate.day &&
          e.tests.some(
            (t) => t.specialtyCode === candidate.specialtyCode && t.testCode === test.code,
          ),
      );
    const rooms = input.rooms.filter((r) => !needsAccessible || r.accessible);

    const missing = needs.find((n) => examinersOf(n.test).length === 0);
    if (missing !== undefined) {
      unplaced.push({
        candidateId: candidate.candidateId,
        reason: 'NO_EXAMINER',
        testCode: missing.test.code,
      });
      continue;
    }
    const roomless = needs.find((n) =>
      examinersOf(n.test).every(
        (e) => !rooms.some((r) => e.room === undefined || e.room === r.name),
      ),
    );
    if (roomless !== undefined) {
      unplaced.push({
        candidateId: candidate.candidateId,
        reason: needsAccessible ? 'NO_ACCESSIBLE_ROOM' : 'NO_ROOM',
        testCode: roomless.test.code,
      });
      continue;
    }

    const earliest = (need: OralNeed, notBefore: number): Slot | null => {
      let best: Slot | null = null;
      for (const examiner of examinersOf(need.test)) {
        for (const room of rooms) {
          if (examiner.room !== undefined && examiner.room !== room.name) continue;
          const slot = earliestCommonSlot(agenda, examiner, room, need, notBefore);
          if (slot !== null && (best === null || slot.startsAt < best.startsAt)) best = slot;
        }
      }
      return best;
    };
    const pairFrom = (first: OralNeed, second: OralNeed): [Slot, Slot] | null => {
      let notBefore = Number.NEGATIVE_INFINITY;
      for (;;) {
        const a = earliest(first, notBefore);
        if (a === null) return null;
        const b = earliest(second, a.endsAt + minGap);
        if (b === null) return null;
        if (b.preparationStartsAt - a.endsAt <= maxGap) return [a, b];
        // The first oral must end at least this late for the second to be close enough.
        const latestEndNeeded = b.preparationStartsAt - maxGap;
        notBefore = Math.max(
          a.preparationStartsAt + MINUTE,
          latestEndNeeded - (first.preparationMinutes + first.oralMinutes) * MINUTE,
        );
      }
    };
    const [n0, n1] = needs as [OralNeed, OralNeed];
    let best: { pair: [Slot, Slot]; needs: [OralNeed, OralNeed] } | null = null;
    for (const order of [
      [n0, n1],
      [n1, n0],
    ] as const) {
      const pair = pairFrom(order[0], order[1]);
      if (pair !== null && (best === null || pair[1].endsAt < best.pair[1].endsAt))
        best = { pair, needs: [order[0], order[1]] };
    }
    if (best === null) {
      unplaced.push({ candidateId: candidate.candidateId, reason: 'DAY_FULL', testCode: null });
      continue;
    }
    best.pair.forEach((slot, index) => {
      const need = best.needs[index] as OralNeed;
      const interval = { from: slot.startsAt, to: slot.endsAt };
      agenda.book(`e:${examinerKey(slot.examiner.day, slot.examiner.name)}`, interval);
      agenda.book(`r:${slot.room.name}`, interval);
      placed.push({
        candidateId: candidate.candidateId,
        testCode: need.test.code,
        preparationStartsAt: new Date(slot.preparationStartsAt),
        startsAt: new Date(slot.startsAt),
        endsAt: new Date(slot.endsAt),
        examiner: slot.examiner.name,
        room: slot.room.name,
        extraPreparationMinutes: need.extraPreparationMinutes,
      });
    });
  }
  return { placed, unplaced };
}

/** The earliest oral with this examiner in this room, its preparation starting at `notBefore` or later. */
function earliestCommonSlot(
  agenda: Agenda,
  examiner: Examiner,
  room: Room,
  need: OralNeed,
  notBefore: number,
): Slot | null {
  const preparation = need.preparationMinutes * MINUTE;
  const oral = need.oralMinutes * MINUTE;
  const eKey = `e:${examinerKey(examiner.day, examiner.name)}`;
  const rKey = `r:${room.name}`;
  let start = Math.max(notBefore, examiner.availableFrom.getTime()) + preparation;
  for (;;) {
    if (start + oral > examiner.availableUntil.getTime()) return null;
    const conflict =
      agenda.conflictEnd(eKey, start, start + oral) ??
      agenda.conflictEnd(rKey, start, start + oral);
    if (conflict === null) {
      return {
        examiner,
        room,
        preparationStartsAt: start - preparation,
        startsAt: start,
        endsAt: start + oral,
      };
    }
    start = conflict;
  }
}
