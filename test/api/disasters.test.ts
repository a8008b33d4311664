// Disaster recovery over HTTP, on a real Temporal dev server and PostgreSQL (serang BAB IV C.3,
// Tabel 4.3–4.4): the whole declaration path with the right people — three assessments by eselon III
// (Koordinator Pemulihan / Koordinator Layanan), the declaration by the Kepala Dinas (eselon II), RTO
// clocks from the declaration, DRC activation, recovery of each service, normalisation and the
// evaluation whose Formulir G is fetched; the wrong people get 403; bad input gets a clear 4xx and
// changes nothing; a real disaster opens and closes downtime, an exercise writes none.
import { useTestSystem } from '../support/system.ts';
import { readUntil } from '../support/eventually.ts';

const system = useTestSystem();
const post = (who: string, path: string, body: unknown, headers: Record<string, string> = {}) => system().call(who, 'POST', `/api/v1${path}`, body, headers);
const get = (who: string, path: string, headers: Record<string, string> = {}) => system().call(who, 'GET', `/api/v1${path}`, undefined, headers);
const act = (who: string, id: string, action: string, body: unknown) => post(who, `/cases/${id}/actions/${action}`, body);
const sql = <T>(q: string, params: unknown[] = []) => system().orm.em.fork().execute<T[]>(q, params);
const count = async (q: string, params: unknown[] = []) => Number((await sql<{ n: string }>(q, params))[0]!.n);
const written = async () => ({
  disasters: await count(`select count(*) as n from sigap_case where case_type = 'disaster'`),
  submissions: await count(`select count(*) as n from submission where kind = 'disaster'`),
});
const events = (id: string) => count('select count(*) as n from case_event where case_id = ?', [id]);
const downtime = (id: string) => sql<{ service_code: string; starts_at: Date; ends_at: Date | null }>(
  `select service_code, starts_at, ends_at from downtime where source = 'disaster' and source_ref = ? order by service_code`, [id]);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (t: number) => new Date(t).toISOString();
const disaster = (extra: Record<string, unknown> = {}) => ({
  title: 'Ruang server Pusat Data tergenang banjir', description: 'Air masuk ke ruang server sejak pukul 03.00; UPS padam.',
  services: ['SIMPEG', 'WEBSITE'], scenario: 'physical_damage', ...extra,
});

beforeAll(async () => {
  // Formulir C of the two services (helper C's PUT /continuity-plans writes the same rows).
  for (const [service, rto, rpo] of [['SIMPEG', DAY, 4 * HOUR], ['WEBSITE', DAY, HOUR]] as const) {
    await sql(
      `insert into continuity_plan (tenant_id, service_code, availability_target_bp, operating_schedule, rto_ms, rpo_ms, updated_by)
       values ('serang', ?, 9500, '24x7', ?, ?, 'admin') on conflict (tenant_id, service_code) do update set rto_ms = excluded.rto_ms, rpo_ms = excluded.rpo_ms`,
      [service, rto, rpo]);
  }
  await sql(`insert into backup_report (id, tenant_id, service_code, backup_at, reported_by, source) values (gen_random_uuid(), 'serang', 'SIMPEG', ?, 'teknis', 'manual')`,
    [iso(Date.now() - 2 * HOUR)]);
});

/** The three assessment/analysis steps of serang Tabel 4.4 by the eselon III coordinators. */
async function assess(id: string) {
  expect((await act('pemulihan', id, 'record_assessment', { step: 1, findings: 'Listrik dan pendingin padam; genangan 30 cm' })).status).toBe(200);
  expect((await act('koordinator', id, 'record_assessment', { step: 2, findings: 'Storage dan dua server rusak' })).status).toBe(200);
  expect((await act('pemulihan', id, 'record_assessment', { step: 3, findings: 'Pemulihan lebih dari 3 hari: kriteria bencana terpenuhi', criteriaMet: true })).status).toBe(200);
}

test('bad disaster starts get a clear 4xx and write nothing', async () => {
  const before = await written();
  const expectProblem = async (who: string, body: unknown, status: number, code: string, headers: Record<string, string> = {}) => {
    const res = await post(who, '/disasters', body, headers);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    return res;
  };
  await expectProblem('pemohon', disaster(), 403, 'missing_role');
  const unknown = await expectProblem('pemulihan', disaster({ services: ['SIMPEG', 'TIDAK-ADA'] }), 422, 'unknown_service');
  expect(unknown.body.detail).toContain('TIDAK-ADA');
  const future = await expectProblem('pemulihan', disaster({ occurredAt: iso(Date.now() + HOUR) }), 422, 'disaster_occurred_in_future');
  expect(future.body.detail).toMatch(/masa depan/);
  expect((await post('pemulihan', '/disasters', disaster({ occurredAt: iso(Date.now() + HOUR) }), { 'accept-language': 'en' })).body.detail).toMatch(/in the future/);
  await expectProblem('pemulihan', disaster({ scenario: 'gempa_bumi' }), 422, 'unknown_disaster_scenario');
  await expectProblem('pemulihan', disaster({ origin: { type: 'incident', id: 'INC-1999-000001' } }), 422, 'unknown_origin');
  await expectProblem('pemulihan', disaster({ services: [] }), 400, 'validation_failed');
  await expectProblem('pemulihan', disaster({ mode: 'latihan' }), 400, 'validation_failed');
  await expectProblem('pemulihan', disaster({ occurredAt: 'kemarin' }), 400, 'validation_failed');
  await expectProblem('pemulihan', disaster({ extra: true }), 400, 'validation_failed');
  // dpr's regulation has no disaster section.
  const dpr = await expectProblem('admin', disaster({ services: ['PORTAL-DPR'] }), 422, 'disaster_not_configured', { 'x-test-tenant': 'dpr' });
  expect(dpr.body.detail).toContain('dpr');
  expect(await written()).toEqual(before);
});

test('the declaration path in serang: assessments by eselon III, declaration by eselon II, RTO clocks, recovery, normalisation and Formulir G', async () => {
  const occurredAt = iso(Date.now() - HOUR);
  const created = await post('pemulihan', '/disasters', disaster({ occurredAt }), { 'Idempotency-Key': 'bcn-1' });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect(created.body).toMatchObject({
    type: 'disaster', number: expect.stringMatching(/^BCN-\d{4}-\d{6}$/), state: 'assessing', service: 'SIMPEG', requester: 'pemulihan',
    data: {
      mode: 'real', occurredAt, scenario: { id: 'physical_damage' }, declaredAt: null,
      services: [
        { code: 'SIMPEG', rtoMs: DAY, rpoMs: 4 * HOUR, drp: null },
        { code: 'WEBSITE', rtoMs: DAY, rpoMs: HOUR, drp: null },
      ],
      missingAssessments: [1, 2, 3],
    },
  });
  const again = await post('pemulihan', '/disasters', disaster({ occurredAt }), { 'Idempotency-Key': 'bcn-1' });
  expect({ status: again.status, id: again.body.id, replayed: again.headers.get('idempotent-replayed') }).toEqual({ status: 201, id, replayed: 'true' });
  await system().started(id);

  // Wrong people and premature steps: 403/409/422 and nothing recorded.
  const before = await events(id);
  expect(await act('teknis', id, 'record_assessment', { step: 1, findings: 'x' })).toMatchObject({ status: 403, body: { code: 'missing_role' } });
  expect(await act('kadis', id, 'declare', { decision: 'disaster', reasons: 'Banjir' })).toMatchObject({ status: 409, body: { code: 'assessments_incomplete', missing: [1, 2, 3] } });
  expect(await act('pemulihan', id, 'record_assessment', { step: 3, findings: 'Belum jelas' })).toMatchObject({ status: 422, body: { code: 'criteria_verdict_required' } });
  expect(await act('pemulihan', id, 'record_assessment', { step: 9, findings: 'x' })).toMatchObject({ status: 422, body: { code: 'unknown_disaster_step' } });
  expect(await act('pemulihan', id, 'activate_drc', { note: 'terlalu dini' })).toMatchObject({ status: 409, body: { code: 'not_waiting_for_action' } });
  expect(await act('pemulihan', id, 'record_assessment', { step: 1 })).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
  expect(await events(id)).toBe(before);

  await assess(id);
  // The recovery coordinator (eselon III) neither holds the declaration roles nor their eselon.
  const low = await act('pemulihan', id, 'declare', { decision: 'disaster', reasons: 'Banjir' });
  expect(low.status).toBe(403);
  expect(['missing_role', 'eselon_too_low']).toContain(low.body.code);
  const declared = await act('kadis', id, 'declare', { decision: 'disaster', reasons: 'Pusat Data tidak dapat beroperasi lebih dari 3 hari' });
  expect(declared.status).toBe(200);
  const declaredAt = Date.parse(declared.body.data.declaredAt);
  expect(declared.body).toMatchObject({
    state: 'declared',
    data: { declaration: { decision: 'disaster', by: 'kadis' }, measuredFrom: 'declaration', baseAt: declared.body.data.declaredAt },
    dueAt: iso(declaredAt + DAY),
  });
  // serang C.3.6: RTO counts from the declaration; one calendar clock per service.
  expect(declared.body.sla).toHaveLength(2);
  expect(declared.body.data.services[0].rto).toMatchObject({ targetMs: DAY, deadline: iso(declaredAt + DAY) });
  // The downtime of a real disaster opens at the declaration, one row per service.
  const opened = await readUntil(() => downtime(id), (rows) => rows.length === 2);
  expect(opened.map((r) => [r.service_code, r.ends_at])).toEqual([['SIMPEG', null], ['WEBSITE', null]]);
  // RPO: SIMPEG's backup 2 h before (within 4 h); WEBSITE has none yet.
  const withBackup = await readUntil(() => get('pemulihan', `/cases/${id}`), (r) => r.body.data.services[0].lastGoodBackup !== null);
  expect(withBackup.body.data.services[0].rpo).toMatchObject({ targetMs: 4 * HOUR, met: true });
  expect(withBackup.body.data.services[1].rpo).toMatchObject({ dataLossMs: null, met: null });

  expect(await act('teknis', id, 'activate_drc', { note: 'DRC aktif' })).toMatchObject({ status: 403, body: { code: 'missing_role' } });
  expect((await act('pemulihan', id, 'activate_drc', { note: 'DRC di Pusat Data cadangan diaktifkan' })).body.state).toBe('recovering');
  const notAffected = await act('pemulihan', id, 'confirm_recovery', { service: 'EMAIL-DINAS', note: 'x' });
  expect(notAffected).toMatchObject({ status: 422, body: { code: 'service_not_affected' } });
  expect(notAffected.body.detail).toContain('EMAIL-DINAS');
  expect(await act('pemulihan', id, 'confirm_recovery', { service: 'SIMPEG', recoveredAt: iso(Date.now() + HOUR), note: 'x' }))
    .toMatchObject({ status: 422, body: { code: 'recovered_at_out_of_range' } });
  expect((await act('teknis', id, 'confirm_recovery', { service: 'SIMPEG', note: 'SIMPEG berjalan di DRC' })).status).toBe(200);
  expect(await act('teknis', id, 'confirm_recovery', { service: 'SIMPEG', note: 'lagi' })).toMatchObject({ status: 409, body: { code: 'service_already_recovered' } });
  expect(await act('pemulihan', id, 'normalise', { note: 'x' })).toMatchObject({ status: 409, body: { code: 'recovery_incomplete', services: ['WEBSITE'] } });
  expect((await act('pemulihan', id, 'report_backup', { service: 'WEBSITE', lastGoodBackupAt: iso(declaredAt - 30 * 60_000) })).status).toBe(200);
  expect((await act('pemulihan', id, 'confirm_recovery', { service: 'WEBSITE', note: 'Website berjalan di DRC' })).status).toBe(200);
  const ended = await readUntil(() => downtime(id), (rows) => rows.every((r) => r.ends_at !== null));
  expect(ended.every((r) => r.ends_at !== null)).toBe(true);

  const normalised = await act('pemulihan', id, 'normalise', { note: 'Kembali ke Pusat Data primer' });
  expect(normalised.body).toMatchObject({ state: 'normalised', data: { services: [{ rto: { met: true } }, { rto: { met: true }, rpo: { met: true } }] } });
  expect(await get('pemulihan', `/disasters/${id}/evaluation`)).toMatchObject({ status: 404, body: { code: 'drp_evaluation_not_ready' } });
  expect(await act('teknis', id, 'evaluate', { obstacles: 'x', improvements: [] })).toMatchObject({ status: 403, body: { code: 'missing_role' } });
  const closed = await act('pemulihan', id, 'evaluate', {
    causes: [], obstacles: 'Akses gedung ditutup 6 jam', improvements: ['Replikasi harian ke DRC', 'Uji pemulihan cadangan tiap bulan'],
  });
  expect(closed.body.state).toBe('closed');

  const doc = await readUntil(() => get('penyedia', `/disasters/${id}/evaluation`), (r) => r.status === 200);
  expect(doc.status).toBe(200);
  expect(doc.headers.get('content-type')).toContain('text/html');
  expect(doc.body).toContain('Laporan Evaluasi DRP');
  expect(doc.body).toContain(created.body.number);
  expect(doc.body).toContain('Replikasi harian ke DRC');
  expect(doc.body).toContain('2 dari 2 layanan mencapai target RTO');
  expect(await get('pemohon', `/disasters/${id}/evaluation`)).toMatchObject({ status: 404 });

  const list = await get('koordinator', '/disasters?mode=real&state=closed');
  expect(list.body.items.map((c: { id: string }) => c.id)).toContain(id);
  expect((await get('koordinator', '/disasters?mode=exercise')).body.items.map((c: { id: string }) => c.id)).not.toContain(id);
}, 120_000);

test('a DRP exercise runs the same steps and records no downtime', async () => {
  const created = await post('pemulihan', '/disasters', disaster({ title: 'Uji coba DRP SIMPEG', services: ['SIMPEG'], mode: 'exercise' }));
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect(created.body.data.mode).toBe('exercise');
  await system().started(id);
  await assess(id);
  expect((await act('penyedia', id, 'declare', { decision: 'disaster', reasons: 'Uji coba tahunan (C.3.5)' })).body.state).toBe('declared');
  expect((await act('pemulihan', id, 'activate_drc', { note: 'DRC diaktifkan untuk uji coba' })).body.state).toBe('recovering');
  expect((await act('teknis', id, 'confirm_recovery', { service: 'SIMPEG', note: 'Pulih di DRC' })).status).toBe(200);
  expect((await act('pemulihan', id, 'normalise', { note: 'Kembali' })).body.state).toBe('normalised');
  expect(await downtime(id)).toEqual([]);
  expect((await get('koordinator', '/disasters?mode=exercise')).body.items.map((c: { id: string }) => c.id)).toContain(id);
}, 90_000);

test('a missed RTO needs its cause in the evaluation (422 cause_required), and Formulir G reports it', async () => {
  // A deliberately tiny RTO (1 s) so the deadline passes during the test.
  await sql(`insert into continuity_plan (tenant_id, service_code, operating_schedule, rto_ms, rpo_ms, updated_by) values ('serang', 'PERIZINAN-ONLINE', '24x7', 1000, 60000, 'admin')
    on conflict (tenant_id, service_code) do update set rto_ms = 1000, rpo_ms = 60000`);
  const created = await post('pemulihan', '/disasters', disaster({ services: ['PERIZINAN-ONLINE'] }));
  const id = created.body.id as string;
  await system().started(id);
  await assess(id);
  expect((await act('kadis', id, 'declare', { decision: 'disaster', reasons: 'Banjir' })).body.state).toBe('declared');
  const missed = await readUntil(() => get('pemulihan', `/cases/${id}`), (r) => r.body.breached === true);
  expect(missed.body).toMatchObject({ breached: true, data: { services: [{ rto: { met: false } }] } });
  expect((await act('pemulihan', id, 'activate_drc', { note: 'DRC aktif' })).status).toBe(200);
  expect((await act('teknis', id, 'confirm_recovery', { service: 'PERIZINAN-ONLINE', note: 'Pulih' })).status).toBe(200);
  expect((await act('pemulihan', id, 'normalise', { note: 'Kembali' })).body.state).toBe('normalised');
  const before = await events(id);
  const refused = await act('pemulihan', id, 'evaluate', { causes: [], obstacles: 'Suku cadang terlambat', improvements: ['Stok suku cadang'] });
  expect(refused).toMatchObject({ status: 422, body: { code: 'cause_required', services: ['PERIZINAN-ONLINE'] } });
  expect(refused.body.detail).toContain('PERIZINAN-ONLINE');
  expect(await act('pemulihan', id, 'evaluate', { causes: [{ service: 'SIMPEG', cause: 'x' }], obstacles: 'x', improvements: [] }))
    .toMatchObject({ status: 422, body: { code: 'service_not_affected' } });
  expect(await events(id)).toBe(before);
  const closed = await act('pemulihan', id, 'evaluate', {
    causes: [{ service: 'PERIZINAN-ONLINE', cause: 'Basis data harus dipulihkan dari pita' }], obstacles: 'Suku cadang terlambat', improvements: ['Stok suku cadang'],
  });
  expect(closed.body.state).toBe('closed');
  const doc = await readUntil(() => get('penyedia', `/disasters/${id}/evaluation`), (r) => r.status === 200);
  expect(doc.body).toContain('Tidak tercapai');
  expect(doc.body).toContain('Basis data harus dipulihkan dari pita');
  expect(doc.body).toContain('0 dari 1 layanan mencapai target RTO');
}, 90_000);

test('from an incident: linked both ways; a scenario handled as an incident cannot be declared and is handed over', async () => {
  const incident = await post('pengelola', '/incidents', {
    service: 'WEBSITE', category: 'Website tidak dapat diakses', symptoms: 'Galat 503', impact: 'mayor', reporter: 'pemohon', configurationItems: [],
  });
  expect(incident.status).toBe(201);
  const created = await post('teknis', '/disasters', disaster({ services: ['WEBSITE'], scenario: 'access_failure', origin: { type: 'incident', id: incident.body.number } }));
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect(created.body).toMatchObject({ links: [{ type: 'incident', id: incident.body.id, relation: 'origin' }], data: { origin: { type: 'incident', number: incident.body.number } } });
  expect((await get('pengelola', `/cases/${incident.body.id}`)).body.links).toContainEqual({ type: 'disaster', id, number: created.body.number, relation: 'disaster' });
  await system().started(id);
  await assess(id);
  const before = await events(id);
  expect(await act('kadis', id, 'declare', { decision: 'disaster', reasons: 'x' })).toMatchObject({ status: 409, body: { code: 'scenario_calls_for_incident' } });
  expect(await events(id)).toBe(before);
  const handed = await act('pemulihan', id, 'hand_to_incident', { reason: 'Tidak ada kehilangan data (Tabel 4.3)' });
  expect(handed.body.state).toBe('handed_to_incident');
}, 90_000);

test('an integration (API key with cases:act) starts a disaster from a monitoring alert', async () => {
  const key = await system().call('admin', 'POST', '/api/v1/api-keys', { name: 'Pemantauan Pusat Data', scopes: ['cases:act', 'cases:read'] });
  expect(key.status).toBe(201);
  const created = await system().call(null, 'POST', '/api/v1/disasters', disaster({
    services: ['EMAIL-DINAS'], scenario: undefined, origin: { type: 'alert', source: 'prometheus', fingerprint: 'abc123', alertName: 'DatacenterPowerLost' },
  }), { 'x-api-key': key.body.key });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    state: 'assessing', requester: `apikey:${key.body.id}`,
    data: { scenario: null, origin: { type: 'alert', alertName: 'DatacenterPowerLost' }, services: [{ code: 'EMAIL-DINAS', rtoMs: null, rpoMs: null }] },
  });
  await system().started(created.body.id);
  // The backup system reports the last good backup of an affected service (RPO).
  const backupAt = iso(Date.now() - 3 * HOUR);
  const reported = await system().call(null, 'POST', `/api/v1/cases/${created.body.id}/actions/report_backup`, { service: 'EMAIL-DINAS', lastGoodBackupAt: backupAt }, { 'x-api-key': key.body.key });
  expect(reported.status).toBe(200);
  expect(reported.body.data.services[0].lastGoodBackup).toMatchObject({ at: backupAt, source: 'integration' });
  expect(await system().call(null, 'POST', `/api/v1/cases/${created.body.id}/actions/report_backup`, { service: 'EMAIL-DINAS', lastGoodBackupAt: iso(Date.now() + HOUR) }, { 'x-api-key': key.body.key }))
    .toMatchObject({ status: 422, body: { code: 'backup_in_future' } });

  const doc = await system().call(null, 'GET', '/api/v1/openapi.json');
  for (const p of ['/disasters', '/disasters/{id}/evaluation']) expect(doc.body.paths).toHaveProperty([p]);
}, 60_000);
