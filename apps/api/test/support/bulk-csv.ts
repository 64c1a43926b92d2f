/**
 * Import files at scale for the import's tests: NDRC candidates numbered
 * I0000000, I0000001… and their six marks each, varied so that every
 * outcome occurs (candidate 0 is admitted, candidate 1 failed).
 */
export const NDRC_TESTS = ['E1', 'E2', 'E3', 'E4', 'E5', 'E6'];
const ACADEMIES = ['19', '01', '20', '12'];
export const numberOf = (i: number) => `I${String(i).padStart(7, '0')}`;

export function candidatesCsv(n: number, schoolUai: string): string {
  const lines = [
    'number;last_name;first_name;specialty;origin_academy;school_uai;individual;email',
  ];
  for (let i = 0; i < n; i += 1) {
    const individual = i % 10 === 0;
    lines.push(
      `${numberOf(i)};Nom${i};Prénom${i};NDRC;${ACADEMIES[i % ACADEMIES.length] ?? '19'};${individual ? '' : schoolUai};${individual ? 'O' : 'N'};${i % 3 === 0 ? `c${i}@example.fr` : ''}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Candidate 0: all 12,5 (admitted); 1: an unjustified absence (failed); others varied. */
export function markCell(i: number, t: number, shift: number): string {
  if (i === 0) return '12,5';
  if (i === 1 && t === 0) return 'ABS';
  const k = (i * 7 + t * 3 + shift) % 40;
  if (k === 0) return 'AJ';
  if (k === 1 && t === 0) return 'DI';
  if (k === 2) return 'BEN 11,5';
  return `${(k % 20) + (k < 20 ? 0 : 0)},${String((i + t) % 100).padStart(2, '0')}`;
}

export function marksCsv(n: number, shift = 0, limitLines = Infinity): string {
  const lines = ['number;code;mark'];
  for (let i = 0; i < n && lines.length < limitLines; i += 1)
    for (let t = 0; t < NDRC_TESTS.length && lines.length < limitLines; t += 1)
      lines.push(`${numberOf(i)};${NDRC_TESTS[t] ?? ''};${markCell(i, t, shift)}`);
  return `${lines.join('\n')}\n`;
}
