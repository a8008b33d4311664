// The notify activity against a real SMTP server (test/support/smtpSink.ts, smtp-server) and a real
// migrated PostgreSQL: one message per recipient with an e-mail, Bahasa Indonesia first then English,
// the Message-ID derived from the dedupe key, the console link to decide, an iCalendar invitation with
// release and change windows, retries that send nothing twice, concurrent attempts that send once (the
// claim), and the delegates (Plt./Plh.) of a role told on whose behalf — counted at the server.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ParsedMail } from 'mailparser';
import ical, { type VEvent } from 'node-ical';
import nodemailer, { type Transporter } from 'nodemailer';
import { createNotifyActivities } from '../../activities/notify.ts';
import { loadTemplates } from '../../activities/templates.ts';
import type { NotifyInput } from '../../activities/types.ts';
import { closeDatabase, openDatabase } from '../../db/orm.ts';
import { seedTenant } from '../../db/seed.ts';
import { startTestPostgres, type TestPostgres } from '../db/pg.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtpSink.ts';

const PUBLIC_URL = 'https://sigap.serangkab.test';
const TEMPLATES = fileURLToPath(new URL('../../templates/notifications', import.meta.url));

let pg: TestPostgres;
let orm: MikroORM;
let sink: SmtpSink;
let acts: ReturnType<typeof createNotifyActivities>;

const sql = <T>(q: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(q, params);
/** What the test expects the Message-ID to be, computed independently of the activity. */
const expectedMessageId = (key: string) => `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@sigap>`;
const caseId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const textOf = (m: ParsedMail) => m.text ?? '';

beforeAll(async () => {
  [pg, sink] = await Promise.all([startTestPostgres(), startSmtpSink()]);
  orm = await openDatabase(pg.url);
  await seedTenant(orm, {
    tenantId: 'serang', name: 'Pemerintah Kabupaten Serang', profileId: 'serang', timezone: 'Asia/Jakarta', catalogue: [],
    users: [
      { username: 'penyedia', name: 'Budi Penyedia', roles: ['service_owner'], email: 'penyedia@serangkab.test' },
      { username: 'penyedia2', name: 'Sari Penyedia', roles: ['service_owner'], email: 'penyedia2@serangkab.test' },
      { username: 'plt', name: 'Plt. Tanpa Surel', roles: ['service_owner'] }, // no e-mail: recorded, not mailed
      { username: 'teknis', name: 'Tono Teknis', roles: ['technical_team'], email: 'teknis@serangkab.test' },
      { username: 'pemohon', name: 'Pemohon Satu', roles: ['requester'], email: 'pemohon@serangkab.test' },
      { username: 'kadis', name: 'Dr. Ahmad Fauzi', roles: ['head_of_unit'], email: 'kadis@serangkab.test' },
      { username: 'sekdis', name: 'Sekretaris Dinas', roles: ['head_of_unit', 'service_desk'], email: 'sekdis@serangkab.test' },
    ],
  });
  acts = createNotifyActivities({
    orm, mailer: nodemailer.createTransport(sink.url), mailFrom: 'Sigap <sigap@serangkab.test>', templates: loadTemplates(TEMPLATES), publicUrl: PUBLIC_URL,
  });
}, 90_000);

afterAll(async () => {
  if (orm) await closeDatabase(orm);
  await sink?.close();
  await pg?.cleanup();
});

function decisionWaiting(n: number): NotifyInput {
  return {
    dedupeKey: `${caseId(n)}:decision-waiting:approval-1`, tenantId: 'serang', caseId: caseId(n), template: 'decision-waiting',
    toRoles: ['service_owner'], toUsers: ['pemohon'],
    params: { number: `REQ-2026-00000${n}`, item: 'Hosting aplikasi', requester: 'Pemohon Satu', title: 'Hosting e-Perizinan', dueAt: '2026-12-15T09:00:00.000Z' },
  };
}

test('one message per recipient with an e-mail: Bahasa Indonesia first, Message-ID from the dedupe key, the console link to decide', async () => {
  const input = decisionWaiting(1);
  const before = sink.messages.length;
  expect(await acts.notify(input)).toEqual({ sent: 4, skipped: 0 }); // four rows: plt is recorded without a mail
  const got = sink.messages.slice(before);
  expect(got.map((m) => m.envelope.to).sort()).toEqual([['pemohon@serangkab.test'], ['penyedia2@serangkab.test'], ['penyedia@serangkab.test']]);
  for (const m of got) {
    const username = m.envelope.to[0]!.split('@')[0]!;
    expect(m.parsed.messageId).toBe(expectedMessageId(`${input.dedupeKey}:${username}`));
    expect(m.envelope.from).toBe('sigap@serangkab.test');
    expect(m.parsed.subject).toBe('[Sigap] Persetujuan diperlukan: REQ-2026-000001 / [Sigap] Decision needed: REQ-2026-000001');
    const text = textOf(m.parsed);
    const id = text.indexOf('menunggu keputusan Anda');
    const en = text.indexOf('awaits your decision');
    expect(id).toBeGreaterThanOrEqual(0);
    expect(en).toBeGreaterThan(text.indexOf('-- English --'));
    expect(text.indexOf('-- English --')).toBeGreaterThan(id);
    expect(text).toContain(`Putuskan di: ${PUBLIC_URL}/cases/${caseId(1)}`);
    expect(text).toContain(`Decide at: ${PUBLIC_URL}/cases/${caseId(1)}`);
    expect(text.indexOf('Putuskan di:')).toBeLessThan(text.indexOf('Decide at:'));
    expect(m.parsed.attachments).toEqual([]); // no window, no invitation
  }
  const rows = await sql<{ recipient: string; status: string }>('select recipient, status from notification where case_id = ? order by recipient', [caseId(1)]);
  expect(rows).toEqual(['pemohon', 'penyedia', 'penyedia2', 'plt'].map((recipient) => ({ recipient, status: 'sent' })));
}, 30_000);

test('a retried call sends nothing twice: everything recorded as sent is skipped', async () => {
  const input = decisionWaiting(2);
  await acts.notify(input);
  const after = sink.messages.length;
  expect(await acts.notify(input)).toEqual({ sent: 0, skipped: 4 });
  expect(await acts.notify(input)).toEqual({ sent: 0, skipped: 4 });
  expect(sink.messages.length).toBe(after);
  // A partly done call (the worker died after the first recipient, before the others' rows were
  // written) sends only the rest on retry.
  await sql(`delete from notification where case_id = ? and recipient in ('penyedia', 'penyedia2', 'plt')`, [caseId(2)]);
  const beforeRest = sink.messages.length;
  expect(await acts.notify(input)).toEqual({ sent: 3, skipped: 1 });
  expect(sink.messages.slice(beforeRest).map((m) => m.envelope.to[0]).sort()).toEqual(['penyedia2@serangkab.test', 'penyedia@serangkab.test']);
}, 30_000);

test('a send whose status update was lost is sent again with the same Message-ID, which a deduplicating mailbox drops', async () => {
  const input = decisionWaiting(3);
  const before = sink.messages.length;
  await acts.notify(input);
  const first = sink.messages.slice(before);
  expect(first).toHaveLength(3);
  // The SMTP server accepted the message but the worker died before "update … set status = 'sent'":
  // the row is still pending when the activity is retried.
  await sql(`update notification set status = 'pending', sent_at = null where dedupe_key = ?`, [`${input.dedupeKey}:penyedia`]);
  const mid = sink.messages.length;
  expect(await acts.notify(input)).toEqual({ sent: 1, skipped: 3 });
  const again = sink.messages.slice(mid);
  // SMTP cannot tell the activity whether the first copy arrived, so it is sent again rather than
  // risk losing it — with the identical Message-ID and content. This sink, like Postfix or any plain
  // MTA, keeps both transactions; a mailbox that deduplicates by Message-ID (Gmail, Sieve "duplicate",
  // RFC 7352) shows one message, and mail clients thread the two as the same message.
  expect(again).toHaveLength(1);
  const original = first.find((m) => m.envelope.to[0] === 'penyedia@serangkab.test')!;
  expect(again[0]!.parsed.messageId).toBe(original.parsed.messageId);
  expect(again[0]!.parsed.subject).toBe(original.parsed.subject);
  expect(textOf(again[0]!.parsed)).toBe(textOf(original.parsed));
  expect(textOf(original.parsed)).toContain('Putuskan di:');
  const distinct = new Set(sink.messages.slice(before).map((m) => m.parsed.messageId));
  expect(distinct.size).toBe(3); // three recipients, three messages as a deduplicating mailbox counts them
  // And the row is sent now: a further retry sends nothing.
  const end = sink.messages.length;
  expect(await acts.notify(input)).toEqual({ sent: 0, skipped: 4 });
  expect(sink.messages.length).toBe(end);
}, 30_000);

const WINDOW = { windowStart: '2026-12-19T15:00:00.000Z', windowEnd: '2026-12-19T18:00:00.000Z' }; // Sat 22:00–01:00 WIB

function calendarPart(m: ParsedMail): string {
  const part = m.attachments.find((a) => a.contentType === 'text/calendar');
  expect(part).toBeDefined();
  return part!.content.toString('utf8');
}

test('a release downtime notice carries an iCalendar invitation (METHOD:PUBLISH, UTC window, one UID per case and window)', async () => {
  const id = caseId(4);
  const before = sink.messages.length;
  await acts.notify({
    dedupeKey: `${id}:release-downtime:downtime`, tenantId: 'serang', caseId: id, template: 'release-downtime', toRoles: ['technical_team'], toUsers: ['pemohon'],
    params: { number: 'RIL-2026-000004', title: 'Pembaruan SIMPEG 3.2', change: 'PRB-2026-000009', services: 'SIMPEG', expectedDowntimeMinutes: 90, ...WINDOW },
  });
  const got = sink.messages.slice(before);
  expect(got).toHaveLength(2);
  const uids = new Set<string>();
  for (const m of got) {
    expect(textOf(m.parsed)).toContain('Undangan kalender (iCalendar, .ics) untuk jendela waktu ini terlampir.');
    expect(textOf(m.parsed)).toContain('A calendar invitation (iCalendar, .ics) for this window is attached.');
    // nodemailer's icalEvent: a text/calendar;method=PUBLISH alternative (what mail clients show as an
    // invitation) and the same file as an .ics attachment.
    expect(m.raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=PUBLISH/i);
    expect(m.parsed.attachments.map((a) => a.contentType).sort()).toEqual(['application/ics', 'text/calendar']);
    const ics = calendarPart(m.parsed);
    const lines = ics.replace(/\r\n[ \t]/g, '').split(/\r\n/); // unfolded (RFC 5545 3.1)
    expect(lines).toContain('METHOD:PUBLISH');
    expect(lines).toContain('DTSTART:20261219T150000Z');
    expect(lines).toContain('DTEND:20261219T180000Z');
    const parsed = ical.sync.parseICS(ics);
    expect(parsed.vcalendar?.method).toBe('PUBLISH');
    const events = Object.values(parsed).filter((c): c is VEvent => (c as { type?: string } | undefined)?.type === 'VEVENT');
    expect(events).toHaveLength(1);
    const ev = events[0]!;
    expect(ev.start.toISOString()).toBe(WINDOW.windowStart);
    expect(ev.end?.toISOString()).toBe(WINDOW.windowEnd);
    expect(String(ev.summary)).toBe('[Sigap] Pemberitahuan henti layanan: SIMPEG (RIL-2026-000004) / [Sigap] Downtime notice: SIMPEG (RIL-2026-000004)');
    expect(String(ev.description)).toContain('Rilis RIL-2026-000004 (Pembaruan SIMPEG 3.2) akan dilaksanakan');
    expect(String(ev.description)).toContain('-- English --');
    expect(lines).toContain(`URL;VALUE=URI:${PUBLIC_URL}/cases/${id}`); // node-ical keeps it as { params, val }
    uids.add(ev.uid);
  }
  // Same case, same window: every recipient's invitation is the same calendar entry.
  const expectedUid = `${createHash('sha256').update(`${id}|${WINDOW.windowStart}|${WINDOW.windowEnd}`).digest('hex').slice(0, 32)}@sigap`;
  expect([...uids]).toEqual([expectedUid]);
}, 30_000);

test('a scheduled change carries the invitation too; a moved window is another entry; no window, no invitation', async () => {
  const id = caseId(5);
  const scheduled = (key: string, window: Record<string, unknown>) => acts.notify({
    dedupeKey: `${id}:change-scheduled:${key}`, tenantId: 'serang', caseId: id, template: 'change-scheduled', toUsers: ['teknis'],
    params: { number: 'PRB-2026-000005', title: 'Migrasi basis data', services: 'SIMPEG', standard: false, ...window },
  });
  const before = sink.messages.length;
  await scheduled('scheduled-3', WINDOW);
  await scheduled('scheduled-7', { windowStart: '2026-12-20T15:00:00.000Z', windowEnd: '2026-12-20T17:00:00.000Z' });
  await scheduled('scheduled-9', { windowStart: null, windowEnd: null });
  const got = sink.messages.slice(before);
  expect(got).toHaveLength(3);
  const uid = (m: ParsedMail) => /^UID:(.+)$/m.exec(calendarPart(m).replace(/\r\n/g, '\n'))![1];
  expect(calendarPart(got[0]!.parsed)).toContain('DTSTART:20261219T150000Z');
  expect(calendarPart(got[1]!.parsed)).toContain('DTSTART:20261220T150000Z');
  expect(uid(got[0]!.parsed)).not.toBe(uid(got[1]!.parsed));
  expect(got[2]!.parsed.attachments).toEqual([]);
}, 30_000);

const HOUR = 3_600_000;
/** A delegation row as the API writes it (api/services/delegations.ts). */
async function delegate(d: { delegator: string; delegatorName: string; delegate: string; delegateName: string; roles: string[]; kind?: 'plt' | 'plh'; from: number; until: number; revoked?: boolean }) {
  await sql(
    `insert into delegation (id, tenant_id, kind, delegator, delegator_name, delegate, delegate_name, roles, starts_at, ends_at, reason, created_by, revoked_at)
     values (gen_random_uuid(), 'serang', ?, ?, ?, ?, ?, ?::text[], ?, ?, 'Cuti tahunan', ?, ?)`,
    [d.kind ?? 'plh', d.delegator, d.delegatorName, d.delegate, d.delegateName, `{${d.roles.join(',')}}`, new Date(d.from), new Date(d.until), d.delegator,
      d.revoked ? new Date() : null],
  );
}

test('a role notice also reaches the delegates (Plt./Plh.) in force at send time, told on whose behalf; not revoked, ended or future ones', async () => {
  const now = Date.now();
  const until = now + 8 * HOUR;
  await delegate({ delegator: 'kadis', delegatorName: 'Dr. Ahmad Fauzi', delegate: 'teknis', delegateName: 'Tono Teknis', roles: ['head_of_unit'], from: now - HOUR, until });
  await delegate({ delegator: 'kadis', delegatorName: 'Dr. Ahmad Fauzi', delegate: 'penyedia', delegateName: 'Budi', roles: ['head_of_unit'], from: now - HOUR, until, revoked: true });
  await delegate({ delegator: 'kadis', delegatorName: 'Dr. Ahmad Fauzi', delegate: 'penyedia2', delegateName: 'Sari', roles: ['head_of_unit'], from: now - 3 * HOUR, until: now - HOUR });
  await delegate({ delegator: 'kadis', delegatorName: 'Dr. Ahmad Fauzi', delegate: 'pemohon', delegateName: 'Pemohon', roles: ['head_of_unit'], from: now + HOUR, until });
  // A delegate who holds the role in their own right is told once, without the line.
  await delegate({ delegator: 'kadis', delegatorName: 'Dr. Ahmad Fauzi', delegate: 'sekdis', delegateName: 'Sekretaris Dinas', roles: ['head_of_unit'], kind: 'plt', from: now - HOUR, until });
  const input: NotifyInput = { ...decisionWaiting(6), dedupeKey: `${caseId(6)}:decision-waiting:approval-1`, toRoles: ['head_of_unit'], toUsers: [] };
  const before = sink.messages.length;
  expect(await acts.notify(input)).toEqual({ sent: 3, skipped: 0 });
  const got = sink.messages.slice(before);
  expect(got.map((m) => m.envelope.to[0]).sort()).toEqual(['kadis@serangkab.test', 'sekdis@serangkab.test', 'teknis@serangkab.test']);
  const textTo = (address: string) => textOf(got.find((m) => m.envelope.to[0] === address)!.parsed);
  const local = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Jakarta' }).format(new Date(until));
  const delegateText = textTo('teknis@serangkab.test');
  expect(delegateText).toContain(`Anda menerima pemberitahuan ini sebagai Plh. Dr. Ahmad Fauzi (pelimpahan wewenang berlaku sampai ${local} WIB).`);
  expect(delegateText).toContain(`You receive this notice as Plh. (acting official) for Dr. Ahmad Fauzi (delegation in force until ${local} WIB).`);
  expect(delegateText.indexOf('sebagai Plh.')).toBeLessThan(delegateText.indexOf('-- English --'));
  expect(delegateText).toContain('Yth. Tono Teknis,\nAnda menerima');
  for (const own of ['kadis@serangkab.test', 'sekdis@serangkab.test']) {
    expect(textTo(own)).not.toContain('sebagai Plh');
    expect(textTo(own)).not.toContain('acting official');
    expect(textTo(own)).toMatch(/Yth\. [^\n]+,\n\nPermintaan layanan/); // the template reads as before
  }
  const rows = await sql<{ recipient: string; body: string }>('select recipient, body from notification where case_id = ? order by recipient', [caseId(6)]);
  expect(rows.map((r) => r.recipient)).toEqual(['kadis', 'sekdis', 'teknis']);
  expect(rows.find((r) => r.recipient === 'teknis')!.body).toContain('sebagai Plh. Dr. Ahmad Fauzi');
}, 30_000);

/** The sink's transport, slowed so two attempts surely overlap while one of them is sending. */
function slowMailer(ms: number): Transporter {
  const real = nodemailer.createTransport(sink.url);
  return { sendMail: async (m: Parameters<Transporter['sendMail']>[0]) => { await new Promise((r) => setTimeout(r, ms)); return real.sendMail(m); } } as unknown as Transporter;
}

test('two concurrent attempts of the same notice send each message exactly once: the loser fails retryably and its retry finds it sent', async () => {
  const slow = createNotifyActivities({
    orm, mailer: slowMailer(300), mailFrom: 'Sigap <sigap@serangkab.test>', templates: loadTemplates(TEMPLATES), publicUrl: PUBLIC_URL,
  });
  const input = decisionWaiting(7);
  const before = sink.messages.length;
  const results = await Promise.allSettled([slow.notify(input), slow.notify(input)]);
  const got = sink.messages.slice(before);
  expect(got.map((m) => m.envelope.to[0]).sort()).toEqual(['pemohon@serangkab.test', 'penyedia2@serangkab.test', 'penyedia@serangkab.test']);
  // Both attempts started with the same recipient: whoever lost a claim moved on and, at the end, asks
  // to be retried (Temporal retries an ApplicationFailure that is retryable); nothing was sent twice.
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  expect(failed.length).toBeGreaterThanOrEqual(1);
  for (const f of failed) expect(f.reason).toMatchObject({ type: 'NotificationClaimed', nonRetryable: false });
  expect(new Set(got.map((m) => m.parsed.messageId)).size).toBe(3);
  // The retry finds every message sent.
  expect(await slow.notify(input)).toEqual({ sent: 0, skipped: 4 });
  expect(sink.messages.length).toBe(before + 3);
  const claims = await sql<{ claimed_until: Date | null }>('select claimed_until from notification where case_id = ?', [caseId(7)]);
  expect(claims.every((c) => c.claimed_until === null)).toBe(true);
}, 30_000);

test('a claim held by a live attempt holds the message back; once the claim lapses (its holder died) the retry sends it', async () => {
  const input = decisionWaiting(8);
  const key = `${input.dedupeKey}:penyedia`;
  // An attempt that claimed penyedia's notice and is still within its lease.
  await sql(`insert into notification (id, dedupe_key, tenant_id, case_id, template, recipient, subject, body, status, created_at, claimed_until)
             values (gen_random_uuid(), ?, 'serang', ?, 'decision-waiting', 'penyedia', 's', 'b', 'pending', now(), now() + interval '2 minutes')`, [key, caseId(8)]);
  const before = sink.messages.length;
  await expect(acts.notify(input)).rejects.toMatchObject({ type: 'NotificationClaimed' });
  expect(sink.messages.slice(before).map((m) => m.envelope.to[0]).sort()).toEqual(['pemohon@serangkab.test', 'penyedia2@serangkab.test']);
  // The holder died: its lease lapses and the retry sends the rest.
  await sql(`update notification set claimed_until = now() - interval '1 second' where dedupe_key = ?`, [key]);
  const mid = sink.messages.length;
  expect(await acts.notify(input)).toEqual({ sent: 1, skipped: 3 });
  expect(sink.messages.slice(mid).map((m) => m.envelope.to[0])).toEqual(['penyedia@serangkab.test']);
}, 30_000);

test('a failed send releases its claim, so the retry sends at once', async () => {
  const failing = createNotifyActivities({
    orm, mailer: { sendMail: async () => { throw new Error('SMTP 451 coba lagi'); } } as unknown as Transporter,
    mailFrom: 'Sigap <sigap@serangkab.test>', templates: loadTemplates(TEMPLATES), publicUrl: PUBLIC_URL,
  });
  const input = decisionWaiting(9);
  await expect(failing.notify(input)).rejects.toThrow('SMTP 451');
  const [row] = await sql<{ status: string; claimed_until: Date | null }>('select status, claimed_until from notification where case_id = ?', [caseId(9)]);
  expect(row).toEqual({ status: 'pending', claimed_until: null });
  const before = sink.messages.length;
  expect(await acts.notify(input)).toEqual({ sent: 4, skipped: 0 });
  expect(sink.messages.length).toBe(before + 3);
}, 30_000);
