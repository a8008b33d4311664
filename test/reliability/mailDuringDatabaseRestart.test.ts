// Found by the kill -9 suite: PostgreSQL killed right after the SMTP server accepted a notice made the
// 'sent' update fail, the row stayed claimed and pending, and two minutes later the retry mailed the notice
// a second time. The notify activity now rides out the restart while its claim holds: this kills
// PostgreSQL between the SMTP answer and the update, every time, and counts the copies at a real SMTP server.
import { fileURLToPath } from 'node:url';
import type { MikroORM } from '@mikro-orm/postgresql';
import nodemailer from 'nodemailer';
import { createNotifyActivities, messageIdFor } from '../../activities/notify.ts';
import { loadTemplates } from '../../activities/templates.ts';
import type { NotifyInput } from '../../activities/types.ts';
import { closeDatabase, openDatabase } from '../../db/orm.ts';
import { seedTenant } from '../../db/seed.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtpSink.ts';
import { startKillablePostgres, type KillablePostgres } from './support/killablePostgres.ts';

const TEMPLATES = fileURLToPath(new URL('../../templates/notifications', import.meta.url));
let pg: KillablePostgres;
let orm: MikroORM;
let sink: SmtpSink;
let restarted: Promise<void> | undefined;

beforeAll(async () => {
  [pg, sink] = await Promise.all([startKillablePostgres(), startSmtpSink()]);
  orm = await openDatabase(pg.url);
  await seedTenant(orm, {
    tenantId: 'serang', name: 'Pemerintah Kabupaten Serang', profileId: 'serang', timezone: 'Asia/Jakarta', catalogue: [],
    users: [{ username: 'pemohon', name: 'Pemohon Satu', roles: ['requester'], email: 'pemohon@serangkab.test' }],
  });
}, 120_000);

afterAll(async () => {
  await restarted?.catch(() => undefined);
  if (orm) await closeDatabase(orm).catch(() => undefined);
  await sink?.close();
  await pg?.cleanup();
});

test('PostgreSQL killed between the SMTP answer and the "sent" update: the notice is recorded once the database is back, and mailed once', async () => {
  const mailer = nodemailer.createTransport(sink.url);
  const send = mailer.sendMail.bind(mailer);
  mailer.sendMail = (async (mail: Parameters<typeof send>[0]) => {
    const info = await send(mail);
    await pg.kill(); // the message is out; the database dies before the activity can record it
    restarted = new Promise((r) => setTimeout(r, 3_000)).then(() => pg.restart());
    return info;
  }) as typeof mailer.sendMail;
  const acts = createNotifyActivities({ orm, mailer, mailFrom: 'Sigap <sigap@serangkab.test>', templates: loadTemplates(TEMPLATES), publicUrl: 'https://sigap.serangkab.test' });
  const input: NotifyInput = {
    dedupeKey: '00000000-0000-4000-8000-000000000001:4', tenantId: 'serang', caseId: '00000000-0000-4000-8000-000000000001',
    template: 'request-fulfilled', toUsers: ['pemohon'], params: { number: 'REQ-2026-000001', title: 'Akun e-mail', resolution: 'Selesai' },
  };

  expect(await acts.notify(input)).toEqual({ sent: 1, skipped: 0 });
  await restarted;
  const [row] = await orm.em.fork().execute<Array<{ status: string; claimed_until: Date | null }>>(
    'select status, claimed_until from notification where dedupe_key = ?', [`${input.dedupeKey}:pemohon`]);
  expect(row).toEqual({ status: 'sent', claimed_until: null });
  // A retry of the activity (Temporal's, after a timeout) finds it sent and mails nothing.
  mailer.sendMail = send;
  expect(await acts.notify(input)).toEqual({ sent: 0, skipped: 1 });
  expect(sink.messages.filter((m) => m.parsed.messageId === messageIdFor(`${input.dedupeKey}:pemohon`))).toHaveLength(1);
}, 120_000);
