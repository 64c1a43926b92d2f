import type { Channel } from '../channels/may-enter-choice.ts';
import type { Amendment } from '../calendar/amend-calendar.ts';
import { formatParisDate, formatParisDateTime, formatParisTime } from '../calendar/format-fr.ts';
import { PILOT_ACADEMY_CODE, academyByCode } from '../reference/academies.ts';
import { academyOfName } from '../wording/academy-name.ts';
import { CHANNEL_TO_CANDIDATE_LABELS, LATE_CHOICE_NOTE } from '../wording/labels.ts';

/**
 * The French texts of the e-mails sent to candidates. An e-mail is not an
 * authenticated channel: a candidate sees their results only after logging
 * in (docs/rules.md, « Embargo and who sees what »), so no message ever carries a mark,
 * an average or an outcome — only that something is there to be seen.
 */

export interface NotificationMessage {
  readonly subject: string;
  /** Plain text, lines separated by "\n". */
  readonly text: string;
}

export interface Addressee {
  readonly firstName: string;
  readonly lastName: string;
  readonly year: number;
  readonly specialtyCode: string;
}

export interface NamedTest {
  readonly code: string;
  readonly name: string;
}

/** The closing lines of every e-mail: who writes, and that no one reads replies. */
export const MESSAGE_SIGNATURE: readonly string[] = [
  '',
  `Le service des examens de l’${academyOfName(academyByCode(PILOT_ACADEMY_CODE)?.name ?? 'Reims')} (académie pilote)`,
  '',
  'Ce message est envoyé automatiquement ; merci de ne pas y répondre.',
];

function greeting(a: Addressee): string {
  return `Bonjour ${a.firstName} ${a.lastName},`;
}

function bts(a: Addressee): string {
  return `BTS ${a.specialtyCode}, session ${a.year}`;
}

function body(lines: readonly string[]): string {
  return [...lines, ...MESSAGE_SIGNATURE].join('\n');
}

/**
 * The receipt of a choice, whoever entered it: a candidate whose school
 * entered the choice learns of it, and of how to change it.
 */
export function choiceReceiptMessage(input: {
  readonly to: Addressee;
  readonly tests: readonly NamedTest[];
  readonly channel: Channel;
  readonly enteredAt: Date;
  readonly windowClosesAt: Date;
  /** Recorded by the exam office after the deadline, by exception. */
  readonly late?: boolean;
}): NotificationMessage {
  return {
    subject: `Épreuves de contrôle (${bts(input.to)}) : votre choix est enregistré`,
    text: body([
      greeting(input.to),
      '',
      input.late === true
        ? `Votre choix des épreuves de contrôle (${bts(input.to)}) a été enregistré le ${formatParisDateTime(input.enteredAt)}, ${LATE_CHOICE_NOTE}.`
        : `Votre choix des épreuves de contrôle (${bts(input.to)}) a été enregistré ${CHANNEL_TO_CANDIDATE_LABELS[input.channel]} le ${formatParisDateTime(input.enteredAt)}.`,
      '',
      'Épreuves choisies :',
      ...input.tests.map((t) => `- ${t.code} ${t.name}`),
      '',
      input.late === true
        ? // Past the deadline: nothing is open to the candidate any more.
          'Ce choix a été enregistré après la date limite, à titre exceptionnel : il ne peut plus être modifié depuis votre espace candidat. Votre convocation y sera disponible dès sa publication.'
        : // Spec, "Who may enter the choice": the latest valid entry in the window wins.
          `Ce choix peut encore être modifié jusqu’au ${formatParisDateTime(input.windowClosesAt)} (heure de Paris) ; le dernier choix enregistré avant cette heure est retenu.`,
      'Si vous n’êtes pas à l’origine de ce choix, connectez-vous à votre espace candidat pour le vérifier.',
    ]),
  };
}

export interface ConvocationOral {
  readonly test: NamedTest;
  readonly preparationStartsAt: Date;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly place: string;
}

/** One message for both orals, in time order. */
export function convocationMessage(input: {
  readonly to: Addressee;
  readonly orals: readonly ConvocationOral[];
}): NotificationMessage {
  const orals = [...input.orals].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return {
    subject: `Convocation aux épreuves de contrôle (${bts(input.to)})`,
    text: body([
      greeting(input.to),
      '',
      `Vous êtes convoqué(e) aux épreuves de contrôle (${bts(input.to)}) :`,
      ...orals.flatMap((o) => [
        '',
        `${o.test.code} ${o.test.name}`,
        `- le ${formatParisDate(o.startsAt)}`,
        `- accueil et début de la préparation à ${formatParisTime(o.preparationStartsAt)}, oral de ${formatParisTime(o.startsAt)} à ${formatParisTime(o.endsAt)} (heure de Paris)`,
        `- lieu : ${o.place}`,
      ]),
      '',
      'Présentez-vous avec une pièce d’identité. Votre convocation est aussi consultable dans votre espace candidat.',
    ]),
  };
}

export function firstGroupPublishedMessage(input: {
  readonly to: Addressee;
  readonly publishedAt: Date;
}): NotificationMessage {
  return {
    subject: `Résultats du premier groupe publiés (${bts(input.to)})`,
    text: body([
      greeting(input.to),
      '',
      `Les résultats du premier groupe (${bts(input.to)}) sont publiés depuis le ${formatParisDateTime(input.publishedAt)}.`,
      'Connectez-vous à votre espace candidat avec votre identifiant et votre mot de passe pour les consulter.',
      'Si vous êtes admis(e) à vous présenter aux épreuves de contrôle, vous y saisirez aussi le choix de vos deux épreuves.',
    ]),
  };
}

export function secondGroupPublishedMessage(input: {
  readonly to: Addressee;
  readonly publishedAt: Date;
}): NotificationMessage {
  return {
    subject: `Résultats des épreuves de contrôle publiés (${bts(input.to)})`,
    text: body([
      greeting(input.to),
      '',
      `Les résultats du second groupe (épreuves de contrôle, ${bts(input.to)}) sont publiés depuis le ${formatParisDateTime(input.publishedAt)}.`,
      'Connectez-vous à votre espace candidat avec votre identifiant et votre mot de passe pour les consulter.',
    ]),
  };
}

export function windowReminderMessage(input: {
  readonly to: Addressee;
  readonly windowClosesAt: Date;
}): NotificationMessage {
  return {
    subject: `Rappel : choisissez vos épreuves de contrôle avant le ${formatParisDateTime(input.windowClosesAt)}`,
    text: body([
      greeting(input.to),
      '',
      `Vous êtes admis(e) à vous présenter aux épreuves de contrôle (${bts(input.to)}), mais aucun choix d’épreuves n’est enregistré pour vous.`,
      `La saisie des choix ferme le ${formatParisDateTime(input.windowClosesAt)} (heure de Paris).`,
      'Connectez-vous à votre espace candidat pour choisir deux épreuves du domaine général. Si vous êtes inscrit(e) par un établissement, il peut aussi saisir ce choix pour vous.',
    ]),
  };
}

/** What an amendment moved, as the notice names it. */
export const CALENDAR_CHANGE_LABELS: Record<Amendment['what'], string> = {
  FIRST_GROUP_RESULTS: 'la publication des résultats du premier groupe',
  CHOICE_WINDOW_OPENS: 'l’ouverture de la saisie des choix d’épreuves de contrôle',
  CHOICE_WINDOW_CLOSES: 'la fermeture de la saisie des choix d’épreuves de contrôle',
  SECOND_GROUP_RESULTS: 'la publication des résultats du second groupe',
  ORAL_DAY: 'le jour de vos épreuves orales de contrôle',
};

const whenText = (value: Date | string) =>
  typeof value === 'string'
    ? `le ${formatParisDate(value)}`
    : `le ${formatParisDateTime(value)} (heure de Paris)`;

/**
 * A change of the session's calendar, to a candidate it concerns
 * (concernedByAmendment): what moved, from when to when, and why, with no
 * outcome in it. A notice about the orals may reach a candidate whose
 * results are not out yet, hence « si vous êtes concerné(e) ».
 */
export function calendarAmendedMessage(input: {
  readonly to: Addressee;
  readonly amendment: Amendment;
}): NotificationMessage {
  const { amendment } = input;
  const label = CALENDAR_CHANGE_LABELS[amendment.what];
  const aboutOrals = amendment.what !== 'FIRST_GROUP_RESULTS';
  return {
    subject: `Calendrier modifié : ${label}`,
    text: body([
      greeting(input.to),
      '',
      `Le calendrier des épreuves de contrôle (${bts(input.to)}) a été modifié.`,
      `${label.charAt(0).toUpperCase()}${label.slice(1)} : initialement ${whenText(amendment.before)}, désormais ${whenText(amendment.after)}.`,
      `Motif : ${amendment.reason}`,
      ...(aboutOrals
        ? [
            'Ce changement ne vous concerne que si vous êtes admis(e) à vous présenter aux épreuves de contrôle.',
          ]
        : []),
      'Le calendrier à jour est sur le site ; un calendrier auquel vous êtes abonné(e) se met à jour de lui-même.',
    ]),
  };
}
