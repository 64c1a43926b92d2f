import type { ImportReport } from './run-import.ts';

/** The command line's one-line account of an accepted file. */
export function importSummary(r: ImportReport): string {
  return (
    `${r.kind} ${r.year} : ${r.rows} lignes, ${r.inserted} ajoutées, ${r.updated} modifiées, ${r.unchanged} inchangées` +
    (r.kind === 'CANDIDATES' ? `, ${r.initialPasswords.length} comptes créés` : '') +
    ` (SHA-256 ${r.fileSha256}, ${r.encoding}).`
  );
}

/**
 * The numbers that got no account because another candidature's account
 * already has them as identifier, said after the summary; null when none.
 */
export function anotherAccountNotice(r: ImportReport): string | null {
  const { numbers, total } = r.numbersWithAnotherAccount;
  if (total === 0) return null;
  const verb = total > 1 ? 'numéros sont' : 'numéro est';
  const more = total > numbers.length ? ', …' : '';
  return `Sans compte pour cette session : ${total} ${verb} déjà l’identifiant du compte d’une autre candidature (une session précédente), qui le garde : ${numbers.join(', ')}${more}.`;
}
