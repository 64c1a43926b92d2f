import { createTransport } from 'nodemailer';

export interface OutgoingMail {
  readonly messageId: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface MailTransport {
  /** Resolves once the server has accepted the message; rejects otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * A refusal that another attempt cannot change (SMTP 5xx: no such mailbox,
 * refused address…): the notification is dead-lettered at once.
 */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

/**
 * How long one message may take at most, connection included: the worker's
 * lease is longer than this, so a live worker never sends a row whose lease
 * has run out (see worker.ts).
 */
export const SEND_TIMEOUT_MS = 60_000;

function responseCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('responseCode' in error)) return undefined;
  const code = error.responseCode;
  return typeof code === 'number' ? code : undefined;
}

/** Sends through the SMTP server of `url` (smtp://user:pass@host:port, smtps://… for TLS). */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = createTransport(
    {
      url,
      // Together under SEND_TIMEOUT_MS (nodemailer's defaults run to minutes).
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 25_000,
    },
    { from },
  );
  return {
    async send(mail) {
      try {
        await transporter.sendMail({
          messageId: mail.messageId,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
        });
      } catch (error) {
        const code = responseCodeOf(error);
        if (code !== undefined && code >= 500 && code < 600) {
          const reason = error instanceof Error ? error.message : String(error);
          throw new PermanentDeliveryError(reason, { cause: error });
        }
        throw error;
      }
    },
    close() {
      transporter.close();
    },
  };
}
