import { examCentreLines, formatParisDate, formatParisTime } from '@rattrapage/domain';
import type { AccessiblePdf } from './accessible-pdf.ts';
import type { ConvocationRecord } from '../repositories/convocations.repository.ts';
import type { ConvocationDocument } from './candidate-documents.ts';

/** What a candidate brings to the orals (seed: « pièce d’identité, convocation »). */
export const TO_BRING = ['Une pièce d’identité en cours de validité', 'La présente convocation'];

/** One page: the candidate, then each oral with its day, times and place (Paris time). */
export function renderConvocationPage(
  pdf: AccessiblePdf,
  convocation: ConvocationDocument,
  year: number,
): void {
  const s = pdf.section();
  const id = convocation.identity;
  pdf.heading(s, 1, `Convocation aux épreuves de contrôle — BTS session ${year}`);
  pdf.paragraph(s, `${id.lastName.toUpperCase()} ${id.firstName}`, true);
  pdf.paragraph(s, `Numéro de candidat : ${id.number}`);
  pdf.paragraph(s, `Spécialité : ${id.specialty}`);
  pdf.paragraph(s, `Académie d’origine : ${id.originAcademy}`);
  pdf.doc.moveDown(0.6);
  pdf.paragraph(
    s,
    'Vous êtes convoqué(e) aux épreuves orales de contrôle (second groupe) suivantes. Les heures sont données à l’heure de Paris.',
  );
  pdf.doc.moveDown(0.4);
  for (const { test, record } of convocation.orals) {
    pdf.heading(s, 2, `Épreuve de contrôle : ${test.code} ${test.name}`);
    pdf.list(s, oralLines(record));
    pdf.doc.moveDown(0.4);
  }
  pdf.heading(s, 2, 'Se munir de');
  pdf.list(s, TO_BRING);
}

/** The place: the centre and its address, then the room; or the place as issued before centres. */
function placeLines(record: ConvocationRecord): string[] {
  const centre = record.centre ?? null;
  if (centre === null) return [`Lieu : ${record.place}`];
  const [name, street, city] = examCentreLines(centre);
  const room = record.room ?? null;
  return [`Lieu : ${room === null ? name : `${name} — ${room}`}`, `Adresse : ${street}, ${city}`];
}

function minutesBetween(from: Date, to: Date): number {
  return Math.round((to.getTime() - from.getTime()) / 60_000);
}

function oralLines(record: ConvocationRecord): string[] {
  // The minutes printed are the ones planned: the session's durations and
  // the accommodation's extra preparation, as the planner placed them.
  const preparation = minutesBetween(record.preparationStartsAt, record.startsAt);
  const oral = minutesBetween(record.startsAt, record.endsAt);
  const accommodation = record.accommodation ?? null;
  return [
    `Date : ${formatParisDate(record.startsAt)}`,
    `Début de la préparation : ${formatParisTime(record.preparationStartsAt)} (${preparation} minutes)`,
    `Oral : de ${formatParisTime(record.startsAt)} à ${formatParisTime(record.endsAt)} (${oral} minutes)`,
    ...placeLines(record),
    ...(accommodation === null ? [] : [accommodation]),
  ];
}
