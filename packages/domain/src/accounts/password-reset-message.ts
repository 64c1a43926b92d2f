import { formatParisDateTime } from '../calendar/format-fr.ts';
import {
  MESSAGE_SIGNATURE,
  type NotificationMessage,
} from '../notifications/notification-messages.ts';

/** A reset link lives 30 minutes: long enough to read one's mail, short enough if the mailbox leaks later. */
export const PASSWORD_RESET_TTL_MS = 30 * 60_000;

/**
 * The e-mail carrying a password-reset link. It names no account data
 * beyond the identifier, and says what to do if the request was not theirs.
 */
export function passwordResetMessage(input: {
  readonly identifier: string;
  readonly link: string;
  readonly expiresAt: Date;
}): NotificationMessage {
  return {
    subject: 'Réinitialisation de votre mot de passe',
    text: [
      'Bonjour,',
      '',
      `Une réinitialisation du mot de passe du compte « ${input.identifier} » a été demandée.`,
      'Pour choisir un nouveau mot de passe, ouvrez ce lien (il ne sert qu’une fois) :',
      '',
      input.link,
      '',
      `Ce lien expire le ${formatParisDateTime(input.expiresAt)} (heure de Paris).`,
      'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
      ...MESSAGE_SIGNATURE,
    ].join('\n'),
  };
}
