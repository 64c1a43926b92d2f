import { type OralSheet, formatParisDate, formatParisTime } from '@rattrapage/domain';
import type { AccessiblePdf } from './accessible-pdf.ts';

/** Whose sheets these are: the session and the académie of origin (« académie de Reims »). */
export interface OralPaperHeading {
  readonly year: number;
  readonly academyName: string;
}

const NOT_PLANNED = 'non précisé(e)';

function candidateCell(o: OralSheet['orals'][number]): string {
  return `${o.lastName.toUpperCase()} ${o.firstName}`;
}

/** Room enough to sign, or to write a mark, by hand. */
const HANDWRITING_ROW = 34;

/** One page: a day and a room, each oral with a box for the candidate's signature. */
export function renderSignInSheet(pdf: AccessiblePdf, sheet: OralSheet, heading: OralPaperHeading) {
  const s = pdf.section();
  pdf.heading(s, 1, `Feuille d’émargement — épreuves de contrôle du BTS, session ${heading.year}`);
  pdf.paragraph(s, `Candidats de l’${heading.academyName}`);
  pdf.paragraph(s, `Jour : ${formatParisDate(sheet.day)}`, true);
  pdf.paragraph(s, `Salle : ${sheet.heading ?? NOT_PLANNED}`, true);
  pdf.paragraph(
    s,
    'Chaque candidat signe à son arrivée, après vérification de sa pièce d’identité. Heures de Paris.',
  );
  pdf.doc.moveDown(0.4);
  pdf.table(
    s,
    ['Heure', 'N° candidat', 'Candidat', 'Épreuve', 'Aménagement', 'Signature'],
    sheet.orals.map((o) => [
      formatParisTime(o.startsAt),
      o.number,
      candidateCell(o),
      `${o.testCode} ${o.testName}`,
      o.accommodation ?? '—',
      '',
    ]),
    [42, 70, 100, 118, 80, 85],
    HANDWRITING_ROW,
  );
}

/** One page: a day and an examiner, each oral with a box for the mark. */
export function renderMarkSlip(pdf: AccessiblePdf, slip: OralSheet, heading: OralPaperHeading) {
  const s = pdf.section();
  pdf.heading(s, 1, `Bordereau de notation — épreuves de contrôle du BTS, session ${heading.year}`);
  pdf.paragraph(s, `Candidats de l’${heading.academyName}`);
  pdf.paragraph(s, `Jour : ${formatParisDate(slip.day)}`, true);
  pdf.paragraph(s, `Examinateur : ${slip.heading ?? NOT_PLANNED}`, true);
  pdf.paragraph(
    s,
    'Note sur 20, au centième au plus (par exemple 12,5), ou ABS pour un candidat absent. Heures de Paris.',
  );
  pdf.doc.moveDown(0.4);
  pdf.table(
    s,
    ['Heure', 'N° candidat', 'Candidat', 'Épreuve', 'Salle', 'Note / 20'],
    slip.orals.map((o) => [
      formatParisTime(o.startsAt),
      o.number,
      candidateCell(o),
      `${o.testCode} ${o.testName}`,
      o.room ?? '—',
      '',
    ]),
    [42, 70, 110, 133, 75, 65],
    HANDWRITING_ROW,
  );
  pdf.doc.moveDown(1);
  pdf.paragraph(s, 'Date et signature de l’examinateur :');
}
