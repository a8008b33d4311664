// Incident handling over HTTP on a real Temporal dev server and PostgreSQL.
import { useTestSystem } from '../support/system.ts';

const system = useTestSystem();
const report = (who: string, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  system().call(who, 'POST', '/api/v1/incidents', { service: 'PERIZINAN-ONLINE', category: 'Aplikasi tidak dapat diakses', symptoms: 'Galat 502 di halaman login.', impact: 'mayor', ...body }, headers);
const act = (who: string, id: string, action: string, body: unknown) => system().call(who, 'POST', `/api/v1/cases/${id}/actions/${action}`, body);
const countIncidents = async () => Number((await system().orm.em.fork().execute<Array<{ n: string }>>(`select count(*) as n from sigap_case where case_type = 'incident'`))[0]!.n);

test('services carry the classification the profile derives (serang Tabel 4.1); only administrators register them', async () => {
  const list = await system().call('pengelola', 'GET', '/api/v1/services');
  expect(list.body.items.find((s: { code: string }) => s.code === 'PERIZINAN-ONLINE')).toMatchObject({ classification: 'kritis', nature: 'publik' });
  const body = { name: { id: 'Aplikasi Pajak Daerah', en: 'Regional tax' }, nature: 'publik', basis: 'khusus', scope: 'regional', configurationItems: ['VM-PAJAK-01'] };
  expect((await system().call('pengelola', 'PUT', '/api/v1/services/PAJAK', body)).status).toBe(403);
  expect((await system().call('admin', 'PUT', '/api/v1/services/PAJAK', { ...body, classification: 'kritis' })).body.code).toBe('classification_conflict');
  expect((await system().call('admin', 'PUT', '/api/v1/services/PAJAK', { ...body, basis: null, scope: null })).body.code).toBe('classification_required');
  const created = await system().call('admin', 'PUT', '/api/v1/services/PAJAK', body);
  expect(created).toMatchObject({ status: 201, body: { classification: 'esensial' } });
});

test('bad reports get a clear 4xx and create no case', async () => {
  const before = await countIncidents();
  expect((await report('pemohon', { service: 'TIDAK-ADA' })).body.code).toBe('unknown_service');
  const badImpact = await report('pemohon', { impact: 'besar' });
  expect(badImpact).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
  expect(badImpact.body.errors[0].path).toBe('body.impact');
  expect((await report('pemohon', { configurationItems: ['VM-LAIN'] })).body.code).toBe('unknown_configuration_item');
  expect((await report('pemohon', { reporter: 'pemohon2' })).status).toBe(403); // only the service desk reports for someone else
  expect(await countIncidents()).toBe(before);
});

test('an incident goes from report to closure: response, escalation, estimate, resolution, confirmation', async () => {
  const reported = await report('pemohon', { configurationItems: ['VM-PERIZINAN-01'], channel: 'phone' });
  expect(reported.status).toBe(201);
  const id = reported.body.id as string;
  expect(reported.body).toMatchObject({ type: 'incident', number: expect.stringMatching(/^INC-\d{4}-\d{6}$/), priority: 'P1', state: 'reported' });
  expect(reported.body.sla.map((c: { id: string; targetMs: number }) => [c.id, c.targetMs])).toEqual([['response', 15 * 60_000], ['resolution', 12 * 3_600_000]]);
  expect(reported.body.waitingFor[0]).toMatchObject({ action: 'respond', from: { roles: [{ id: 'service_desk' }] } });

  const before = (await system().started(id)).length;
  expect((await act('teknis', id, 'respond', { note: 'x' }))).toMatchObject({ status: 403, body: { code: 'missing_role' } });
  expect((await act('pengelola', id, 'resolve', { resolution: 'x' }))).toMatchObject({ status: 409, body: { code: 'not_waiting_for_action' } });
  expect((await act('pengelola', id, 'respond', {})).status).toBe(400);
  expect((await system().call('pengelola', 'GET', `/api/v1/cases/${id}/timeline`)).body.events.length).toBe(before);

  const responded = await act('pengelola', id, 'respond', { note: 'Laporan diterima, sedang diperiksa.' });
  expect(responded.body).toMatchObject({ state: 'handling_desk' });
  expect(responded.body.sla[0]).toMatchObject({ id: 'response', stopped: true, met: true });
  expect((await act('pengelola', id, 'escalate', { note: 'Perlu Pengelola Teknis.' })).body.state).toBe('handling_technical');
  expect((await act('teknis', id, 'estimate', { hours: 2, note: 'Pemulihan layanan web.' })).status).toBe(200);
  expect((await act('teknis', id, 'resolve', { resolution: 'Layanan dijalankan ulang.', cause: 'Memori penuh' })).body.state).toBe('awaiting_confirmation');
  expect((await act('pemohon2', id, 'confirm', { satisfaction: 5 })).status).toBe(404); // not their incident
  const closed = await act('pemohon', id, 'confirm', { satisfaction: 5, suggestion: 'Cepat.' });
  expect(closed.body).toMatchObject({ state: 'closed', slaMet: true });
  expect(closed.body.data).toMatchObject({
    reporter: { username: 'pemohon' }, channel: 'phone', category: 'Aplikasi tidak dapat diakses', impact: 'mayor', priority: 'P1',
    configurationItems: ['VM-PERIZINAN-01'], cause: 'Memori penuh', satisfaction: 5, technicalHandler: { username: 'teknis' },
  });
  const events = (await system().call('pengelola', 'GET', `/api/v1/cases/${id}/timeline`)).body.events.map((e: { action: string }) => e.action);
  expect(events).toEqual(['submitted', 'started', 'respond', 'escalate', 'estimate', 'resolve', 'confirm']);
  expect((await act('pemohon', id, 'reopen', { reason: 'x' })).body.code).toBe('case_closed');
});

test('the same Idempotency-Key reports one incident', async () => {
  const a = await report('pengelola', { reporter: 'pemohon', channel: 'phone' }, { 'idempotency-key': 'telepon-0815' });
  const b = await report('pengelola', { reporter: 'pemohon', channel: 'phone' }, { 'idempotency-key': 'telepon-0815' });
  expect(b.body.id).toBe(a.body.id);
  expect(b.headers.get('idempotent-replayed')).toBe('true');
});

test('a request reclassified as an incident becomes one, linked both ways, with its own durable intake', async () => {
  const req = await system().call('pemohon', 'POST', '/api/v1/requests', { catalogueItem: 'AKUN-EMAIL', title: 'Tidak bisa login SIMPEG', description: 'Sejak pagi muncul galat.' });
  const classified = await act('pengelola', req.body.id, 'classify', {
    classification: 'incident', priority: 'high', incident: { service: 'SIMPEG', impact: 'mayor', category: 'Login gagal' },
  });
  expect(classified.body).toMatchObject({ state: 'reclassified', links: [{ type: 'incident', relation: 'reclassified_as' }] });
  const incidentId = classified.body.links[0].id as string;
  await system().started(incidentId);
  const inc = await system().call('pengelola', 'GET', `/api/v1/cases/${incidentId}`);
  // SIMPEG: administrasi × khusus × instansi → normal; mayor × administrasi × normal → P4 (serang Tabel 4.4).
  expect(inc.body).toMatchObject({ type: 'incident', state: 'reported', priority: 'P4', requester: 'pemohon', links: [{ type: 'request', id: req.body.id, relation: 'reclassified_from' }] });
  expect(inc.body.data.symptoms).toContain('Tidak bisa login SIMPEG');
  const [submission] = await system().orm.em.fork().execute<Array<{ status: string }>>('select status from submission where case_id = ?', [incidentId]);
  expect(submission).toBeDefined();
  expect((await act('pengelola', incidentId, 'respond', { note: 'Kami tangani sebagai gangguan.' })).body.state).toBe('handling_desk');
});

test('maintenance complaints need a profile that has them (yogyakarta Tabel 10–13; serang has none)', async () => {
  const before = await countIncidents();
  expect((await report('pemohon', { maintenance: { urgency: 1 } })).body.code).toBe('no_maintenance_support');
  expect((await report('pemohon', { maintenance: { urgency: 0 } })).status).toBe(400);
  expect(await countIncidents()).toBe(before);
});
