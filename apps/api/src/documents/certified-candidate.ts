import { formatParisDate } from '@rattrapage/domain';
import type { AccessiblePdf } from './accessible-pdf.ts';
import type { CandidateIdentity } from './candidate-documents.ts';

/** Whom a certifying paper (attestation, certificate of skill blocks) is about. */
export function renderCertifiedCandidate(
  pdf: AccessiblePdf,
  s: PDFKit.PDFStructureElement,
  id: CandidateIdentity,
): void {
  pdf.paragraph(s, `${id.lastName.toUpperCase()} ${id.firstName}`, true);
  pdf.paragraph(s, `Numéro de candidat : ${id.number}`);
  pdf.paragraph(s, `Académie d’origine : ${id.originAcademy}`);
  pdf.doc.moveDown(0.4);
}

/**
 * « à l’issue des épreuves de contrôle, par délibération du jury du …,
 * publiée le … »: the day of the deliberation once the pilot has recorded it.
 */
export function deliberationText(d: {
  readonly afterControl: boolean;
  readonly publishedAt: Date;
  readonly deliberatedOn: string | null;
}): string {
  return `${
    d.afterControl ? 'à l’issue des épreuves de contrôle' : 'à l’issue du premier groupe d’épreuves'
  }, par délibération du jury ${
    d.deliberatedOn === null ? '' : `du ${formatParisDate(d.deliberatedOn)}, `
  }publiée le ${formatParisDate(d.publishedAt)}`;
}
