// Change management over HTTP, on a real Temporal dev server and PostgreSQL: bad RFCs get a clear
// 4xx and write nothing; a normal change shows its conflicts (blackout, other changes) before the
// approval, is refused at scheduling while a blackout covers its window and is scheduled after the
// initiator reschedules; segregation of duties answers 403; the standard-change catalogue; dpr's
// maintenance period after a handover; `highImpact` refused where the profile has no high-impact route.
import { useTestSystem } from '../support/system.ts';
import { readUntil } from '../support/eventually.ts';

const system = useTestSystem();
const post = (who: string, path: string, body: unknown, headers: Record<string, string> = {}) => system().call(who, 'POST', `/api/v1${path}`, body, headers);
const get = (who: string, path: string, headers: Record<string, string> = {}) => system().call(who, 'GET', `/api/v1${path}`, undefined, headers);
const act = (who: string, id: string, action: string, body: unknown) => post(who, `/cases/${id}/actions/${action}`, body);
const count = async (sql: string, params: unknown[] = []) => Number((await system().orm.em.fork().execute<Array<{ n: string }>>(sql, params))[0]!.n);
const written = async () => ({
  changes: await count(`select count(*) as n from sigap_case where case_type = 'change'`),
  submissions: await count(`select count(*) as n from submission where kind = 'change'`),
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(ms).toISOString();
/** A window `days` from now, `hours` long (whole hours, so windows of different tests never touch by accident). */
const windowIn = (days: number, hours = 2) => {
  const start = Math.ceil((Date.now() + days * DAY) / HOUR) * HOUR;
  return { start: at(start), end: at(start + hours * HOUR) };
};
const rfc = (extra: Record<string, unknown> = {}) => ({
  title: 'Pemutakhiran aplikasi Perizinan Online ke versi 2.4', reason: 'Perbaikan keamanan dari vendor', category: 'normal',
  services: ['PERIZINAN-ONLINE'], configurationItems: ['VM-PERIZINAN-01'], riskAnalysis: 'Layanan berhenti 30 menit; risiko rendah',
  implementationPlan: 'Pasang paket, uji login, pantau satu jam', window: windowIn(20), ...extra,
});

test('bad change requests get a clear 4xx and change nothing', async () => {
  const before = await written();
  const expectProblem = async (who: string, body: unknown, status: number, code: string) => {
    const res = await post(who, '/changes', body);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    return res;
  };
  await expectProblem('pemohon', rfc(), 403, 'missing_role');
  const notStandard = await expectProblem('teknis', rfc({ category: 'standard', standardChange: 'GANTI-SERVER' }), 422, 'unknown_standard_change');
  expect(notStandard.body.detail).toContain('GANTI-SERVER');
  expect(notStandard.body.title).toBe('Bukan perubahan standar');
  await expectProblem('teknis', rfc({ category: 'standard' }), 422, 'standard_change_required');
  await expectProblem('teknis', rfc({ standardChange: 'RESTART-APP' }), 422, 'standard_change_not_allowed');
  await expectProblem('teknis', rfc({ category: 'emergency', reason: undefined, window: undefined }), 422, 'emergency_reason_required');
  const past = await expectProblem('teknis', rfc({ window: { start: at(Date.now() - DAY), end: at(Date.now() - DAY + HOUR) } }), 422, 'change_window_in_past');
  expect(past.body.detail).toMatch(/masa depan/);
  const english = await post('teknis', '/changes', rfc({ window: { start: at(Date.now() - DAY), end: at(Date.now() - DAY + HOUR) } }), { 'accept-language': 'en' });
  expect(english.body.detail).toMatch(/in the past/);
  const w = windowIn(5);
  await expectProblem('teknis', rfc({ window: { start: w.end, end: w.start } }), 422, 'change_window_invalid');
  await expectProblem('teknis', rfc({ window: undefined }), 422, 'change_window_required');
  await expectProblem('teknis', rfc({ services: ['TIDAK-ADA'] }), 422, 'unknown_service');
  await expectProblem('teknis', rfc({ configurationItems: ['DB-SIMPEG'] }), 422, 'unknown_configuration_item');
  await expectProblem('teknis', rfc({ origin: { type: 'incident', id: 'INC-1999-000001' } }), 422, 'unknown_origin');
  await expectProblem('teknis', rfc({ riskAnalysis: undefined }), 400, 'validation_failed');
  await expectProblem('teknis', rfc({ category: 'sedang' }), 400, 'validation_failed');
  // serang has no high-impact route (only kemenkeu Lampiran II E.1.b.5 / E.2 has one): the flag is refused, for any category.
  const highImpact = await expectProblem('teknis', rfc({ highImpact: true }), 422, 'high_impact_not_supported');
  expect(highImpact.body.detail).toContain('serang');
  expect((await post('teknis', '/changes', rfc({ highImpact: true }), { 'accept-language': 'en' })).body.detail).toMatch(/no route for high-impact changes/);
  await expectProblem('teknis', rfc({ category: 'standard', standardChange: 'RESTART-APP', highImpact: true }), 422, 'high_impact_not_supported');
  await expectProblem('teknis', rfc({ highImpact: 'ya' }), 400, 'validation_failed');
  expect(await written()).toEqual(before);
});

test('a normal change shows its conflicts before approval, is refused at scheduling during a blackout, and is scheduled after rescheduling', async () => {
  const window = windowIn(30, 3);
  // A blackout on the service overlapping the window (administrator or service owner only).
  const blackoutBody = { service: 'PERIZINAN-ONLINE', start: at(Date.parse(window.start) - HOUR), end: at(Date.parse(window.start) + HOUR), reason: 'Masa pendaftaran perizinan' };
  expect((await post('teknis', '/change-blackouts', blackoutBody)).status).toBe(403);
  expect((await post('penyedia', '/change-blackouts', { ...blackoutBody, end: blackoutBody.start })).body.code).toBe('change_window_invalid');
  const blackout = await post('penyedia', '/change-blackouts', blackoutBody);
  expect(blackout.status).toBe(201);

  const created = await post('teknis', '/changes', rfc({ window }), { 'Idempotency-Key': 'rfc-normal-1' });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect(created.body).toMatchObject({
    type: 'change', number: expect.stringMatching(/^CHG-\d{4}-\d{6}$/), state: 'awaiting_approval', service: 'PERIZINAN-ONLINE',
    waitingFor: [{ action: 'decide', from: { roles: [{ id: 'service_owner' }] } }],
    data: {
      category: 'normal', services: ['PERIZINAN-ONLINE'], window: { start: window.start, end: window.end }, initiator: { username: 'teknis' },
      approval: { mode: 'before', outcome: null }, conflicts: [{ kind: 'blackout', reason: 'Masa pendaftaran perizinan' }], origin: null, releases: [],
    },
  });
  const again = await post('teknis', '/changes', rfc({ window }), { 'Idempotency-Key': 'rfc-normal-1' });
  expect({ status: again.status, id: again.body.id, replayed: again.headers.get('idempotent-replayed') }).toEqual({ status: 201, id, replayed: 'true' });
  await system().started(id);
  const live = await get('penyedia', `/changes/${id}/conflicts`);
  expect(live.body).toMatchObject({ caseId: id, conflicts: [{ kind: 'blackout', id: blackout.body.id }] });

  // Segregation of duties and roles: the technical team neither approves nor implements before the window.
  expect(await act('teknis', id, 'decide', { decision: 'approve' })).toMatchObject({ status: 403, body: { code: 'missing_role' } });
  const approved = await act('penyedia', id, 'decide', { decision: 'approve', note: 'Setuju' });
  expect(approved.status).toBe(200);
  // Refused at scheduling: the blackout still covers the window.
  const parked = await readUntil(() => get('teknis', `/cases/${id}`), (r) => r.body.state === 'window_conflict');
  expect(parked.body).toMatchObject({ state: 'window_conflict', waitingFor: [{ action: 'reschedule', from: { user: 'teknis' } }] });
  expect(await act('teknis2', id, 'reschedule', { window: windowIn(31) })).toMatchObject({ status: 403, body: { code: 'not_change_initiator' } });
  expect(await act('teknis', id, 'reschedule', { window: { start: at(Date.now() - HOUR), end: at(Date.now() + HOUR) } })).toMatchObject({ status: 422, body: { code: 'change_window_in_past' } });
  const newWindow = windowIn(32, 2);
  expect((await act('teknis', id, 'reschedule', { window: newWindow, reason: 'Setelah masa pendaftaran' })).status).toBe(200);
  const scheduled = await readUntil(() => get('teknis', `/cases/${id}`), (r) => r.body.state === 'scheduled');
  expect(scheduled.body).toMatchObject({ state: 'scheduled', dueAt: newWindow.start, data: { window: newWindow, reservation: { window: newWindow } } });
  expect(await count('select count(*) as n from change_window where case_id = ?', [id])).toBe(1);

  // Another change on the same service overlapping the reserved window: shown at intake.
  const second = await post('koordinator', '/changes', rfc({ title: 'Migrasi basis data Perizinan', configurationItems: [], window: { start: newWindow.start, end: at(Date.parse(newWindow.end) + HOUR) } }));
  expect(second.status).toBe(201);
  expect(second.body.data.conflicts).toEqual([expect.objectContaining({ kind: 'change', caseId: id, number: created.body.number, services: ['PERIZINAN-ONLINE'] })]);
  expect((await get('penyedia', `/changes/${second.body.id}/conflicts`)).body.conflicts).toHaveLength(1);

  expect((await system().call('penyedia', 'DELETE', `/api/v1/change-blackouts/${blackout.body.id}`)).status).toBe(200);
  expect((await system().call('penyedia', 'DELETE', `/api/v1/change-blackouts/${blackout.body.id}`)).status).toBe(404);
  const cancelled = await act('teknis', id, 'cancel', { reason: 'Vendor menunda paket' });
  expect(cancelled.body.state).toBe('cancelled');
  await readUntil(() => count('select count(*) as n from change_window where case_id = ?', [id]), (n) => n === 0);
  const timeline = (await get('penyedia', `/cases/${id}/timeline`)).body.events.map((e: { action: string }) => e.action);
  expect(timeline).toEqual(['submitted', 'started', 'decide', 'window_conflict', 'reschedule', 'window_reserved', 'cancel']);
});

test('the initiator may not approve their own change (403) and an emergency change runs at once, linked to its incident', async () => {
  const own = await post('penyedia', '/changes', rfc({ title: 'Perubahan konfigurasi oleh Penyedia Layanan', window: windowIn(40) }));
  expect(own.status).toBe(201);
  await system().started(own.body.id);
  const refused = await act('penyedia', own.body.id, 'decide', { decision: 'approve' });
  expect(refused).toMatchObject({ status: 403, body: { code: 'segregation_of_duties_change', duty: 'approve', conflictsWith: 'initiate', relaxable: false } });
  expect(refused.body.detail).toContain('menyetujui');
  expect((await get('penyedia', `/cases/${own.body.id}`)).body.state).toBe('awaiting_approval');

  const incident = await post('pengelola', '/incidents', {
    service: 'PERIZINAN-ONLINE', category: 'Aplikasi tidak dapat diakses', symptoms: 'Galat 502', impact: 'mayor', reporter: 'pemohon', configurationItems: ['VM-PERIZINAN-01'],
  });
  expect(incident.status).toBe(201);
  const emergency = await post('teknis', '/changes', rfc({
    category: 'emergency', reason: 'Layanan tidak dapat diakses publik', window: { end: at(Date.now() + 2 * HOUR) }, origin: { type: 'incident', id: incident.body.number },
  }));
  expect(emergency.status).toBe(201);
  expect(emergency.body).toMatchObject({
    state: 'implementing', links: [{ type: 'incident', id: incident.body.id, relation: 'origin' }],
    data: { category: 'emergency', origin: { type: 'incident', number: incident.body.number }, retrospective: { status: 'pending' }, approval: { mode: 'after' } },
  });
  expect((await get('pengelola', `/cases/${incident.body.id}`)).body.links).toContainEqual({ type: 'change', id: emergency.body.id, number: emergency.body.number, relation: 'change' });
  await system().started(emergency.body.id);
  expect(await act('teknis', emergency.body.id, 'record_implementation', { outcome: 'succeeded', note: 'Sendiri' })).toMatchObject({ status: 403, body: { code: 'segregation_of_duties_change' } });
  expect((await act('teknis2', emergency.body.id, 'record_implementation', { outcome: 'succeeded', note: 'Layanan pulih' })).body.state).toBe('implemented');
  expect(await act('penyedia', emergency.body.id, 'review', { summary: 'x', successful: true })).toMatchObject({ status: 409, body: { code: 'retrospective_approval_pending' } });
  const decided = await post('penyedia', `/cases/${emergency.body.id}/decisions`, { decision: 'approve', comment: 'Disetujui setelah pelaksanaan' });
  expect(decided.body.data.retrospective.status).toBe('approved');
  expect((await act('penyedia', emergency.body.id, 'review', { summary: 'Pemulihan tepat', successful: true })).body.state).toBe('closed');
});

test('the standard-change catalogue: seeded entries, maintenance by the service owner, and standard changes scheduled without approval', async () => {
  const list = await get('teknis', '/standard-changes');
  expect(list.body.items.map((i: { code: string }) => i.code)).toEqual(['RESTART-APP', 'SSL-RENEW']);
  const entry = { title: { id: 'Penambahan kuota kotak surat', en: 'Mailbox quota increase' }, description: 'Menambah kuota kotak surat pegawai.', services: ['EMAIL-DINAS'], procedure: '1. Ubah kuota. 2. Uji kirim.' };
  expect((await system().call('teknis', 'PUT', '/api/v1/standard-changes/MAIL-QUOTA', entry)).status).toBe(403);
  expect((await system().call('admin', 'PUT', '/api/v1/standard-changes/MAIL-QUOTA', { ...entry, services: ['TIDAK-ADA'] })).body.code).toBe('unknown_service');
  expect((await system().call('admin', 'PUT', '/api/v1/standard-changes/MAIL-QUOTA', entry)).status).toBe(201);
  expect((await system().call('penyedia', 'PUT', '/api/v1/standard-changes/MAIL-QUOTA', { ...entry, active: false })).status).toBe(200);
  expect((await get('teknis', '/standard-changes/MAIL-QUOTA')).body.active).toBe(false);
  expect((await post('teknis', '/changes', rfc({ category: 'standard', standardChange: 'MAIL-QUOTA', services: ['EMAIL-DINAS'], configurationItems: [] }))).body.code).toBe('unknown_standard_change');
  expect((await post('teknis', '/changes', rfc({ category: 'standard', standardChange: 'SSL-RENEW', services: ['SIMPEG'], configurationItems: [] }))).body.code).toBe('standard_change_service_mismatch');

  const standard = await post('teknis', '/changes', rfc({ category: 'standard', standardChange: 'RESTART-APP', services: ['SIMPEG'], configurationItems: ['VM-SIMPEG-01'], window: windowIn(50) }));
  expect(standard.status).toBe(201);
  expect(standard.body.data.standardChange).toMatchObject({ code: 'RESTART-APP', title: 'Mulai ulang layanan aplikasi' });
  const scheduled = await readUntil(() => get('teknis', `/cases/${standard.body.id}`), (r) => r.body.state === 'scheduled');
  expect(scheduled.body).toMatchObject({ state: 'scheduled', data: { approval: { mode: 'none' } } });
});

test('dpr: a service handed over less than 3 months ago is in its maintenance period (422); the requester may submit a change after it', async () => {
  const dpr = { 'x-test-tenant': 'dpr' };
  const body = {
    title: 'Penambahan menu agenda sidang', reason: 'Permintaan pimpinan komisi', category: 'normal', kind: 'delivered_service', services: ['PORTAL-DPR'],
    riskAnalysis: 'Risiko rendah', implementationPlan: 'Pengembangan lalu rilis', window: windowIn(60),
  };
  const handedOver = (monthsAgo: number) => system().orm.em.fork().execute(
    `update service set handed_over_at = now() - (? * interval '1 month') where tenant_id = 'dpr' and code = 'PORTAL-DPR'`, [monthsAgo]);
  await handedOver(1);
  const before = await written();
  const refused = await post('pemohon', '/changes', body, dpr);
  expect(refused).toMatchObject({ status: 422, body: { code: 'service_in_maintenance_period' } });
  expect(refused.body.detail).toContain('PORTAL-DPR');
  expect(refused.body.detail).toContain('gangguan');
  expect(await written()).toEqual(before);
  expect((await post('pemohon', '/changes', { ...body, kind: undefined }, dpr)).body.code).toBe('change_kind_required');

  await handedOver(4);
  const accepted = await post('pemohon', '/changes', body, dpr);
  expect(accepted.status).toBe(201);
  expect(accepted.body).toMatchObject({ requester: 'pemohon', data: { kind: 'delivered_service', initiator: { username: 'pemohon', role: 'requester' } } });
  expect((await get('pemohon', `/cases/${accepted.body.id}`, dpr)).status).toBe(200);
});
