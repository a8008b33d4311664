// The mail set-up the worker uses, against a real SMTP server (test/support/smtpSink.ts): SMTP_URL
// sends through SMTP, no SMTP_URL keeps messages local (nodemailer's JSON transport), and every
// decision-waiting template prints the console link to decide, Bahasa Indonesia first.
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../../config/index.ts';
import { decideUrl } from '../../activities/notify.ts';
import { loadTemplates } from '../../activities/templates.ts';
import { createMailer } from '../../worker/mailer.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtpSink.ts';

const TEMPLATES = fileURLToPath(new URL('../../templates/notifications', import.meta.url));

let sink: SmtpSink;

beforeAll(async () => { sink = await startSmtpSink(); });
afterAll(async () => { await sink?.close(); });

test('SMTP_URL: the worker mailer delivers to the SMTP server, From as MAIL_FROM', async () => {
  const config = loadConfig({ SMTP_URL: sink.url, MAIL_FROM: 'Sigap Serang <sigap@serangkab.test>' });
  const mailer = createMailer(config);
  const before = sink.messages.length;
  await mailer.sendMail({ from: config.MAIL_FROM, to: 'Budi <budi@serangkab.test>', subject: 'Uji / Test', text: 'Halo\n\n-- English --\n\nHello\n', messageId: '<uji-1@sigap>' });
  const got = sink.messages.slice(before);
  expect(got).toHaveLength(1);
  expect(got[0]!.envelope).toEqual({ from: 'sigap@serangkab.test', to: ['budi@serangkab.test'] });
  expect(got[0]!.parsed.messageId).toBe('<uji-1@sigap>');
  expect(got[0]!.parsed.subject).toBe('Uji / Test');
  mailer.close();
});

test('no SMTP_URL: messages are rendered but nothing reaches an SMTP server', async () => {
  const mailer = createMailer(loadConfig({}));
  const before = sink.messages.length;
  const info = await mailer.sendMail({ from: 'sigap@localhost', to: 'budi@serangkab.test', subject: 'Uji', text: 'Halo' }) as { message: string };
  expect(JSON.parse(info.message)).toMatchObject({ subject: 'Uji', text: 'Halo' });
  expect(sink.messages.length).toBe(before);
});

test.each([
  'decision-waiting', 'change-approval-needed', 'release-plan-approval', 'drp-approval-needed', 'evaluation-approval',
  'disaster-declaration-needed', 'change-decision-reminder', 'drp-decision-reminder',
])('%s prints the link to decide in both languages, Indonesian first', (template) => {
  const url = decideUrl('https://sigap.example.go.id/', '00000000-0000-4000-8000-000000000001');
  expect(url).toBe('https://sigap.example.go.id/cases/00000000-0000-4000-8000-000000000001');
  const { text } = loadTemplates(TEMPLATES).render(template, { decideUrl: url, caseUrl: 'https://sigap.example.go.id/api/v1/cases/x', recipient: 'Budi' });
  const id = text.indexOf(`Putuskan di: ${url}`);
  const en = text.indexOf(`Decide at: ${url}`);
  expect(id).toBeGreaterThan(0);
  expect(en).toBeGreaterThan(text.indexOf('-- English --'));
  expect(text.indexOf('-- English --')).toBeGreaterThan(id);
});
