import { AVERAGES_TRUNCATED, AVERAGE_LABELS } from '@rattrapage/domain';
import type { AccessiblePdf } from './accessible-pdf.ts';
import type { TranscriptDocument } from './candidate-documents.ts';
import { juryDecisionLabel, outcomeLabel } from './labels.ts';

/** The relevé de notes: marks per test, averages truncated, outcomes, jury decisions as such. */
export function renderTranscriptPage(
  pdf: AccessiblePdf,
  transcript: TranscriptDocument,
  year: number,
): void {
  const s = pdf.section();
  const id = transcript.identity;
  pdf.heading(s, 1, `Relevé de notes — BTS session ${year}`);
  pdf.paragraph(s, `${id.lastName.toUpperCase()} ${id.firstName}`, true);
  pdf.paragraph(s, `Numéro de candidat : ${id.number}`);
  pdf.paragraph(s, `Spécialité : ${id.specialty}`);
  pdf.paragraph(s, `Académie d’origine : ${id.originAcademy}`);
  pdf.doc.moveDown(0.6);

  pdf.heading(s, 2, 'Notes');
  const header = transcript.hasControl
    ? ['Épreuve', 'Coef.', 'Premier groupe', 'Épreuve de contrôle', 'Note retenue']
    : ['Épreuve', 'Coef.', 'Premier groupe'];
  const widths = transcript.hasControl ? [195, 40, 95, 90, 75] : [300, 50, 145];
  const rows = transcript.rows.map((r) =>
    transcript.hasControl
      ? [r.test, r.coefficient, r.firstGroup, r.control, r.kept]
      : [r.test, r.coefficient, r.firstGroup],
  );
  pdf.table(s, header, rows, widths);
  pdf.paragraph(s, AVERAGES_TRUNCATED);
  pdf.doc.moveDown(0.4);

  pdf.heading(s, 2, 'Premier groupe');
  pdf.paragraph(s, `${AVERAGE_LABELS.overall} : ${transcript.firstGroup.overall}`);
  pdf.paragraph(s, `${AVERAGE_LABELS.professional} : ${transcript.firstGroup.professional}`);
  for (const note of transcript.firstGroup.notes) pdf.paragraph(s, note);
  pdf.paragraph(s, `Résultat : ${outcomeLabel(transcript.firstGroup.outcome)}`, true);
  if (transcript.firstGroup.juryDecision !== null)
    pdf.paragraph(s, juryDecisionLabel(transcript.firstGroup.juryDecision));

  if (transcript.final !== null) {
    pdf.doc.moveDown(0.4);
    pdf.heading(s, 2, 'Résultat final');
    pdf.paragraph(s, `${AVERAGE_LABELS.final} : ${transcript.final.overall}`);
    pdf.paragraph(s, `Résultat : ${outcomeLabel(transcript.final.outcome)}`, true);
    if (transcript.final.juryDecision !== null)
      pdf.paragraph(s, juryDecisionLabel(transcript.final.juryDecision));
  }
}
