// A real SMTP server for tests (smtp-server) on a free local port: accepts any mail without
// authentication or TLS and keeps every message it receives, parsed with mailparser, in order of
// arrival. It is a plain MTA: it does not drop a message whose Message-ID it has seen before.
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** The SMTP envelope (what the client said in MAIL FROM / RCPT TO). */
  envelope: { from: string | null; to: string[] };
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpSink {
  port: number;
  /** smtp://127.0.0.1:<port> — for nodemailer.createTransport or SMTP_URL. */
  url: string;
  messages: ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then((parsed) => {
          const from = session.envelope.mailFrom;
          messages.push({
            envelope: { from: from ? from.address : null, to: session.envelope.rcptTo.map((r) => r.address) },
            raw: raw.toString('utf8'),
            parsed,
          });
          callback();
        }, (err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('smtp sink: no port');
  return {
    port: address.port,
    url: `smtp://127.0.0.1:${address.port}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
