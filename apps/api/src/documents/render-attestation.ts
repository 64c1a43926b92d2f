import { formatVerificationCode } from '@rattrapage/domain';
import type { AccessiblePdf } from './accessible-pdf.ts';
import type { AttestationDocument } from './candidate-documents.ts';
import { deliberationText, renderCertifiedCandidate } from './certified-candidate.ts';

/** Where a holder of the paper checks it (the web's public page). */
export const VERIFICATION_PAGE = '/attestation';

/** One page: who, which BTS, which session, when admitted, and how to check it. */
export function renderAttestationPage(pdf: AccessiblePdf, a: AttestationDocument): void {
  const s = pdf.section();
  const id = a.identity;
  pdf.heading(s, 1, `Attestation de réussite — BTS session ${a.year}`);
  pdf.paragraph(
    s,
    'Le recteur de l’académie de Reims, chargé de l’organisation de l’examen, atteste que :',
  );
  renderCertifiedCandidate(pdf, s, id);
  pdf.paragraph(
    s,
    `a été déclaré(e) admis(e) au brevet de technicien supérieur, spécialité ${id.specialty}, session ${a.year}, ${deliberationText(a)}.`,
  );
  pdf.paragraph(
    s,
    'La présente attestation est délivrée pour servir et valoir ce que de droit, dans l’attente du diplôme.',
  );
  pdf.doc.moveDown(0.6);
  pdf.heading(s, 2, 'Vérifier cette attestation');
  pdf.paragraph(s, `Code de vérification : ${formatVerificationCode(a.code)}`, true);
  pdf.paragraph(
    s,
    `Toute personne peut en vérifier l’authenticité, sans identifiant, sur la page « Vérifier une attestation » du site des épreuves de contrôle (${VERIFICATION_PAGE}) : elle y lit le nom et la spécialité du titulaire, et rien d’autre.`,
  );
}
