import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  readonly envelopeTo: readonly string[];
  readonly messageId: string | undefined;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface SmtpSink {
  /** smtp://127.0.0.1:<port>, for smtpTransport. */
  readonly url: string;
  readonly received: ReceivedMail[];
  /** Answers RCPT TO with this SMTP error (e.g. 451, 550) while set; null accepts. */
  refuseWith: { readonly code: number; readonly message: string } | null;
  close(): Promise<void>;
}

function addressText(to: ParsedMail['to']): string {
  if (to === undefined) return '';
  return (Array.isArray(to) ? to : [to]).map((a) => a.text).join(', ');
}

/** An SMTP server on 127.0.0.1, on a free port, that keeps every message it accepts. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const sink: { refuseWith: SmtpSink['refuseWith'] } = { refuseWith: null };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      const refusal = sink.refuseWith;
      if (refusal === null) {
        callback();
        return;
      }
      const error = Object.assign(new Error(refusal.message), { responseCode: refusal.code });
      callback(error);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            messageId: mail.messageId,
            to: addressText(mail.to),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
          });
          callback();
        })
        .catch((error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)));
        });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(sink, {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  });
}
