import { RESULT_STATE_LABELS, toFractionString } from '@rattrapage/domain';
import type { SessionStatistics } from '../services/statistics.ts';
import { formatPercent, outcomeLabel } from './labels.ts';

const COUNTED_LABELS: Readonly<Record<string, string>> = RESULT_STATE_LABELS;

/** The statistics as one long table: indicator, specialty, académie, test, modality, value. */
export function statisticsTable(s: SessionStatistics) {
  const header = [
    'Indicateur',
    'Spécialité',
    'Académie d’origine',
    'Épreuve',
    'Modalité',
    'Valeur',
  ];
  const rows: string[][] = [];
  for (const o of s.outcomes)
    rows.push([
      'Résultat du premier groupe',
      o.specialtyCode,
      o.originAcademyCode,
      '',
      COUNTED_LABELS[o.outcome] ?? outcomeLabel(o.outcome),
      String(o.count),
    ]);
  for (const c of s.choices)
    rows.push(['Choix saisis', c.specialtyCode, c.originAcademyCode, '', '', String(c.count)]);
  for (const r of s.controlPassRates)
    rows.push([
      'Taux de réussite au contrôle',
      r.specialtyCode ?? 'Toutes',
      s.academyCode ?? 'Toutes',
      '',
      r.exact === null ? '' : `${r.passed}/${r.presented} (${toFractionString(r.exact)})`,
      r.percentHundredths === null ? '' : formatPercent(r.percentHundredths),
    ]);
  for (const d of s.markDistributions)
    d.buckets.forEach((count, k) => {
      rows.push([
        d.stage === 'FIRST_GROUP' ? 'Notes du premier groupe' : 'Notes des épreuves de contrôle',
        d.specialtyCode,
        s.academyCode ?? 'Toutes',
        d.code,
        k === 20 ? '20' : `${k} à moins de ${k + 1}`,
        String(count),
      ]);
    });
  return { header, rows };
}
