// Availability over HTTP, on a real Temporal dev server and PostgreSQL: a seeded Mayor incident with
// its monitoring alert, manual downtime entries and an approved release window give the exact
// availability of a 24×7 and a 24×5 service (overlaps counted once, maintenance excluded, weekends of
// the 24×5 service not committed); bad downtime entries get a clear 4xx and write nothing; the monthly
// Schedule fires on the dev server and opens the report of the month just ended, which the technical
// team prepares (a cause for each missed target) and the service owner acknowledges; Formulir F
// carries the figures and an SVG trend chart.
import { randomUUID } from 'node:crypto';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { useTestSystem } from '../support/system.ts';
import { readUntil } from '../support/eventually.ts';
import { AVAILABILITY_CATCHUP_WINDOW_MS, ensureAvailabilityReportSchedules } from '../../api/services/availabilitySchedule.ts';
import { monthEndedBefore, parseMonth } from '../../policy/availabilityReport.ts';

const system = useTestSystem();
const post = (who: string, path: string, body: unknown) => system().call(who, 'POST', `/api/v1${path}`, body);
const get = (who: string, path: string) => system().call(who, 'GET', `/api/v1${path}`);
const act = (who: string, id: string, action: string, body: unknown) => post(who, `/cases/${id}/actions/${action}`, body);
const sql = <T = unknown>(q: string, params: unknown[] = []) => system().orm.em.fork().execute<T[]>(q, params);
const count = async (q: string, params: unknown[] = []) => Number((await sql<{ n: string }>(q, params))[0]!.n);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The month just ended in Asia/Jakarta (the dev server runs in real time). */
const MONTH = monthEndedBefore(Date.now(), 'Asia/Jakarta');
const { year, month } = parseMonth(MONTH)!;
/** A local WIB instant in MONTH: day of month, hour. */
const wib = (day: number, hour: number) => Date.UTC(year, month - 1, day, hour) - 7 * HOUR;
const iso = (t: number) => new Date(t).toISOString();
const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
const weekdaysInMonth = Array.from({ length: daysInMonth }, (_, i) => new Date(Date.UTC(year, month - 1, i + 1)).getUTCDay()).filter((d) => d >= 1 && d <= 5).length;
// The first Wednesday of the month (day 1–7); Friday and Saturday of the same week follow in the month.
const WED = Array.from({ length: 7 }, (_, i) => i + 1).find((d) => new Date(Date.UTC(year, month - 1, d)).getUTCDay() === 3)!;
const FRI = WED + 2;
const SAT = WED + 3;

async function insertCase(type: 'incident' | 'release', service: string, state: string, data: Record<string, unknown>) {
  const id = randomUUID();
  const number = `${type === 'incident' ? 'INC' : 'RLS'}-SEED-${id.slice(0, 8)}`;
  await sql(
    `insert into sigap_case (id, tenant_id, case_type, number, workflow_id, service_code, title, state, requester_username, data, created_at, updated_at)
     values (?, 'serang', ?, ?, ?, ?, ?, ?, 'pengelola', ?::jsonb, now(), now())`,
    [id, type, number, `${type}:serang:${number}`, service, `Seed ${type}`, state, JSON.stringify(data)]);
  return { id, number };
}

let incident: { id: string; number: string };
let release: { id: string; number: string };

beforeAll(async () => {
  // Formulir C rows (helper C's PUT /continuity-plans writes these; inserted directly here).
  await sql(`insert into continuity_plan (tenant_id, service_code, availability_target_bp, operating_schedule, updated_by) values
    ('serang', 'WEBSITE', 9950, '24x7', 'admin'), ('serang', 'EMAIL-DINAS', 9900, '24x5', 'admin')
    on conflict (tenant_id, service_code) do update set availability_target_bp = excluded.availability_target_bp, operating_schedule = excluded.operating_schedule`);
  // WEBSITE: a Mayor incident Wednesday 10:00–16:00 WIB …
  incident = await insertCase('incident', 'WEBSITE', 'closed', {
    impact: 'mayor', reportedAt: iso(wib(WED, 10)), category: 'Aplikasi tidak dapat diakses', cause: 'Disk penuh pada server web',
    resolution: { at: iso(wib(WED, 16)), by: 'teknis', text: 'Log dibersihkan', cause: 'Disk penuh pada server web' },
  });
  // … whose monitoring alert kept firing until 18:00 (15:00–16:00 overlaps: counted once).
  await sql(
    `insert into alert_fingerprint (tenant_id, source, fingerprint, case_id, status, alert_name, starts_at, first_seen, last_seen, resolved_at)
     values ('serang', 'alertmanager', 'fp-web-down', ?, 'resolved', 'WebsiteDown', ?, ?, ?, ?)`,
    [incident.id, iso(wib(WED, 15)), iso(wib(WED, 15)), iso(wib(WED, 18)), iso(wib(WED, 18))]);
  // A Minor incident is degradation, not downtime.
  await insertCase('incident', 'EMAIL-DINAS', 'closed', { impact: 'minor', reportedAt: iso(wib(WED, 9)), resolution: { at: iso(wib(WED, 12)) } });
  // An executed release on both services, window Wednesday 17:00–19:00 WIB: scheduled maintenance.
  release = await insertCase('release', 'WEBSITE', 'closed', {
    services: ['WEBSITE', 'EMAIL-DINAS'], title: 'Pemutakhiran server', scheduledAt: iso(wib(WED - 1, 9)), executionStartedAt: iso(wib(WED, 17)),
    plan: { window: { start: iso(wib(WED, 17)), end: iso(wib(WED, 19)) } },
  });
  // A release still awaiting plan approval reserves nothing.
  await insertCase('release', 'WEBSITE', 'awaiting_plan_approval', {
    services: ['WEBSITE'], scheduledAt: null, executionStartedAt: null, plan: { window: { start: iso(wib(SAT, 8)), end: iso(wib(SAT, 10)) } },
  });
});

test('bad downtime entries get a clear 4xx and write nothing', async () => {
  const before = await count('select count(*) as n from downtime');
  const body = { service: 'WEBSITE', start: iso(wib(SAT, 8)), end: iso(wib(SAT, 10)), cause: 'Listrik padam di ruang server' };
  expect(await post('pemohon', '/availability/downtime', body)).toMatchObject({ status: 403, body: { code: 'missing_role' } });
  const reversed = await post('teknis', '/availability/downtime', { ...body, start: body.end, end: body.start });
  expect(reversed).toMatchObject({ status: 422, body: { code: 'downtime_ends_before_start' } });
  expect(reversed.body.detail).toContain('harus setelah awal');
  expect((await post('teknis', '/availability/downtime', { ...body, end: body.start })).body.code).toBe('downtime_ends_before_start');
  expect((await post('teknis', '/availability/downtime', { ...body, service: 'TIDAK-ADA' })).body.code).toBe('unknown_service');
  const future = Date.now() + DAY;
  expect((await post('teknis', '/availability/downtime', { ...body, start: iso(future), end: iso(future + HOUR) })).body.code).toBe('downtime_in_future');
  expect((await post('teknis', '/availability/downtime', { ...body, end: iso(future) })).body.code).toBe('downtime_in_future');
  expect((await post('teknis', '/availability/downtime', { ...body, cause: '' })).status).toBe(400);
  expect(await count('select count(*) as n from downtime')).toBe(before);
  expect((await get('teknis', '/availability?month=2026-13')).status).toBe(400);
  expect((await get('teknis', '/availability?month=2999-01')).body.code).toBe('invalid_month');
  // Found by the API fuzzer: a month of year 847 reached the calendar maths and answered 500.
  expect((await get('teknis', '/availability?month=0847-09')).body.code).toBe('invalid_month');
  expect((await post('admin', '/availability/reports', { month: '0847-09' })).body).toMatchObject({ status: 422, code: 'invalid_month' });
});

test('a Mayor incident, its alert, manual entries and a release window give the exact availability of a 24×7 and a 24×5 service', async () => {
  // WEBSITE: Saturday 08:00–10:00 by hand (the technical team).
  const web = await post('teknis', '/availability/downtime', { service: 'WEBSITE', start: iso(wib(SAT, 8)), end: iso(wib(SAT, 10)), cause: 'Listrik padam di ruang server' });
  expect(web).toMatchObject({ status: 201, body: { service: 'WEBSITE', source: 'manual', recordedBy: 'teknis', end: iso(wib(SAT, 10)) } });
  // EMAIL-DINAS (24×5): Friday 22:00 – Saturday 02:00 (only Friday's 2 h are committed) and Saturday 08:00–12:00 (not committed).
  expect((await post('pengelola', '/availability/downtime', { service: 'EMAIL-DINAS', start: iso(wib(FRI, 22)), end: iso(wib(SAT, 2)), cause: 'Server surel tidak merespons' })).status).toBe(201);
  expect((await post('admin', '/availability/downtime', { service: 'EMAIL-DINAS', start: iso(wib(SAT, 8)), end: iso(wib(SAT, 12)), cause: 'Pemadaman terjadwal PLN' })).status).toBe(201);
  const listed = await get('penyedia', `/availability/downtime?service=EMAIL-DINAS&from=${encodeURIComponent(iso(wib(1, 0)))}`);
  expect(listed.body.items.map((d: { start: string }) => d.start)).toEqual([iso(wib(FRI, 22)), iso(wib(SAT, 8))]);

  const res = await get('penyedia', `/availability?month=${MONTH}`);
  expect(res.status).toBe(200);
  expect(res.body.period).toEqual({ start: iso(wib(1, 0)), end: iso(Date.UTC(year, month, 1) - 7 * HOUR) });
  const by = Object.fromEntries(res.body.services.map((s: { service: string }) => [s.service, s]));

  // WEBSITE, 24×7: incident 10:00–16:00 ∪ alert 15:00–18:00 = 10:00–18:00 (8 h), of which the release
  // window's 17:00–18:00 is maintenance (1 h, not counted) → 7 h, plus Saturday's 2 h = 9 h.
  const webCommitted = daysInMonth * DAY;
  expect(by.WEBSITE).toMatchObject({
    schedule: '24x7', committedMs: webCommitted, downtimeMs: 9 * HOUR, maintenanceExcludedMs: HOUR,
    basisPoints: Math.floor(((webCommitted - 9 * HOUR) * 10_000) / webCommitted), target: 99.5, targetSource: 'continuity_plan', met: false,
  });
  expect(by.WEBSITE.availability).toBe(by.WEBSITE.basisPoints / 100);
  // 30 days: 711/720 = 98.75 %; 31 days: 735/744 = 98.79 %.
  expect(by.WEBSITE.availability).toBe(daysInMonth === 30 ? 98.75 : daysInMonth === 31 ? 98.79 : by.WEBSITE.availability);
  expect(by.WEBSITE.sources.downtime.map((s: { kind: string; ref: string }) => `${s.kind}:${s.ref}`)).toEqual([
    `incident:${incident.number}`, `alert:WebsiteDown (${incident.number})`, expect.stringMatching(/^manual:[0-9a-f-]{36}$/),
  ]);
  expect(by.WEBSITE.sources.maintenance).toEqual([expect.objectContaining({ kind: 'release', ref: release.number, start: iso(wib(WED, 17)), end: iso(wib(WED, 19)) })]);

  // EMAIL-DINAS, 24×5: only Friday 22:00–24:00 counts (2 h); the Minor incident and the weekend do not.
  const mailCommitted = weekdaysInMonth * DAY;
  expect(by['EMAIL-DINAS']).toMatchObject({
    schedule: '24x5', committedMs: mailCommitted, downtimeMs: 2 * HOUR, maintenanceExcludedMs: 0,
    basisPoints: Math.floor(((mailCommitted - 2 * HOUR) * 10_000) / mailCommitted), target: 99, met: true,
  });
  // Without a continuity plan: 24×7 and the catalogue's target text.
  expect(by.SIMPEG).toMatchObject({ schedule: '24x7', downtimeMs: 0, basisPoints: 10_000, target: 90, targetSource: 'catalogue', met: true });

  const one = await get('penyedia', `/availability?month=${MONTH}&service=WEBSITE`);
  expect(one.body.services).toHaveLength(1);
  expect(one.body.services[0].downtimeMs).toBe(9 * HOUR);
});

test('the monthly Schedule opens the report of the month just ended; prepared by the technical team, acknowledged by the service owner; Formulir F', async () => {
  const created = await ensureAvailabilityReportSchedules(system().deps);
  expect(created.map((s) => s.scheduleId).sort()).toEqual(['availability-report:serang']); // dpr and setwapres have no report
  expect((await ensureAvailabilityReportSchedules(system().deps)).every((s) => !s.created)).toBe(true);
  const handle = system().deps.temporal.schedule.getHandle('availability-report:serang');
  const d = await handle.describe();
  expect(d.spec.timezone).toBe('Asia/Jakarta');
  expect(d.spec.calendars![0]).toMatchObject({ dayOfMonth: [{ start: 1, end: 1, step: 1 }], hour: [{ start: 1, end: 1, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }] });
  expect(d.spec.calendars![0]!.month).toHaveLength(12);
  expect(d.policies).toMatchObject({ overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: AVAILABILITY_CATCHUP_WINDOW_MS });
  // The next run: the 1st of the coming month, 01:00 WIB (18:00 UTC the day before).
  expect(d.info.nextActionTimes[0]!.toISOString()).toMatch(/T18:00:00\.000Z$/);
  expect(new Date(d.info.nextActionTimes[0]!.getTime() + 7 * HOUR).getUTCDate()).toBe(1);
  const view = await get('pengelola', '/availability/reports/schedule');
  expect(view.body).toMatchObject({ exists: true, timezone: 'Asia/Jakarta', overlap: 'SKIP', catchupWindowMs: AVAILABILITY_CATCHUP_WINDOW_MS });

  await handle.trigger();
  const [report] = await readUntil(
    () => sql<{ id: string; number: string; state: string; data: any }>(`select id, number, state, data from sigap_case where tenant_id = 'serang' and case_type = 'availability'`),
    (rows) => rows.length === 1 && rows[0]!.state === 'preparing' && rows[0]!.data.trigger === 'schedule', 30_000);
  expect(report!.number).toMatch(/^AVL-\d{4}-\d+$/);
  expect(report!.data.month).toBe(MONTH);
  const web = report!.data.services.find((s: { code: string }) => s.code === 'WEBSITE');
  expect(web).toMatchObject({ downtimeMs: 9 * HOUR, met: false, targetPercent: 99.5 });
  expect(web.trend).toHaveLength(12);
  expect(web.trend.at(-1)).toMatchObject({ month: MONTH, basisPoints: web.basisPoints, met: false });
  expect(report!.data.missed).toEqual(['WEBSITE']);
  await readUntil(() => count(`select count(*) as n from notification where case_id = ? and template = 'availability-report-open' and recipient = 'teknis'`, [report!.id]), (n) => n === 1);

  // On demand for the same month: the same case (one report per month).
  const again = await post('teknis', '/availability/reports', { month: MONTH });
  expect(again).toMatchObject({ status: 200, body: { id: report!.id } });
  expect((await post('pemohon', '/availability/reports', { month: MONTH })).status).toBe(403);
  const current = new Date(Date.now() + 7 * HOUR).toISOString().slice(0, 7);
  expect((await post('teknis', '/availability/reports', { month: current })).body.code).toBe('invalid_month');

  // Prepare: only the technical team, and a cause for the missed target is required.
  const events = () => count('select count(*) as n from case_event where case_id = ?', [report!.id]);
  // Triggered now, weeks after the month ended: the reminders and the escalation of the overdue report
  // (10 working days after the month end) fire at once.
  const actions = await readUntil(
    async () => (await sql<{ action: string }>('select action from case_event where case_id = ? order by seq', [report!.id])).map((e) => e.action),
    (a) => a.includes('report_escalated'));
  expect(actions.slice(0, 2)).toEqual(['submitted', 'started']);
  expect(actions.filter((a) => a === 'report_reminder').length).toBeGreaterThanOrEqual(1);
  await readUntil(() => count(`select count(*) as n from notification where case_id = ? and template = 'availability-report-overdue' and recipient = 'kadis'`, [report!.id]), (n) => n === 1);
  const n0 = await events();
  expect((await act('penyedia', report!.id, 'prepare', { services: [] })).status).toBe(403);
  const noCause = await act('teknis', report!.id, 'prepare', { services: [{ service: 'WEBSITE', utilisation: 'CPU 40 %' }] });
  expect(noCause).toMatchObject({ status: 422, body: { code: 'availability_cause_required', services: ['WEBSITE'] } });
  expect((await act('teknis', report!.id, 'prepare', { services: [{ service: 'TIDAK-ADA', causes: 'x' }] })).body.code).toBe('service_not_in_report');
  expect((await act('penyedia', report!.id, 'acknowledge', {})).status).toBe(409); // not prepared yet
  expect(await events()).toBe(n0);
  expect((await get('penyedia', `/availability/reports/${report!.id}/formulir-f`)).status).toBe(404);

  const prepared = await act('teknis', report!.id, 'prepare', { services: [{
    service: 'WEBSITE', utilisation: 'CPU 40 %, RAM 70 %, penyimpanan 95 %, bandwidth 30 %', causes: 'Disk penuh pada server web; listrik padam hari Sabtu',
    improvements: ['Pemantauan kapasitas disk dengan ambang 80 %', 'UPS untuk ruang server'],
  }] });
  expect(prepared.status).toBe(200);
  expect(prepared.body.state).toBe('acknowledging');
  expect((await act('teknis', report!.id, 'acknowledge', {})).status).toBe(403);
  const acknowledged = await act('penyedia', report!.id, 'acknowledge', { note: 'Tindak lanjuti UPS pada anggaran perubahan' });
  expect(acknowledged.status).toBe(200);
  expect(acknowledged.body.state).toBe('acknowledged');

  const form = await readUntil(() => get('penyedia', `/availability/reports/${report!.id}/formulir-f`), (r) => r.status === 200);
  expect(form.headers.get('content-type')).toMatch(/^text\/html/);
  const html = String(form.body);
  expect(html).toContain('Formulir F');
  expect(html).toContain(report!.number);
  expect(html).toContain((web.basisPoints / 100).toFixed(2));
  expect(html).toContain('99.50');
  expect(html).toContain('<svg');
  expect(html).toContain('Disk penuh pada server web; listrik padam hari Sabtu');
  expect(html).toContain('UPS untuk ruang server');
  expect(html).toContain(incident.number);
  const [doc] = await sql<{ kind: string; case_id: string }>(`select kind, case_id from document where case_id = ?`, [report!.id]);
  expect(doc).toMatchObject({ kind: 'availability_report', case_id: report!.id });
  await readUntil(() => count(`select count(*) as n from notification where case_id = ? and template = 'availability-report-acknowledged' and recipient = 'teknis'`, [report!.id]), (n) => n === 1);
}, 120_000);
