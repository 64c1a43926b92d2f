import {
  type ExamTest,
  formatParisDate,
  formatParisTime,
  oralDurationOf,
} from '@rattrapage/domain';
import type { AccessiblePdf } from './accessible-pdf.ts';
import type { ConvocationDocument } from './candidate-documents.ts';

/** What a candidate brings to the orals (seed: « pièce d'identité, convocation »). */
export const TO_BRING = ["Une pièce d'identité en cours de validité", 'La présente convocation'];

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
  pdf.paragraph(s, `Académie d'origine : ${id.originAcademy}`);
  pdf.doc.moveDown(0.6);
  pdf.paragraph(
    s,
    'Vous êtes convoqué(e) aux épreuves orales de contrôle (second groupe) suivantes. Les heures sont données à l’heure de Paris.',
  );
  pdf.doc.moveDown(0.4);
  for (const { test, record } of convocation.orals) {
    pdf.heading(s, 2, `Épreuve de contrôle : ${test.code} ${test.name}`);
    pdf.list(s, oralLines(test, record));
    pdf.doc.moveDown(0.4);
  }
  pdf.heading(s, 2, 'Se munir de');
  pdf.list(s, TO_BRING);
}

function oralLines(
  test: ExamTest,
  record: { preparationStartsAt: Date; startsAt: Date; endsAt: Date; place: string },
): string[] {
  const duration = oralDurationOf(test);
  return [
    `Date : ${formatParisDate(record.startsAt)}`,
    `Début de la préparation : ${formatParisTime(record.preparationStartsAt)} (${duration.preparationMinutes} minutes)`,
    `Oral : de ${formatParisTime(record.startsAt)} à ${formatParisTime(record.endsAt)} (${duration.oralMinutes} minutes)`,
    `Lieu : ${record.place}`,
  ];
}
