/**
 * The Message-ID of a notification, derived from its outbox row alone: a
 * resend after a crash between sending and marking is the same message, so
 * a receiving system can drop the duplicate (RFC 5322 § 3.6.4: an id is
 * unique to one message, whoever sends it again).
 */
export function messageIdOf(outboxId: number, domain: string): string {
  return `<outbox-${outboxId}@${domain}>`;
}

export const DEFAULT_MESSAGE_ID_DOMAIN = 'rattrapage.ac-reims.invalid';
