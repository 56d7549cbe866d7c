// A tiny SMTP server on loopback that keeps what it accepts, and can be taken down and brought back on its port.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  raw: string;
}

export interface SmtpMailbox {
  readonly port: number;
  readonly url: string;
  received(): ReceivedMail[];
  /** Closes the listener (messages already received are kept). */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

/** The Subject header, unfolded (a long header may continue on indented lines). */
function subjectOf(raw: string): string {
  const headers = raw.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  return /^Subject: (.*)$/im.exec(headers)?.[1]?.trim() ?? '';
}

export async function startSmtpMailbox(): Promise<SmtpMailbox> {
  const received: ReceivedMail[] = [];
  const listen = (port: number) =>
    new Promise<SMTPServer>((resolve, reject) => {
      const server = new SMTPServer({
        authOptional: true,
        // No STARTTLS: the built-in certificate is self-signed, and plain SMTP on loopback is what is under test.
        disabledCommands: ['STARTTLS'],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8');
            const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
            received.push({ from, to: session.envelope.rcptTo.map((rcpt) => rcpt.address), subject: subjectOf(raw), raw });
            callback();
          });
        },
      });
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve(server));
    });
  const close = (server: SMTPServer) => new Promise<void>((resolve) => server.close(() => resolve()));

  let server: SMTPServer | undefined = await listen(0);
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received: () => [...received],
    async down() {
      if (server) await close(server);
      server = undefined;
    },
    async up() {
      server ??= await listen(port);
    },
    async close() {
      if (server) await close(server);
      server = undefined;
    },
  };
}
