import type { WindowState } from '../calendar/phase.ts';
import type { Channel } from '../channels/may-enter-choice.ts';
import type { FinalOutcome } from '../control/final-outcome.ts';
import type { FirstGroupOutcome } from '../marks/first-group-outcome.ts';
import type { MarkStatus } from '../marks/mark-entry.ts';
import type { UnplacedReason } from '../planning/plan-control-orals.ts';

/**
 * The one wording of every status and outcome, shared by the web pages, the
 * PDFs, the CSV exports and the e-mails, so that a candidate reads the same
 * words on the screen, on paper and in a spreadsheet. French typography: the
 * apostrophe is the typographic one (’), never the straight one.
 */

export const FIRST_GROUP_OUTCOME_LABELS: Readonly<Record<FirstGroupOutcome, string>> = {
  ADMITTED: 'Admis',
  CONTROL_ALLOWED: 'Admis à se présenter aux épreuves de contrôle',
  FAILED: 'Ajourné',
};

export const FINAL_OUTCOME_LABELS: Readonly<Record<FinalOutcome, string>> = {
  ADMITTED: 'Admis',
  FAILED: 'Ajourné',
};

/** A test's status in words (never by colour only). */
export const MARK_STATUS_LABELS: Readonly<Record<MarkStatus, string>> = {
  MARK: 'Note',
  KEPT: 'Note conservée (bénéfice)',
  EXEMPT: 'Dispensé',
  ABSENT_JUSTIFIED: 'Absent justifié (compte pour 0)',
  ABSENT: 'Absent',
};

/** Where nothing can be shown: no mark yet, or no average. */
export const NO_VALUE = '—';

/** An average with a missing mark: the jury may still decide the outcome. */
export const AVERAGE_NOT_COMPUTABLE = 'non calculable';

/**
 * The text of a mark cell: the mark, the kept mark with its status, or the
 * status alone (an exempt or absent candidate has no mark to show).
 */
export function markCellText(status: MarkStatus, display: string | null): string {
  switch (status) {
    case 'MARK':
      return display ?? NO_VALUE;
    case 'KEPT':
      return `${display ?? NO_VALUE} — ${MARK_STATUS_LABELS.KEPT.toLowerCase()}`;
    case 'EXEMPT':
    case 'ABSENT_JUSTIFIED':
    case 'ABSENT':
      return MARK_STATUS_LABELS[status];
  }
}

export const AVERAGE_LABELS = {
  overall: 'Moyenne générale',
  professional: 'Moyenne du domaine professionnel',
  final: 'Moyenne générale après les épreuves de contrôle',
} as const;

export const AVERAGES_TRUNCATED = 'Les moyennes sont tronquées au centième, jamais arrondies.';

/** The result of a candidate whose results cannot be shown (yet). */
export const RESULT_STATE_LABELS = {
  UNDISCLOSED: 'Résultats non publiés',
  PENDING: 'Résultat en attente (note manquante)',
  /** Held back by the pilot académie (« résultat réservé »). */
  WITHHELD: 'Résultat en attente',
} as const;

/** Who entered a choice, as a column value. */
export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  CANDIDATE_SPACE: 'Espace candidat',
  SCHOOL: 'Établissement de formation',
};

/** Who entered a choice, in a sentence about the candidate: « saisi par le candidat ». */
export const CHANNEL_BY_LABELS: Readonly<Record<Channel, string>> = {
  CANDIDATE_SPACE: 'par le candidat',
  SCHOOL: 'par l’établissement de formation',
};

/** Who entered a choice, in a sentence to the candidate: « enregistré depuis votre espace candidat ». */
export const CHANNEL_TO_CANDIDATE_LABELS: Readonly<Record<Channel, string>> = {
  CANDIDATE_SPACE: 'depuis votre espace candidat',
  SCHOOL: 'par votre établissement de formation',
};

/** Who entered an entry of a choice's history, as a column value. */
export const CHOICE_AUTHOR_LABELS = {
  CANDIDATE: 'Le candidat',
  SCHOOL: 'L’établissement de formation',
  ACADEMY: 'L’académie',
  PILOT: 'Le service des examens',
} as const;

/**
 * A choice the exam office recorded after the deadline, by exception: said
 * wherever the choice is (decideLateChoice).
 */
export const LATE_CHOICE_NOTE = 'hors délai, à titre exceptionnel, par le service des examens';

/** Who asked the exam office for a late choice, as a column value. */
const LATE_CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  CANDIDATE_SPACE: 'Service des examens, à la demande du candidat (hors délai)',
  SCHOOL: 'Service des examens, à la demande de l’établissement (hors délai)',
};

/** The channel of a choice as a column value, saying when it was recorded late. */
export function choiceChannelText(channel: Channel, late: boolean): string {
  return late ? LATE_CHANNEL_LABELS[channel] : CHANNEL_LABELS[channel];
}

/**
 * A candidate allowed to the control who entered no choice by the deadline
 * takes no oral: their first-group marks stand and the rules give « ajourné »
 * (finalOutcome's NO_CONTROL_TAKEN), unless the jury decides otherwise.
 */
export const NO_CHOICE_BY_DEADLINE = {
  title: 'Aucun choix n’a été saisi avant la date limite',
  text: 'Vous ne passerez pas d’épreuve de contrôle : vos notes du premier groupe restent celles qui comptent et, sauf décision contraire du jury, vous serez ajourné à l’issue de la délibération. Si un motif sérieux vous a empêché de saisir votre choix, contactez sans attendre le service des examens de votre académie.',
  /** Once the final results are out: what happened, no longer what follows. */
  afterResults:
    'Aucun choix n’ayant été saisi avant la date limite, vous n’avez passé aucune épreuve de contrôle.',
} as const;

export const WINDOW_STATE_LABELS: Readonly<Record<WindowState, string>> = {
  NOT_OPEN: 'Saisie à venir',
  OPEN: 'Saisie ouverte',
  CLOSED: 'Saisie close',
};

/** Why the planner could not convene a candidate. */
export function unplacedReasonText(reason: UnplacedReason, testCode: string | null): string {
  switch (reason) {
    case 'NO_EXAMINER':
      return `Aucun examinateur n’est déclaré pour l’épreuve ${testCode ?? ''} ce jour-là.`;
    case 'NO_ROOM':
      return 'Aucune salle n’est déclarée pour les oraux.';
    case 'NO_ACCESSIBLE_ROOM':
      return 'Aucune salle accessible n’est disponible pour ce candidat.';
    case 'DAY_FULL':
      return 'La journée est complète : aucun créneau ne permet de placer les deux oraux dans les horaires des examinateurs.';
  }
}
