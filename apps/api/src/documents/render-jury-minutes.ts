import { formatParisDate } from '@rattrapage/domain';
import type { JuryMinutes } from '../services/jury-minutes.ts';
import { juryMinutesTable } from '../services/jury-minutes.ts';
import type { AccessiblePdf } from './accessible-pdf.ts';
import { outcomeLabel } from './labels.ts';

const STAGE_TITLES = {
  FIRST_GROUP: 'premier groupe d’épreuves',
  FINAL: 'second groupe (après les épreuves de contrôle)',
} as const;

/** Room enough to sign by hand. */
const SIGNATURE_ROW = 34;
const TO_FILL = '……………………………………';

function countsText(minutes: JuryMinutes): string[] {
  const c = minutes.counts;
  return [
    `Candidats délibérés : ${String(c.candidates)}`,
    ...c.byOutcome.map((o) => `${outcomeLabel(o.outcome)} : ${String(o.count)}`),
    ...(c.undetermined > 0
      ? [`Sans résultat (note manquante, pas de décision) : ${String(c.undetermined)}`]
      : []),
    `Décisions du jury modifiant le résultat calculé : ${String(c.changedByJury)}`,
  ];
}

/**
 * The minutes of one deliberation: the jury, the list of candidates with
 * their averages, the computed outcome and the jury's decision where it
 * departs from it (with its reason), the counts, and the signatures. Until
 * the pilot records the jury, the names are left to be written in.
 */
export function renderJuryMinutes(pdf: AccessiblePdf, minutes: JuryMinutes): void {
  const s = pdf.section();
  const { key, jury } = minutes;
  pdf.heading(s, 1, `Procès-verbal de délibération du jury — BTS session ${String(key.year)}`);
  pdf.paragraph(s, `Spécialité : ${minutes.specialtyName} (${key.specialtyCode})`, true);
  pdf.paragraph(s, `Délibération du ${STAGE_TITLES[key.stage]}`);
  pdf.paragraph(
    s,
    `Date de la délibération : ${jury === null ? TO_FILL : formatParisDate(jury.deliberatedOn)}`,
  );
  pdf.heading(s, 2, 'Composition du jury');
  pdf.list(s, [
    `Président : ${jury?.president ?? TO_FILL}`,
    ...(jury === null
      ? [`Membres : ${TO_FILL}`]
      : jury.members.length === 0
        ? ['Membres : aucun autre membre']
        : jury.members.map((m) => `Membre : ${m}`)),
  ]);
  pdf.heading(s, 2, 'Candidats');
  const table = juryMinutesTable(minutes);
  const first = key.stage === 'FIRST_GROUP';
  if (table.rows.length === 0) pdf.paragraph(s, 'Aucun candidat à cette délibération.');
  else {
    // The page is narrow for the CSV's long headings: shorter ones, spelt out above.
    pdf.paragraph(
      s,
      first
        ? 'Moy. gén. : moyenne générale ; moy. pro. : moyenne du domaine professionnel (tronquées au centième).'
        : 'Moyenne : moyenne générale après les épreuves de contrôle (tronquée au centième).',
    );
    pdf.table(
      s,
      [
        'N° candidat',
        'Nom',
        'Prénom',
        ...(first ? ['Moy. gén.', 'Moy. pro.'] : ['Moyenne']),
        'Résultat calculé',
        'Décision du jury',
        'Motif',
      ],
      table.rows,
      first ? [68, 64, 56, 38, 38, 76, 78, 77] : [68, 72, 60, 50, 80, 80, 85],
    );
  }
  pdf.doc.moveDown(0.6);
  pdf.heading(s, 2, 'Décompte');
  pdf.list(s, countsText(minutes));
  pdf.doc.moveDown(0.6);
  pdf.heading(s, 2, 'Signatures');
  pdf.paragraph(
    s,
    `Le jury, souverain, arrête les résultats ci-dessus. Fait à Reims, le ${
      jury === null ? TO_FILL : formatParisDate(jury.deliberatedOn)
    }.`,
  );
  pdf.table(
    s,
    ['Qualité', 'Nom', 'Signature'],
    [
      ['Président du jury', jury?.president ?? '', ''],
      ...(jury === null || jury.members.length === 0
        ? [['Membre', '', '']]
        : jury.members.map((m) => ['Membre', m, ''])),
    ],
    [110, 200, 185],
    SIGNATURE_ROW,
  );
}
