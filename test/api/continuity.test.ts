// Continuity management over HTTP, on a real Temporal dev server and PostgreSQL: the Formulir C
// registry and its flags, bad plans (nothing changes), backups, a DRP submitted by the recovery
// coordinator and approved by the service owner (eselon II) — the flag goes, a newer version
// supersedes it only once approved — wrong approvers refused, and the yearly DRP-test Schedule of a
// Kritis service firing on the dev server (a disaster case in exercise mode).
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { useTestSystem } from '../support/system.ts';
import { readUntil } from '../support/eventually.ts';
import { DRP_TEST_CATCHUP_WINDOW_MS, ensureDrpTestSchedules } from '../../api/services/drpTests.ts';

const system = useTestSystem();
const call = (who: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => system().call(who, method, `/api/v1${path}`, body, headers);
const count = async (sql: string, params: unknown[] = []) => Number((await system().orm.em.fork().execute<Array<{ n: string }>>(sql, params))[0]!.n);
const KRITIS = 'PERIZINAN-ONLINE';
const plan = { availabilityTarget: 99.5, operatingSchedule: '24x7', rto: { value: 4, unit: 'hours' }, rpo: { value: 1, unit: 'hours' }, notes: 'Formulir C 2026' };
const drp = { title: 'DRP Perizinan Online', recoveryActivities: 'Aktifkan DRC; pulihkan basis data dari cadangan', normalisationActivities: 'Kembali ke pusat data primer' };

test('bad plans get a clear 4xx and change nothing', async () => {
  const before = await count('select count(*) as n from continuity_plan');
  expect((await call('penyedia', 'PUT', `/continuity-plans/${KRITIS}`, { ...plan, availabilityTarget: 101 })).status).toBe(400);
  expect((await call('penyedia', 'PUT', `/continuity-plans/${KRITIS}`, { ...plan, availabilityTarget: 99.555 })).status).toBe(400);
  expect((await call('penyedia', 'PUT', `/continuity-plans/${KRITIS}`, { ...plan, rto: { value: 0, unit: 'hours' } })).status).toBe(400);
  expect((await call('penyedia', 'PUT', `/continuity-plans/${KRITIS}`, { ...plan, rto: { value: -2, unit: 'hours' } })).status).toBe(400);
  const noRto = await call('penyedia', 'PUT', `/continuity-plans/${KRITIS}`, { ...plan, rto: null });
  expect(noRto).toMatchObject({ status: 422, body: { code: 'rto_rpo_required' } });
  expect(noRto.body.detail).toContain(KRITIS);
  expect(await call('penyedia', 'PUT', '/continuity-plans/TIDAK-ADA', plan)).toMatchObject({ status: 404, body: { code: 'unknown_service' } });
  expect(await call('teknis', 'PUT', `/continuity-plans/${KRITIS}`, plan)).toMatchObject({ status: 403, body: { code: 'missing_role' } });
  expect(await call('teknis', 'GET', '/continuity-plans/TIDAK-ADA')).toMatchObject({ status: 404, body: { code: 'unknown_service' } });
  expect(await count('select count(*) as n from continuity_plan')).toBe(before);
});

test('a Kritis plan, its backups, and a DRP approved by the service owner: the flags go, a newer version supersedes only once approved', async () => {
  const list = await call('koordinator', 'GET', '/continuity-plans');
  expect(list.status).toBe(200);
  const row = (code: string) => list.body.items.find((p: { service: string }) => p.service === code);
  expect(row(KRITIS)).toMatchObject({ classification: 'kritis', rtoMs: null, drp: { status: 'missing' }, flags: ['availability_target_missing', 'rto_rpo_missing', 'drp_missing'] });
  expect(row('SIMPEG').flags).toEqual([]);

  const put = await call('penyedia', 'PUT', `/continuity-plans/${KRITIS}`, plan);
  expect(put).toMatchObject({ status: 200, body: { availabilityTarget: 99.5, operatingSchedule: '24x7', rtoMs: 4 * 3_600_000, rpoMs: 3_600_000, version: 1, flags: ['drp_missing'] } });
  expect(put.headers.get('etag')).toBe('"1"');
  expect(await call('admin', 'PUT', `/continuity-plans/${KRITIS}`, plan, { 'if-match': '"7"' })).toMatchObject({ status: 412, body: { code: 'continuity_plan_version_stale' } });
  expect((await call('admin', 'PUT', `/continuity-plans/${KRITIS}`, { ...plan, rto: { value: 2, unit: 'hours' } }, { 'if-match': '"1"' })).body).toMatchObject({ version: 2, rtoMs: 7_200_000 });

  // Backups: the technical team reports; not in the future; requesters may not.
  const at = new Date(Date.now() - 3_600_000).toISOString();
  expect(await call('teknis', 'POST', `/continuity-plans/${KRITIS}/backups`, { backupAt: at, note: 'Snapshot harian' })).toMatchObject({ status: 201, body: { source: 'manual', reportedBy: 'teknis' } });
  expect(await call('teknis', 'POST', `/continuity-plans/${KRITIS}/backups`, { backupAt: new Date(Date.now() + 3_600_000).toISOString() })).toMatchObject({ status: 422, body: { code: 'backup_in_future' } });
  expect(await call('pemohon', 'POST', `/continuity-plans/${KRITIS}/backups`, { backupAt: at })).toMatchObject({ status: 403 });
  expect((await call('pemulihan', 'GET', `/continuity-plans/${KRITIS}/backups`)).body.items).toHaveLength(1);

  // The recovery coordinator submits a DRP; the service owner decides.
  expect(await call('penyedia', 'POST', `/continuity-plans/${KRITIS}/drp`, drp)).toMatchObject({ status: 403, body: { code: 'missing_role' } });
  const v1 = await call('pemulihan', 'POST', `/continuity-plans/${KRITIS}/drp`, drp, { 'idempotency-key': 'drp-v1' });
  expect(v1).toMatchObject({ status: 201, body: { type: 'drp', number: expect.stringMatching(/^DRP-\d{4}-\d{6}$/), state: 'awaiting_decision', data: { version: 1 } } });
  expect(v1.body.waitingFor[0]).toMatchObject({ action: 'decide', from: { roles: [{ id: 'service_owner' }] } });
  expect((await call('pemulihan', 'POST', `/continuity-plans/${KRITIS}/drp`, drp, { 'idempotency-key': 'drp-v1' })).body.id).toBe(v1.body.id);
  await system().started(v1.body.id);
  expect((await call('teknis', 'GET', `/continuity-plans/${KRITIS}`)).body).toMatchObject({ drp: { status: 'pending', pendingVersion: 1 }, flags: ['drp_unapproved'] });

  const events = () => count('select count(*) as n from case_event where case_id = ?', [v1.body.id]);
  const before = await events();
  expect(await call('teknis', 'POST', `/cases/${v1.body.id}/actions/decide`, { decision: 'approve' })).toMatchObject({ status: 403, body: { code: 'missing_role' } });
  expect(await call('pemulihan', 'POST', `/cases/${v1.body.id}/actions/decide`, { decision: 'approve' })).toMatchObject({ status: 403 });
  expect(await call('penyedia', 'POST', `/cases/${v1.body.id}/actions/withdraw`, { reason: 'x' })).toMatchObject({ status: 403, body: { code: 'not_drp_author' } });
  expect(await events()).toBe(before);
  const approved = await call('penyedia', 'POST', `/cases/${v1.body.id}/decisions`, { decision: 'approve', comment: 'Disetujui' });
  expect(approved).toMatchObject({ status: 200, body: { state: 'approved', data: { decision: { outcome: 'approved', by: 'penyedia' } } } });
  const afterApproval = await call('teknis', 'GET', `/continuity-plans/${KRITIS}`);
  expect(afterApproval.body).toMatchObject({ drp: { status: 'approved', version: 1, approvedAt: expect.any(String) }, flags: [] });

  // Version 2: pending does not remove version 1; approving it supersedes version 1.
  const v2 = await call('teknis', 'POST', `/continuity-plans/${KRITIS}/drp`, { ...drp, title: 'DRP Perizinan Online rev. 2' });
  expect(v2.body.data).toMatchObject({ version: 2, supersedes: { version: 1 } });
  await system().started(v2.body.id);
  expect((await call('teknis', 'GET', `/continuity-plans/${KRITIS}`)).body).toMatchObject({ drp: { status: 'approved', version: 1, pendingVersion: 2 }, flags: [] });
  expect((await call('penyedia', 'POST', `/cases/${v2.body.id}/actions/decide`, { decision: 'approve' })).body.state).toBe('approved');
  const versions = await call('koordinator', 'GET', `/continuity-plans/${KRITIS}/drp`);
  expect(versions.body.items.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([[2, 'approved'], [1, 'superseded']]);
  expect(versions.body.items[0]).toMatchObject({ caseId: v2.body.id, caseNumber: v2.body.number, submittedBy: 'teknis', decidedBy: 'penyedia' });
  const mails = await count(`select count(*) as n from notification where case_id = ? and template = 'drp-approval-needed' and recipient = 'penyedia'`, [v1.body.id]);
  expect(mails).toBe(1);
});

test('a Kritis service with a plan has a yearly DRP-test Schedule in Asia/Jakarta that opens an exercise when it fires', async () => {
  const ensured = await ensureDrpTestSchedules(system().deps);
  expect(ensured).toEqual([{ tenantId: 'serang', scheduleId: `drp-test:serang:${KRITIS}`, created: false }]); // upserted when the plan was saved
  const d = await system().deps.temporal.schedule.getHandle(`drp-test:serang:${KRITIS}`).describe();
  expect(d.spec.timezone).toBe('Asia/Jakarta');
  expect(d.spec.calendars![0]).toMatchObject({
    month: [{ start: 'FEBRUARY', end: 'FEBRUARY', step: 1 }], dayOfMonth: [{ start: 1, end: 1, step: 1 }], hour: [{ start: 8, end: 8, step: 1 }],
  });
  expect(d.policies).toMatchObject({ overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: DRP_TEST_CATCHUP_WINDOW_MS });
  expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'drpTestKickoff', args: [{ tenantId: 'serang', serviceCode: KRITIS }] });
  const next = d.info.nextActionTimes[0]!;
  expect(next.toISOString()).toMatch(/-02-01T01:00:00\.000Z$/); // 1 February 08:00 WIB
  expect(next.getTime() - Date.now()).toBeLessThanOrEqual(366 * 86_400_000);
  const view = await call('pemulihan', 'GET', '/drp-tests/schedules');
  expect(view.body).toMatchObject({ frequency: { atLeast: 1, perMonths: 12 }, items: [{ service: KRITIS, exists: true, timezone: 'Asia/Jakarta', months: [2], nextRuns: expect.arrayContaining([next.toISOString()]) }] });

  await system().deps.temporal.schedule.getHandle(`drp-test:serang:${KRITIS}`).trigger();
  const exercises = await readUntil(
    () => system().orm.em.fork().execute<Array<{ id: string; number: string; title: string; state: string; data: { mode: string; services: Array<{ code: string }> }; last_seq: number }>>(
      `select id, number, title, state, data, last_seq from sigap_case where tenant_id = 'serang' and case_type = 'disaster' and data->>'mode' = 'exercise'`),
    (rows) => rows.length === 1 && rows[0]!.last_seq >= 1, 30_000);
  expect(exercises).toHaveLength(1);
  expect(exercises[0]!.number).toMatch(/^BCN-\d{4}-\d{6}$/);
  expect(exercises[0]!.title).toContain(`Uji coba DRP tahunan ${KRITIS}`);
  expect(exercises[0]!.data.services[0]).toMatchObject({ code: KRITIS });
  // Firing again in the same year opens nothing new.
  await system().deps.temporal.schedule.getHandle(`drp-test:serang:${KRITIS}`).trigger();
  await new Promise((r) => setTimeout(r, 2_000));
  expect(await count(`select count(*) as n from sigap_case where case_type = 'disaster' and data->>'mode' = 'exercise'`)).toBe(1);
  expect(await count(`select count(*) as n from downtime`)).toBe(0);

  // On demand, by the recovery coordinator only.
  expect(await call('teknis', 'POST', `/continuity-plans/${KRITIS}/drp-tests`, {})).toMatchObject({ status: 403, body: { code: 'missing_role' } });
  const now = await call('pemulihan', 'POST', `/continuity-plans/${KRITIS}/drp-tests`, { title: 'Uji coba DRP semester' });
  expect(now).toMatchObject({ status: 201, body: { type: 'disaster', data: { mode: 'exercise' }, requester: 'pemulihan' } });
  await system().started(now.body.id);
});
