import type { ExamCentre } from '../planning/exam-centre.ts';

/** The centre's address on lines: name, street, « 51100 Reims ». */
export function examCentreLines(centre: ExamCentre): [string, string, string] {
  return [centre.name, centre.street, `${centre.postcode} ${centre.city}`];
}

/**
 * The place of an oral on one line, as a convocation, an e-mail, a CSV or
 * a calendar's LOCATION prints it: « Lycée X, 12 rue Y, 51100 Reims — Salle
 * 101 ». Without a declared centre, the room alone.
 */
export function placeText(centre: ExamCentre | null, room: string | null): string {
  const where = centre === null ? [] : [examCentreLines(centre).join(', ')];
  const roomPart = room === null || room.trim() === '' ? [] : [room];
  return [...where, ...roomPart].join(' — ');
}
