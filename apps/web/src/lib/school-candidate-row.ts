// Shared by the school list's server load and its table component.
/** One row of the school's list, already worded for the page. */
export interface SchoolCandidateRow {
  id: string;
  href: string;
  number: string;
  name: string;
  specialty: string;
  specialtyName: string;
  individual: boolean;
  outcome: string;
  /** « Choix saisi : E1, E3 (par le candidat) », « Pas de choix », or null when there is no control. */
  choice: string | null;
  hasChoice: boolean;
  /** « Saisir le choix » / « Modifier le choix » when the school may enter it now. */
  action: string | null;
}
