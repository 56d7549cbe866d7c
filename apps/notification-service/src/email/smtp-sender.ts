import type * as Nodemailer from 'nodemailer';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
}

/** Resolves once the SMTP server accepted the message; rejects with its (or the network's) error otherwise. */
export interface EmailSender {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/**
 * nodemailer over `smtp://user:pass@host:port` (STARTTLS when offered) or `smtps://`. One connection per message
 * (no pool): messages are rare and a pooled connection would outlive a restarted server. Every timeout is a
 * fraction of the lease so a send ends (one way or another) before another instance may claim the message.
 */
export function smtpSender(url: string, from: string, leaseMs: number): EmailSender {
  const timeoutMs = Math.max(1000, Math.floor(leaseMs / 4));
  // Loaded only when e-mail is configured: nodemailer costs a bare node 13 MiB of resident memory (a worker, which has
  // TLS and the rest loaded already, 2–4 MiB), which a service recording notifications in its store carries for nothing.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy, see above
  const { createTransport } = require('nodemailer') as typeof Nodemailer;
  const transport = createTransport({ url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs }, { from });
  return {
    async send({ to, subject, text }) {
      await transport.sendMail({ to, subject, text });
    },
    close: () => transport.close(),
  };
}
