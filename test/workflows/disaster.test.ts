// Disaster recovery on the time-skipping server (serang BAB IV C.3, Tabel 4.3–4.4): the assessment
// steps by their roles, the declaration by an eselon II official, RTO clocks from the declaration (one
// service recovered in time, one missing its deadline: event, notification, finding), the progress
// reminder every 4 hours after the last update until normalisation, Formulir G at the evaluation, a
// DRP exercise that never records downtime, and a scenario handed over to incident handling.
import { useTimeSkippingWorker } from '../support/timeSkippingWorker.ts';
import { caseRecords, refusalOf } from '../support/caseRecords.ts';
import { disasterActUpdate, disasterStateQuery } from '../../workflows/messages.ts';
import { disaster, type DisasterWorkflowActivities } from '../../workflows/disaster.ts';
import type { DisasterCommand, DisasterInput, DrpEvaluationReport } from '../../policy/disaster.ts';
import type { Actor } from '../../policy/requestFulfilment.ts';
import { command } from '../fixtures/requests.ts';
import { DAY, HOUR, disasterInput, people, services } from '../fixtures/disaster.ts';
import { eventually } from '../support/eventually.ts';

/** What the fake disaster activities were asked. */
const calls = {
  backups: [] as Array<{ tenantId: string; services: string[]; at: number }>,
  opened: [] as Array<{ caseId: string; services: string[]; startsAt: number }>,
  ended: [] as Array<{ caseId: string; service: string; endsAt: number }>,
  rendered: [] as Array<{ caseId: string; report: DrpEvaluationReport }>,
};
const disasterActivities: DisasterWorkflowActivities = {
  async lastGoodBackups(req) {
    calls.backups.push(req);
    // PERIZINAN-ONLINE was backed up 2 hours before the base; nothing is known of the others.
    return Object.fromEntries(req.services.map((s) => [s, s === services.perizinan.code ? { at: req.at - 2 * HOUR, reportedBy: 'teknis', source: 'manual' as const } : null]));
  },
  async openDisasterDowntime(req) { calls.opened.push({ caseId: req.caseId, services: req.services, startsAt: req.startsAt }); },
  async endDisasterDowntime(req) { calls.ended.push({ caseId: req.caseId, service: req.service, endsAt: req.endsAt }); },
  async renderDrpEvaluation(req) {
    calls.rendered.push({ caseId: req.caseId, report: req.report });
    return { documentId: `doc-${req.caseId}`, sha256: 'f'.repeat(64) };
  },
};

const ts = useTimeSkippingWorker({ historyPrefix: 'disaster', activities: disasterActivities });
const { events, mails, findings } = caseRecords(ts);

async function start(overrides: Partial<DisasterInput> = {}) {
  const input = disasterInput(await ts.env.currentTimeMs(), overrides);
  const handle = await ts.env.client.workflow.start(disaster, { taskQueue: ts.taskQueue, workflowId: `disaster:${input.tenantId}:${input.number}`, args: [input] });
  await handle.query(disasterStateQuery);
  ts.track(handle);
  return { input, handle };
}
type Handle = Awaited<ReturnType<typeof start>>['handle'];
const act = (handle: Handle, actor: Actor, cmd: DisasterCommand) => handle.executeUpdate(disasterActUpdate, { args: [command(actor, cmd)] });
const refusal = refusalOf;

/** Serang Tabel 4.4 steps 1–3 by eselon III officials, then the declaration by the Kepala Dinas. */
async function assessAndDeclare(handle: Handle) {
  await act(handle, people.recovery, { action: 'record_assessment', step: 1, findings: 'Ruang server tergenang; UPS mati' });
  await act(handle, people.coordinator, { action: 'record_assessment', step: 2, findings: 'Storage utama rusak' });
  await act(handle, people.recovery, { action: 'record_assessment', step: 3, findings: 'Pemulihan > 3 hari: memenuhi kriteria bencana', criteriaMet: true });
  return act(handle, people.head, { action: 'declare', decision: 'disaster', reasons: 'Kriteria Tabel 4.3 terpenuhi' });
}

test('a declared disaster: RTO of one day met by one service and missed by the other, then Formulir G', async () => {
  const { input, handle } = await start({ services: [services.perizinan, { ...services.simpeg, rtoMs: DAY }] });
  await eventually(() => expect(mails(input.caseId, 'disaster-reported')).toHaveLength(1));

  // The declaration waits for the scenario and the three steps, each by its roles (Tabel 4.4).
  expect(await refusal(act(handle, people.head, { action: 'declare', decision: 'disaster', reasons: 'x' }))).toEqual({ code: 'assessments_incomplete', missing: [1, 2, 3] });
  expect((await refusal(act(handle, people.tech, { action: 'record_assessment', step: 1, findings: 'x' }))).code).toBe('missing_role');
  expect((await refusal(act(handle, people.recovery, { action: 'record_assessment', step: 3, findings: 'x' }))).code).toBe('criteria_verdict_required');
  await act(handle, people.recovery, { action: 'choose_scenario', scenario: 'physical_damage' });
  await act(handle, people.recovery, { action: 'record_assessment', step: 1, findings: 'Ruang server tergenang; UPS mati' });
  await act(handle, people.coordinator, { action: 'record_assessment', step: 2, findings: 'Storage utama rusak' });
  await act(handle, people.recovery, { action: 'record_assessment', step: 3, findings: 'Memenuhi kriteria bencana', criteriaMet: true });
  await eventually(() => expect(mails(input.caseId, 'disaster-declaration-needed')[0]?.toRoles).toEqual(['head_of_unit', 'service_owner']));
  expect((await refusal(act(handle, people.recovery, { action: 'declare', decision: 'disaster', reasons: 'x' }))).code).toBe('missing_role');
  const declared = await act(handle, people.head, { action: 'declare', decision: 'disaster', reasons: 'Kerusakan fisik Pusat Data > 3 hari' });
  const declaredAt = (await handle.query(disasterStateQuery)).declaredAt!;
  const deadline = declaredAt + DAY;
  expect(declared.snapshot).toMatchObject({
    state: 'declared', dueAt: new Date(deadline).toISOString(), breached: false,
    waitingFor: [{ action: 'activate_drc', party: { kind: 'role', roles: ['recovery_coordinator'] } }, { action: 'post_progress' }],
    data: { baseAt: new Date(declaredAt).toISOString(), measuredFrom: 'declaration', gaps: [] },
  });
  expect(declared.snapshot.sla).toHaveLength(2);
  // RPO: the backup 2 hours before the base meets 4 hours; SIMPEG's is unknown until reported.
  expect(declared.snapshot.data.services.map((s) => s.rpo)).toEqual([{ targetMs: 4 * HOUR, dataLossMs: 2 * HOUR, met: true }, { targetMs: HOUR, dataLossMs: null, met: null }]);
  expect(calls.backups.filter((b) => b.at === declaredAt)).toHaveLength(1);
  expect(calls.opened.filter((o) => o.caseId === input.caseId)).toEqual([{ caseId: input.caseId, services: ['PERIZINAN-ONLINE', 'SIMPEG'], startsAt: declaredAt }]);
  await eventually(() => expect(mails(input.caseId, 'disaster-declared')).toHaveLength(1));

  expect((await refusal(act(handle, people.tech, { action: 'activate_drc', note: 'x' }))).code).toBe('missing_role');
  await act(handle, people.recovery, { action: 'activate_drc', note: 'DRC Cikarang aktif' });
  await act(handle, people.tech, { action: 'report_backup', service: 'SIMPEG', lastGoodBackupAt: new Date(declaredAt - 3 * HOUR).toISOString() });

  // PERIZINAN-ONLINE recovers after 20 hours: met.
  await ts.env.sleep(20 * HOUR);
  const recovered = await act(handle, people.tech, { action: 'confirm_recovery', service: 'PERIZINAN-ONLINE', note: 'Berjalan di DRC' });
  const recoveredAt = (await handle.query(disasterStateQuery)).services[0]!.recoveredAt!;
  expect(recovered.snapshot.data.services[0]!.rto).toMatchObject({ met: true });
  expect(await refusal(act(handle, people.tech, { action: 'confirm_recovery', service: 'PERIZINAN-ONLINE', note: 'x' }))).toEqual({ code: 'service_already_recovered', service: 'PERIZINAN-ONLINE' });
  expect((await refusal(act(handle, people.tech, { action: 'confirm_recovery', service: 'WEBSITE', note: 'x' }))).code).toBe('service_not_affected');

  // SIMPEG is still down at the deadline: rto_missed exactly then, once.
  const now = await ts.env.currentTimeMs();
  await ts.env.sleep(deadline - now - 60_000);
  expect(events(input.caseId, 'rto_missed')).toHaveLength(0);
  await ts.env.sleep(2 * 60_000);
  await eventually(() => expect(events(input.caseId, 'rto_missed')).toHaveLength(1));
  const missed = events(input.caseId, 'rto_missed')[0]!;
  expect(missed.at).toBeGreaterThanOrEqual(deadline);
  expect(missed.at).toBeLessThan(deadline + 60_000);
  expect(missed.payload).toEqual({ service: 'SIMPEG', deadline: new Date(deadline).toISOString() });
  await eventually(() => expect(mails(input.caseId, 'disaster-rto-missed')).toHaveLength(1));
  expect(mails(input.caseId, 'disaster-rto-missed')[0]!.toRoles).toEqual(['recovery_coordinator', 'head_of_unit', 'service_owner']);
  expect(findings(input.caseId).map((f) => [f.kind, f.process, f.detail?.service])).toEqual([['rto_missed', 'disaster', 'SIMPEG']]);
  // Warnings at 50/75/90 %: PERIZINAN-ONLINE's first two before its recovery, all three for SIMPEG.
  expect(events(input.caseId, 'rto_warning').map((e) => `${String(e.payload.service)}:${String(e.payload.threshold)}`)).toEqual([
    'PERIZINAN-ONLINE:warning-500', 'SIMPEG:warning-500', 'PERIZINAN-ONLINE:warning-750', 'SIMPEG:warning-750', 'SIMPEG:warning-900',
  ]);
  expect((await handle.query(disasterStateQuery)).services[1]!.rtoMissedAt).toBe(missed.at);

  await act(handle, people.recovery, { action: 'post_progress', message: 'SIMPEG menunggu penggantian storage' });
  expect(await refusal(act(handle, people.recovery, { action: 'normalise', note: 'x' }))).toEqual({ code: 'recovery_incomplete', services: ['SIMPEG'] });
  await ts.env.sleep(2 * HOUR);
  await act(handle, people.recovery, { action: 'confirm_recovery', service: 'SIMPEG', note: 'Storage diganti' });
  const simpegAt = (await handle.query(disasterStateQuery)).services[1]!.recoveredAt!;
  await act(handle, people.recovery, { action: 'normalise', note: 'Kembali ke Pusat Data primer' });
  expect(calls.ended.filter((e) => e.caseId === input.caseId)).toEqual([
    { caseId: input.caseId, service: 'PERIZINAN-ONLINE', endsAt: recoveredAt }, { caseId: input.caseId, service: 'SIMPEG', endsAt: simpegAt },
  ]);

  // A cause for every service that missed a target: SIMPEG missed its RTO and its RPO (3 h lost > 1 h).
  expect(await refusal(act(handle, people.recovery, { action: 'evaluate', causes: [], obstacles: 'x', improvements: [] }))).toEqual({ code: 'cause_required', services: ['SIMPEG'] });
  const closed = await act(handle, people.recovery, {
    action: 'evaluate', causes: [{ service: 'SIMPEG', cause: 'Storage cadangan tidak tersedia di DRC' }], obstacles: 'Pengadaan storage', improvements: ['Sediakan storage cadangan di DRC'],
  });
  expect(closed.snapshot).toMatchObject({ state: 'closed', breached: true, slaMet: false, data: { evaluation: { documentId: `doc-${input.caseId}` } } });
  const report = calls.rendered.find((r) => r.caseId === input.caseId)!.report;
  expect(report).toMatchObject({
    number: input.number, mode: 'real', scenario: { id: 'physical_damage' }, measuredFrom: 'declaration', baseAt: new Date(declaredAt).toISOString(),
    obstacles: 'Pengadaan storage', improvements: ['Sediakan storage cadangan di DRC'], progressUpdates: 1, evaluatedBy: { username: 'pemulihan' },
  });
  expect(report.services).toEqual([
    {
      code: 'PERIZINAN-ONLINE', name: 'Perizinan Online', classification: 'kritis', drpVersion: 2, cause: null,
      rto: { targetMs: DAY, deadline: new Date(deadline).toISOString(), recoveredAt: new Date(recoveredAt).toISOString(), achievedMs: recoveredAt - declaredAt, met: true },
      rpo: { targetMs: 4 * HOUR, lastGoodBackupAt: new Date(declaredAt - 2 * HOUR).toISOString(), dataLossMs: 2 * HOUR, met: true },
    },
    {
      code: 'SIMPEG', name: 'Sistem Kepegawaian', classification: 'kritis', drpVersion: 1, cause: 'Storage cadangan tidak tersedia di DRC',
      rto: { targetMs: DAY, deadline: new Date(deadline).toISOString(), recoveredAt: new Date(simpegAt).toISOString(), achievedMs: simpegAt - declaredAt, met: false },
      rpo: { targetMs: HOUR, lastGoodBackupAt: new Date(declaredAt - 3 * HOUR).toISOString(), dataLossMs: 3 * HOUR, met: false },
    },
  ]);
  expect((await handle.result()).state).toBe('closed');
  expect(events(input.caseId).filter((e) => !['rto_warning', 'progress_reminder'].includes(e.action)).map((e) => e.action)).toEqual([
    'started', 'choose_scenario', 'record_assessment', 'record_assessment', 'record_assessment', 'declare', 'activate_drc', 'report_backup',
    'confirm_recovery', 'rto_missed', 'finding_recorded', 'post_progress', 'confirm_recovery', 'normalise', 'evaluate',
  ]);
});

test('the progress reminder fires 4 hours after the last update, restarts after post_progress and stops after normalisation', async () => {
  const { input, handle } = await start({ scenario: 'physical_damage', services: [services.website] });
  await assessAndDeclare(handle);
  const declaredAt = (await handle.query(disasterStateQuery)).declaredAt!;
  // WEBSITE is Kritis without RTO, RPO or DRP: a gap, recorded once as a finding.
  expect(findings(input.caseId).map((f) => f.kind)).toEqual(['continuity_gaps']);
  expect((await handle.query(disasterStateQuery)).clocks).toEqual([]);

  await ts.env.sleep(4 * HOUR - 60_000);
  expect(events(input.caseId, 'progress_reminder')).toHaveLength(0);
  await ts.env.sleep(2 * 60_000);
  await eventually(() => expect(events(input.caseId, 'progress_reminder')).toHaveLength(1));
  expect(events(input.caseId, 'progress_reminder')[0]!.at).toBeGreaterThanOrEqual(declaredAt + 4 * HOUR);
  expect(events(input.caseId, 'progress_reminder')[0]!.at).toBeLessThan(declaredAt + 4 * HOUR + 60_000);
  await eventually(() => expect(mails(input.caseId, 'disaster-progress-reminder')[0]?.toRoles).toEqual(['recovery_coordinator']));

  // An update an hour later restarts the interval: nothing at declaration + 8 h, the next at update + 4 h.
  await ts.env.sleep(HOUR);
  expect((await refusal(act(handle, people.tech, { action: 'post_progress', message: 'x' }))).code).toBe('missing_role');
  await act(handle, people.recovery, { action: 'post_progress', message: 'Genset terpasang; pemulihan berlanjut' });
  const postedAt = events(input.caseId, 'post_progress')[0]!.at;
  await eventually(() => expect(mails(input.caseId, 'disaster-progress')).toHaveLength(1));
  expect(mails(input.caseId, 'disaster-progress')[0]).toMatchObject({
    toRoles: ['head_of_unit', 'service_owner', 'service_coordinator', 'technical_team'], toUsers: ['teknis'],
    params: { message: 'Genset terpasang; pemulihan berlanjut' },
  });
  await ts.env.sleep(postedAt + 4 * HOUR - (await ts.env.currentTimeMs()) - 60_000);
  expect(events(input.caseId, 'progress_reminder')).toHaveLength(1);
  await ts.env.sleep(2 * 60_000);
  await eventually(() => expect(events(input.caseId, 'progress_reminder')).toHaveLength(2));
  expect(events(input.caseId, 'progress_reminder')[1]!.at).toBeGreaterThanOrEqual(postedAt + 4 * HOUR);
  // Without an update the reminders repeat every 4 hours.
  await ts.env.sleep(4 * HOUR);
  await eventually(() => expect(events(input.caseId, 'progress_reminder')).toHaveLength(3));

  await act(handle, people.recovery, { action: 'activate_drc', note: 'DRC aktif' });
  await act(handle, people.recovery, { action: 'confirm_recovery', service: 'WEBSITE', note: 'Pulih' });
  await act(handle, people.recovery, { action: 'normalise', note: 'Normal' });
  await ts.env.sleep(2 * DAY);
  expect(events(input.caseId, 'progress_reminder')).toHaveLength(3);
  expect((await handle.query(disasterStateQuery)).state).toBe('normalised');
  await act(handle, people.recovery, { action: 'evaluate', causes: [], obstacles: '-', improvements: ['Tetapkan RTO/RPO WEBSITE'] });
  expect((await handle.result()).state).toBe('closed');
});

test('a DRP exercise runs the same steps, records no downtime and files drp_test findings', async () => {
  const { input, handle } = await start({ mode: 'exercise', scenario: 'infrastructure_failure', services: [services.simpeg], origin: { type: 'schedule', scheduleId: 'drp-test:serang:SIMPEG' } });
  await assessAndDeclare(handle);
  await act(handle, people.recovery, { action: 'activate_drc', note: 'Simulasi' });
  await ts.env.sleep(2 * HOUR + 60_000);
  await eventually(() => expect(events(input.caseId, 'rto_missed')).toHaveLength(1));
  expect(findings(input.caseId).map((f) => f.kind)).toEqual(['drp_test_rto_missed']);
  await act(handle, people.recovery, { action: 'confirm_recovery', service: 'SIMPEG', note: 'Pulih di DRC' });
  await act(handle, people.recovery, { action: 'normalise', note: 'Selesai' });
  await act(handle, people.recovery, { action: 'evaluate', causes: [{ service: 'SIMPEG', cause: 'Restorasi basis data lambat' }], obstacles: '-', improvements: ['Latih restorasi'] });
  expect(calls.opened.filter((o) => o.caseId === input.caseId)).toEqual([]);
  expect(calls.ended.filter((o) => o.caseId === input.caseId)).toEqual([]);
  expect(calls.rendered.find((r) => r.caseId === input.caseId)!.report).toMatchObject({ mode: 'exercise', scenario: { id: 'infrastructure_failure' } });
  const timeline = calls.rendered.find((r) => r.caseId === input.caseId)!.report.timeline;
  expect(timeline[0]!.what.id).toMatch(/^Uji coba DRP: /);
  expect((await handle.result()).state).toBe('closed');
});

test('a scenario handled as an incident hands over: declaring it is refused and a Mayor incident is opened', async () => {
  const { input, handle } = await start({ scenario: 'access_failure', services: [services.perizinan] });
  await act(handle, people.recovery, { action: 'record_assessment', step: 1, findings: 'Fasilitas normal' });
  await act(handle, people.recovery, { action: 'record_assessment', step: 2, findings: 'Perangkat normal' });
  await act(handle, people.recovery, { action: 'record_assessment', step: 3, findings: 'Bukan bencana: gangguan akses', criteriaMet: false });
  expect(await refusal(act(handle, people.head, { action: 'declare', decision: 'disaster', reasons: 'x' }))).toEqual({ code: 'scenario_calls_for_incident', scenario: 'access_failure' });
  const handed = await act(handle, people.recovery, { action: 'hand_to_incident', reason: 'Tabel 4.3: Kegagalan Akses Layanan ditangani sebagai gangguan' });
  expect(handed.snapshot).toMatchObject({ state: 'handed_to_incident', data: { handover: { incident: { number: `INC-TEST-${input.number}` } } } });
  const child = ts.env.client.workflow.getHandle(`incident:serang:INC-TEST-${input.number}`);
  await eventually(async () => expect((await child.describe()).status.name).toBe('RUNNING'));
  expect((await handle.result()).state).toBe('handed_to_incident');
  await eventually(() => expect(mails(input.caseId, 'disaster-handed-to-incident')).toHaveLength(1));
});

test('a disaster reported from an incident hands back to that incident without opening another', async () => {
  const { input, handle } = await start({ scenario: 'intranet_failure', origin: { type: 'incident', caseId: 'inc-1', number: 'INC-2026-000042' } });
  expect((await refusal(act(handle, people.tech, { action: 'hand_to_incident', reason: 'x' }))).code).toBe('missing_role');
  const handed = await act(handle, people.coordinator, { action: 'hand_to_incident', reason: 'Gangguan Jaringan Intra Pemerintahan' });
  expect(handed.snapshot.data.handover).toMatchObject({ incident: { caseId: 'inc-1', number: 'INC-2026-000042' } });
  expect(events(input.caseId, 'hand_to_incident')[0]!.payload).toMatchObject({ incident: { caseId: 'inc-1', number: 'INC-2026-000042' } });
  expect((await handle.result()).state).toBe('handed_to_incident');
});
