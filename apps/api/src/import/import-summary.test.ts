import { describe, expect, it } from 'vitest';
import { anotherAccountNotice, importSummary } from './import-summary.ts';
import type { ImportReport } from './run-import.ts';

const REPORT: ImportReport = {
  kind: 'CANDIDATES',
  year: 2025,
  rows: 3,
  inserted: 2,
  updated: 1,
  unchanged: 0,
  fileSha256: 'ab12',
  encoding: 'utf-8',
  initialPasswords: [{ number: '25019000001', password: 'x' }],
  numbersWithAnotherAccount: { numbers: [], total: 0 },
};

describe('the import command’s report', () => {
  it('counts lines, changes and, for candidates, the accounts created', () => {
    expect(importSummary(REPORT)).toBe(
      'CANDIDATES 2025 : 3 lignes, 2 ajoutées, 1 modifiées, 0 inchangées, 1 comptes créés (SHA-256 ab12, utf-8).',
    );
    expect(importSummary({ ...REPORT, kind: 'MARKS' })).not.toContain('comptes');
  });

  it('names the numbers another candidature’s account holds, the first ones if there are more', () => {
    expect(anotherAccountNotice(REPORT)).toBeNull();
    const one = { numbers: ['24019000001'], total: 1 };
    expect(anotherAccountNotice({ ...REPORT, numbersWithAnotherAccount: one })).toBe(
      'Sans compte pour cette session : 1 numéro est déjà l’identifiant du compte d’une autre candidature (une session précédente), qui le garde : 24019000001.',
    );
    const many = { numbers: ['24019000001', '24019000002'], total: 140 };
    expect(anotherAccountNotice({ ...REPORT, numbersWithAnotherAccount: many })).toMatch(
      /: 140 numéros sont déjà .* : 24019000001, 24019000002, …\.$/,
    );
  });
});
