import type { AccessiblePdf } from './accessible-pdf.ts';
import type { SkillBlocksDocument } from './candidate-documents.ts';
import { deliberationText, renderCertifiedCandidate } from './certified-candidate.ts';

/** The legal basis, as the certificate states it. */
export const SKILL_BLOCKS_BASIS =
  'Article D643-15 du code de l’éducation : le candidat non admis conserve les blocs de compétences dont la note est au moins égale à 10 sur 20, qui font l’objet du présent certificat.';

/** One page: who, which BTS and session, which deliberation, and the blocks acquired. */
export function renderSkillBlocksPage(pdf: AccessiblePdf, c: SkillBlocksDocument): void {
  const s = pdf.section();
  const id = c.identity;
  pdf.heading(s, 1, `Certificat de blocs de compétences — BTS session ${c.year}`);
  pdf.paragraph(
    s,
    'Le recteur de l’académie de Reims, chargé de l’organisation de l’examen, certifie que :',
  );
  renderCertifiedCandidate(pdf, s, id);
  pdf.paragraph(
    s,
    `candidat(e) au brevet de technicien supérieur, spécialité ${id.specialty}, session ${c.year}, non admis(e) ${deliberationText(c.deliberation)},`,
  );
  pdf.doc.moveDown(0.4);
  if (c.acquired.length === 0) {
    pdf.paragraph(
      s,
      'n’a obtenu à cette session aucun bloc de compétences avec une note au moins égale à 10 sur 20 : aucun bloc ne lui est acquis.',
      true,
    );
  } else {
    pdf.paragraph(
      s,
      `a obtenu une note au moins égale à 10 sur 20 ${c.acquired.length === 1 ? 'au bloc de compétences suivant, qui lui est acquis' : 'aux blocs de compétences suivants, qui lui sont acquis'} :`,
    );
    pdf.doc.moveDown(0.3);
    pdf.table(
      s,
      ['Bloc', 'Intitulé', 'Note sur 20'],
      c.acquired.map((b) => [b.code, b.name, b.mark]),
      [50, 290, 155],
    );
    pdf.paragraph(
      s,
      'La note d’un bloc est celle des épreuves qu’il couvre, après les épreuves de contrôle (la meilleure des deux notes d’une épreuve repassée), tronquée au centième.',
    );
  }
  pdf.doc.moveDown(0.6);
  pdf.heading(s, 2, 'Base légale');
  pdf.paragraph(s, SKILL_BLOCKS_BASIS);
}
