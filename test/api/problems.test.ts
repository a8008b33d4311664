// Problem management and the periodic review over HTTP, on a real Temporal dev server and PostgreSQL:
// bad input, the whole problem path with the KEDB, an incident's proposal, the review over seeded
// incidents (exactly the recurring and unresolved ones, each problem opened once even when run
// again) and the review's Schedule.
import { randomUUID } from 'node:crypto';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { useTestSystem } from '../support/system.ts';
import { incidentInput } from '../fixtures/incidents.ts';
import { getProfile } from '../../policy/profiles/index.ts';
import { incidentSnapshot, newIncidentCase } from '../../policy/incident.ts';
import { periodEndedBy } from '../../policy/problem.ts';
import { ensureProblemReviewSchedules, REVIEW_CATCHUP_WINDOW_MS } from '../../api/services/problemReview.ts';
import { readUntil } from '../support/eventually.ts';

const system = useTestSystem();
const post = (who: string, path: string, body: unknown, headers: Record<string, string> = {}) => system().call(who, 'POST', `/api/v1${path}`, body, headers);
const get = (who: string, path: string) => system().call(who, 'GET', `/api/v1${path}`);
const act = (who: string, id: string, action: string, body: unknown) => post(who, `/cases/${id}/actions/${action}`, body);
const count = async (sql: string, params: unknown[] = []) => Number((await system().orm.em.fork().execute<Array<{ n: string }>>(sql, params))[0]!.n);
const problems = () => count(`select count(*) as n from sigap_case where case_type = 'problem'`);
const reviews = () => count(`select count(*) as n from sigap_case where case_type = 'problem_review'`);

async function reportIncident(category: string, extra: Record<string, unknown> = {}) {
  const res = await post('pengelola', '/incidents', {
    service: 'PERIZINAN-ONLINE', category, symptoms: 'Halaman login menampilkan galat 502.', impact: 'mayor', reporter: 'pemohon',
    configurationItems: ['VM-PERIZINAN-01'], ...extra,
  });
  expect(res.status).toBe(201);
  await system().started(res.body.id);
  return res.body as { id: string; number: string };
}

test('bad problem reports get a clear 4xx and change nothing', async () => {
  const before = await problems();
  const body = { title: 'Galat 502 berulang', description: 'Sering terjadi.' };
  expect(await post('pemohon', '/problems', body)).toMatchObject({ status: 403, body: { code: 'missing_role' } });
  const unknown = await post('teknis', '/problems', { ...body, incidents: ['INC-1999-000001', randomUUID()] });
  expect(unknown).toMatchObject({ status: 422, body: { code: 'unknown_incident' } });
  expect(unknown.body.detail).toContain('INC-1999-000001');
  expect((await post('teknis', '/problems', { ...body, service: 'TIDAK-ADA' })).body.code).toBe('unknown_service');
  expect((await post('teknis', '/problems', { ...body, service: 'WEBSITE', configurationItems: ['DB-SIMPEG'] })).body.code).toBe('unknown_configuration_item');
  expect((await post('teknis', '/problems', { title: 'x' })).status).toBe(400);
  expect(await problems()).toBe(before);
});

test('a problem with its incident goes through root cause, the KEDB, a change hand-over and the effectiveness review', async () => {
  const inc = await reportIncident('Cetak izin gagal');
  const opened = await post('teknis', '/problems', { title: 'Cetak izin gagal berulang', description: 'Dokumen izin tidak terbentuk (galat 502).', incidents: [inc.number] });
  expect(opened.status).toBe(201);
  const id = opened.body.id as string;
  expect(opened.body).toMatchObject({ type: 'problem', number: expect.stringMatching(/^PRB-\d{4}-\d{6}$/), state: 'logged', service: 'PERIZINAN-ONLINE' });
  expect(opened.body.links).toEqual([{ type: 'incident', id: inc.id, number: inc.number, relation: 'incident' }]);
  expect(opened.body.waitingFor[0]).toMatchObject({ action: 'classify', from: { roles: [{ id: 'technical_team' }] } });
  expect((await get('pengelola', `/cases/${inc.id}`)).body.links).toContainEqual({ type: 'problem', id, number: opened.body.number, relation: 'problem' });
  await system().started(id);

  expect(await act('pengelola', id, 'classify', { impact: 'mayor', category: 'Cetak izin gagal' })).toMatchObject({ status: 403, body: { code: 'missing_role' } });
  expect(await act('teknis', id, 'link_incident', { incident: inc.number })).toMatchObject({ status: 409, body: { code: 'incident_already_linked' } });
  expect(await act('teknis', id, 'link_incident', { incident: 'INC-1999-000009' })).toMatchObject({ status: 422, body: { code: 'unknown_incident' } });
  expect(await act('teknis', id, 'propose_fix', { fix: 'x', needsChange: false })).toMatchObject({ status: 409, body: { code: 'not_waiting_for_action' } });
  expect((await act('teknis', id, 'classify', { impact: 'mayor', category: 'Cetak izin gagal' })).body).toMatchObject({ state: 'investigating', priority: 'P1' });
  await act('teknis', id, 'record_root_cause', { cause: 'Layanan pembuat PDF kehabisan memori', analysis: 'Heap dump' });
  const known = await act('teknis', id, 'record_workaround', { workaround: 'Mulai ulang layanan PDF' });
  expect(known.body).toMatchObject({ state: 'known_error', data: { knownError: { number: expect.stringMatching(/^KE-\d{4}-\d{6}$/) } } });
  const ke = known.body.data.knownError.number as string;

  const found = await get('pengelola', '/known-errors?q=pdf%20memori');
  expect(found.body.items[0]).toMatchObject({ number: ke, status: 'workaround', workaround: 'Mulai ulang layanan PDF', problem: { id } });
  const forIncident = await get('pengelola', `/cases/${inc.id}/known-errors`);
  expect(forIncident.body.items.map((k: { number: string }) => k.number)).toContain(ke);

  const handedOver = await act('teknis', id, 'propose_fix', { fix: 'Tambah memori dan batasi ukuran dokumen', needsChange: true });
  expect(handedOver.body).toMatchObject({ state: 'awaiting_change', data: { changeHandover: { needed: true, link: null } } });
  expect((await get('pengelola', `/known-errors/${ke}`)).body.status).toBe('change_pending');
  const applied = await act('teknis', id, 'apply_fix', { note: 'Perubahan diterapkan', changeReference: 'https://sigap.example/changes/CHG-2026-000001' });
  expect(applied.body).toMatchObject({ state: 'reviewing', data: { changeHandover: { link: 'https://sigap.example/changes/CHG-2026-000001', status: 'implemented' } } });
  expect(applied.body.dueAt).toEqual(applied.body.data.effectivenessCheckDueAt);
  expect((await act('teknis', id, 'review_fix', { effective: true, note: 'x' })).status).toBe(403);
  const closed = await act('penyedia', id, 'review_fix', { effective: true, note: 'Tidak berulang' });
  expect(closed.body).toMatchObject({ state: 'closed', closedAt: expect.any(String) });
  expect((await get('pengelola', `/known-errors/${ke}`)).body.status).toBe('resolved');
  const timeline = (await get('pengelola', `/cases/${id}/timeline`)).body.events.map((e: { action: string }) => e.action);
  expect(timeline).toEqual(['submitted', 'started', 'classify', 'record_root_cause', 'record_workaround', 'known_error_recorded', 'propose_fix', 'apply_fix', 'review_fix']);
  const mails = await system().orm.em.fork().execute<Array<{ template: string; recipient: string }>>('select template, recipient from notification where case_id = ? order by created_at', [id]);
  expect(mails).toEqual(expect.arrayContaining([
    { template: 'problem-opened', recipient: 'teknis' }, { template: 'problem-known-error', recipient: 'pengelola' },
    { template: 'problem-change-needed', recipient: 'penyedia' }, { template: 'problem-closed', recipient: 'penyedia' },
  ]));
});

test('an incident\'s proposal for problem management opens a problem linked both ways; a second proposal joins it', async () => {
  const first = await reportIncident('Unggah dokumen gagal');
  const second = await reportIncident('Unggah dokumen gagal');
  for (const inc of [first, second]) {
    await act('pengelola', inc.id, 'respond', { note: 'Diterima' });
    await act('pengelola', inc.id, 'escalate', { note: 'Ke teknis' });
  }
  const proposed = await act('teknis', first.id, 'propose', { kind: 'problem', note: 'Berulang setiap pagi' });
  expect(proposed.status).toBe(200);
  const linked = proposed.body.links.find((l: { type: string }) => l.type === 'problem');
  expect(linked).toMatchObject({ relation: 'problem', number: expect.stringMatching(/^PRB-/) });
  const timeline = (await get('pengelola', `/cases/${first.id}/timeline`)).body.events;
  expect(timeline.at(-1)).toMatchObject({ action: 'problem_linked', payload: { outcome: 'opened', problem: { number: linked.number } } });
  const prb = await readUntil(() => get('teknis', `/cases/${linked.id}`), (r) => r.body.state === 'logged' && r.body.data.incidents?.length === 1);
  expect(prb.body.data).toMatchObject({ origin: { kind: 'incident', number: first.number }, dedupeKey: 'service-category:PERIZINAN-ONLINE:unggah dokumen gagal' });

  await act('teknis', second.id, 'propose', { kind: 'problem', note: 'Sama' });
  const joined = await readUntil(() => get('teknis', `/cases/${linked.id}`), (r) => r.body.data.incidents?.length === 2 && r.body.links.length === 2);
  expect(joined.body.data.incidents.map((i: { number: string }) => i.number)).toEqual([first.number, second.number]);
  expect(joined.body.links.map((l: { number: string }) => l.number)).toEqual([first.number, second.number]);
  expect((await get('pengelola', `/cases/${second.id}`)).body.links).toContainEqual(expect.objectContaining({ type: 'problem', id: linked.id }));
});

// ---- the periodic review over seeded incidents ----------------------------------------------------

const serang = getProfile('serang');
const SERVICES = {
  'PERIZINAN-ONLINE': { code: 'PERIZINAN-ONLINE', name: 'Perizinan Online', serviceType: 'publik' as const, classification: 'kritis' as const },
  WEBSITE: { code: 'WEBSITE', name: 'Website Pemerintah Kabupaten', serviceType: 'publik' as const, classification: 'esensial' as const },
  SIMPEG: { code: 'SIMPEG', name: 'Sistem Informasi Kepegawaian', serviceType: 'administrasi' as const, classification: 'normal' as const },
  'EMAIL-DINAS': { code: 'EMAIL-DINAS', name: 'E-mail Dinas', serviceType: 'administrasi' as const, classification: 'esensial' as const },
};
let seeded = 0;

/** An incident row as the incident workflow writes it (Formulir E in data), without a workflow. */
async function seedIncident(o: { service: keyof typeof SERVICES; category: string; at: string; cis?: string[]; open?: boolean; breached?: boolean; reopenCount?: number; tenant?: string }) {
  const tenant = o.tenant ?? 'serang';
  const caseId = randomUUID();
  const number = `INC-2025-${String(900_000 + ++seeded)}`;
  const at = Date.parse(o.at);
  const input = incidentInput({ caseId, tenantId: tenant, profileId: 'serang', number, category: o.category, service: SERVICES[o.service], configurationItems: o.cis ?? [], reportedAt: at });
  const snap = incidentSnapshot(newIncidentCase(input, serang), serang, at);
  const closedAt = o.open ? null : new Date(at + 3_600_000).toISOString();
  const data = { ...snap.formE, status: o.open ? 'handling_technical' : 'closed', closedAt, confirmedAt: closedAt, reopenCount: o.reopenCount ?? 0 };
  await system().orm.em.fork().execute(
    `insert into sigap_case (id, tenant_id, case_type, number, workflow_id, service_code, title, state, priority, requester_username, waiting_for, sla,
       due_at, breached, sla_met, links, data, last_seq, created_at, updated_at, closed_at)
     values (?, ?, 'incident', ?, ?, ?, ?, ?, ?, 'pemohon', '[]', '[]', null, ?, null, '[]', ?::jsonb, 5, ?, ?, ?)`,
    [caseId, tenant, number, `incident:${tenant}:${number}`, o.service, `${SERVICES[o.service].name}: ${o.category}`, o.open ? 'handling_technical' : 'closed',
      snap.priority, o.breached ?? false, JSON.stringify(data), o.at, o.at, closedAt],
  );
  return { id: caseId, number };
}

test('the review finds exactly the recurring and unresolved incidents of the period and opens each problem once, even when run again', async () => {
  // 2025-H1 = [2025-01-01T00:00+07:00, 2025-07-01T00:00+07:00)
  const a = [
    await seedIncident({ service: 'PERIZINAN-ONLINE', category: 'Aplikasi tidak dapat diakses', at: '2025-01-10T02:00:00Z', cis: ['VM-PERIZINAN-01'] }),
    await seedIncident({ service: 'PERIZINAN-ONLINE', category: 'aplikasi  tidak dapat diakses', at: '2025-03-02T02:00:00Z', cis: ['LB-DMZ-01'] }),
    await seedIncident({ service: 'PERIZINAN-ONLINE', category: 'APLIKASI TIDAK DAPAT DIAKSES', at: '2025-06-30T16:59:00Z' }), // 23:59 WIB, the last minute
  ];
  await seedIncident({ service: 'WEBSITE', category: 'Halaman lambat', at: '2025-02-01T02:00:00Z', cis: ['VM-WEB-01'] });
  await seedIncident({ service: 'WEBSITE', category: 'Halaman lambat', at: '2025-02-02T02:00:00Z', cis: ['VM-WEB-01'] }); // twice only
  const c = [
    await seedIncident({ service: 'SIMPEG', category: 'Login gagal', at: '2025-01-20T02:00:00Z', cis: ['DB-SIMPEG', 'VM-SIMPEG-01'] }),
    await seedIncident({ service: 'SIMPEG', category: 'Laporan kosong', at: '2025-04-20T02:00:00Z', cis: ['DB-SIMPEG'] }),
    await seedIncident({ service: 'SIMPEG', category: 'Sinkronisasi gagal', at: '2025-05-20T02:00:00Z', cis: ['DB-SIMPEG', 'DB-SIMPEG'] }),
  ];
  const unresolved = await seedIncident({ service: 'EMAIL-DINAS', category: 'Kotak surat penuh', at: '2025-05-05T02:00:00Z', cis: ['MAIL-01'], open: true, breached: true });
  await seedIncident({ service: 'EMAIL-DINAS', category: 'Tidak bisa kirim', at: '2025-05-06T02:00:00Z', cis: ['MAIL-01'], open: true }); // open, within target
  // Outside the period or the tenant: never counted.
  await seedIncident({ service: 'PERIZINAN-ONLINE', category: 'Aplikasi tidak dapat diakses', at: '2024-12-31T16:59:00Z' }); // 23:59 WIB on 31 Dec 2024
  await seedIncident({ service: 'PERIZINAN-ONLINE', category: 'Aplikasi tidak dapat diakses', at: '2025-06-30T17:00:00Z' }); // 00:00 WIB on 1 Jul 2025
  for (const d of ['2025-02-01', '2025-02-02', '2025-02-03']) await seedIncident({ tenant: 'dpr', service: 'SIMPEG', category: 'Login gagal', at: `${d}T02:00:00Z`, cis: ['DB-SIMPEG'] });

  const problemsBefore = await problems();
  const reviewsBefore = await reviews();
  expect((await post('teknis', '/problem-reviews', { period: '2025-H1' })).body.code).toBe('missing_role'); // only the owner, coordinator, administrator
  expect((await post('penyedia', '/problem-reviews', { period: '2025-H1', from: '2025-01-01', to: '2025-06-30' })).body.code).toBe('invalid_period');
  expect((await post('penyedia', '/problem-reviews', { period: '2099-H1' })).body.code).toBe('invalid_period');
  expect((await post('penyedia', '/problem-reviews', { period: '2025-H3' })).status).toBe(400);
  expect(await reviews()).toBe(reviewsBefore);

  const t0 = Date.now();
  const first = await post('penyedia', '/problem-reviews', { period: '2025-H1' });
  const firstMs = Date.now() - t0;
  expect(first.status).toBe(201);
  expect(first.body).toMatchObject({
    status: 'completed', number: expect.stringMatching(/^PRV-/), period: { id: '2025-H1', from: '2024-12-31T17:00:00.000Z', to: '2025-06-30T17:00:00.000Z' },
    threshold: { value: 3, source: { sigapDefault: expect.any(String) } }, totals: { incidents: 10, closed: 8, open: 2 },
  });
  expect(first.body.findings.map((f: Record<string, unknown>) => [f.kind, f.service, f.configurationItem, f.count, f.incidents, f.outcome])).toEqual([
    ['recurrence_service_category', 'PERIZINAN-ONLINE', null, 3, a.map((x) => x.number), 'opened'],
    ['recurrence_configuration_item', 'SIMPEG', 'DB-SIMPEG', 3, c.map((x) => x.number), 'opened'],
    ['unresolved', 'EMAIL-DINAS', null, 1, [unresolved.number], 'opened'],
  ]);
  expect(await problems()).toBe(problemsBefore + 3);
  const opened = first.body.findings.map((f: { problem: { caseId: string; number: string } }) => f.problem);
  for (const [i, incidents] of [[0, a], [1, c], [2, [unresolved]]] as const) {
    const p = await readUntil(() => get('teknis', `/cases/${opened[i].caseId}`), (r) => r.body.state === 'logged' && r.body.data?.incidents !== undefined);
    expect(p.body).toMatchObject({ type: 'problem', data: { origin: { kind: 'review', number: first.body.number } } });
    expect(p.body.links.map((l: { id: string }) => l.id).sort()).toEqual(incidents.map((x) => x.id).sort());
    for (const x of incidents) expect((await get('pengelola', `/cases/${x.id}`)).body.links).toContainEqual(expect.objectContaining({ type: 'problem', id: opened[i].caseId }));
  }
  const reviewCase = await get('penyedia', `/cases/${first.body.caseId}`);
  expect(reviewCase.body).toMatchObject({ type: 'problem_review', state: 'completed', data: { period: { id: '2025-H1' }, findings: expect.any(Array) } });
  expect((await get('penyedia', `/cases/${first.body.caseId}/timeline`)).body.events.map((e: { action: string }) => e.action))
    .toEqual(['submitted', 'started', 'scanned', 'finding', 'finding', 'finding', 'completed']);
  const reports = await system().orm.em.fork().execute<Array<{ recipient: string; subject: string }>>(
    `select recipient, subject from notification where case_id = ? and template = 'problem-review-report' order by subject`, [first.body.caseId]);
  expect(reports.map((r) => r.recipient)).toEqual(['penyedia', 'penyedia', 'penyedia']); // one report per service, to the Penyedia Layanan
  expect(reports[0]!.subject).toContain('Semester I 2025');

  // Run again: the open problems are found, nothing new is opened or linked.
  const again = await post('koordinator', '/problem-reviews', { from: '2025-01-01', to: '2025-06-30' });
  expect(again.status).toBe(201);
  expect(again.body.findings.map((f: { outcome: string; problem: { number: string } }) => [f.outcome, f.problem.number])).toEqual(opened.map((p: { number: string }) => ['existing', p.number]));
  expect(await problems()).toBe(problemsBefore + 3);

  // The unresolved incident's problem is cancelled; a third run finds it handled and opens nothing.
  expect((await act('teknis', opened[2].caseId, 'cancel', { reason: 'Kuota kotak surat dinaikkan' })).body.state).toBe('cancelled');
  const third = await post('admin', '/problem-reviews', { period: '2025-H1' }, { 'idempotency-key': 'reviu-2025-h1' });
  expect(third.body.findings.map((f: { outcome: string }) => f.outcome)).toEqual(['existing', 'existing', 'already_handled']);
  const replayed = await post('admin', '/problem-reviews', { period: '2025-H1' }, { 'idempotency-key': 'reviu-2025-h1' });
  expect(replayed).toMatchObject({ status: 201, body: { caseId: third.body.caseId } });
  expect(replayed.headers.get('idempotent-replayed')).toBe('true');
  expect(await problems()).toBe(problemsBefore + 3);
  expect(firstMs).toBeLessThan(30_000);
});

test('each tenant has a review Schedule: 1 January and 1 July at 00:00 Asia/Jakarta, overlaps skipped, 30-day catch-up', async () => {
  const created = await ensureProblemReviewSchedules(system().deps);
  expect(created.map((s) => s.scheduleId).sort()).toEqual(['problem-review:dpr', 'problem-review:serang']);
  expect((await ensureProblemReviewSchedules(system().deps)).every((s) => !s.created)).toBe(true); // idempotent at every boot
  const d = await system().deps.temporal.schedule.getHandle('problem-review:serang').describe();
  expect(d.spec.timezone).toBe('Asia/Jakarta');
  expect(d.spec.calendars).toHaveLength(1);
  expect(d.spec.calendars![0]).toMatchObject({
    month: [{ start: 'JANUARY', end: 'JANUARY', step: 1 }, { start: 'JULY', end: 'JULY', step: 1 }],
    dayOfMonth: [{ start: 1, end: 1, step: 1 }], hour: [{ start: 0, end: 0, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }],
  });
  expect(d.policies).toMatchObject({ overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: REVIEW_CATCHUP_WINDOW_MS });
  expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'problemReview', args: [{ tenantId: 'serang', trigger: 'schedule' }] });
  // The next run: the coming 1 January or 1 July, 00:00 WIB (17:00 UTC the day before).
  const next = d.info.nextActionTimes[0]!;
  expect(next.toISOString()).toMatch(/-(06-30|12-31)T17:00:00\.000Z$/);
  expect(next.getTime()).toBeGreaterThan(Date.now());
  expect(next.getTime() - Date.now()).toBeLessThanOrEqual(184 * 86_400_000);
  const view = await get('pengelola', '/problem-reviews/schedule');
  expect(view.body).toMatchObject({ exists: true, timezone: 'Asia/Jakarta', months: [1, 7], overlap: 'SKIP', catchupWindowMs: REVIEW_CATCHUP_WINDOW_MS });
  expect(view.body.nextRuns[0]).toBe(next.toISOString());
  // Every run is on 1 January or 1 July at 00:00 WIB, half a year apart.
  expect(view.body.nextRuns.every((t: string) => /-(06-30|12-31)T17:00:00\.000Z$/.test(t))).toBe(true);
  expect(new Set(view.body.nextRuns.slice(0, 4).map((t: string) => t.slice(5, 10)))).toEqual(new Set(['06-30', '12-31']));

  // What the Schedule starts works: triggered now, it reviews the half-year that ended last.
  await system().deps.temporal.schedule.getHandle('problem-review:serang').trigger();
  const scheduled = await readUntil(
    () => system().orm.em.fork().execute<Array<{ id: string; workflow_id: string; state: string; data: { trigger: string; period: { id: string } } }>>(
      `select id, workflow_id, state, data from sigap_case where tenant_id = 'serang' and case_type = 'problem_review' and data->>'trigger' = 'schedule'`),
    (rows) => rows.length === 1 && rows[0]!.state === 'completed');
  expect(scheduled).toHaveLength(1);
  expect(scheduled[0]!.workflow_id).toMatch(/^problem-review:serang-/);
  expect(scheduled[0]!.data.period.id).toBe(periodEndedBy(Date.now(), 'Asia/Jakarta', 6).id);
  const reports = await count(`select count(*) as n from notification where case_id = ? and template = 'problem-review-report' and recipient = 'penyedia'`, [scheduled[0]!.id]);
  expect(reports).toBeGreaterThanOrEqual(1);
});
