// The setwapres application-maintenance SOP over HTTP: report, steps by their actors, branches.
import { useTestSystem } from '../support/system.ts';

const system = useTestSystem();
const sw = { 'x-test-tenant': 'setwapres' };
const step = (who: string, id: string, body: unknown) => system().call(who, 'POST', `/api/v1/cases/${id}/actions/complete_step`, body, sw);

test('a fault report runs the SOP: each step by its actor, branches chosen, closed by the report', async () => {
  const created = await system().call('pemohon', 'POST', '/api/v1/maintenance-reports', { service: 'Aplikasi Persuratan', description: 'Tidak dapat membuka surat masuk.' }, sw);
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect(created.body).toMatchObject({ type: 'maintenance', number: expect.stringMatching(/^PML-\d{4}-\d{6}$/), state: 'step:receive_report' });
  expect(created.body.sla[0]).toMatchObject({ targetMs: 7.5 * 3_600_000, basis: 'working' }); // 1 hari kerja
  const before = (await system().started(id)).length;

  expect((await step('teknis', id, { step: 'receive_report' })).status).toBe(403); // the service desk's step
  expect((await step('pengelola', id, { step: 'examine' })).status).toBe(409); // not the current step
  expect((await step('pengelola', id, { step: 'receive_report', next: 'x' })).status).toBe(422);
  expect((await step('pengelola', id, {})).status).toBe(400);
  expect((await system().call('pengelola', 'GET', `/api/v1/cases/${id}/timeline`, undefined, sw)).body.events.length).toBe(before);

  expect((await step('pengelola', id, { step: 'receive_report', note: 'Diterima.' })).body.state).toBe('step:examine');
  expect((await step('teknis', id, { step: 'examine' })).body.code).toBe('sop_branch_required');
  expect((await step('teknis', id, { step: 'examine', next: 'backup', note: 'Tidak ditemukan kerusakan.' })).body.state).toBe('step:backup');
  await step('teknis', id, { step: 'backup' });
  await step('teknis', id, { step: 'back_to_normal' });
  const done = await step('pengelola', id, { step: 'report', note: 'Laporan kepada Kepala Biro.' });
  expect(done.body).toMatchObject({ state: 'completed', waitingFor: [] });
  expect(done.body.data.steps.map((s: { step: string }) => s.step)).toEqual(['receive_report', 'examine', 'backup', 'back_to_normal', 'report']);
  expect((await step('pengelola', id, { step: 'report' })).body.code).toBe('case_closed');
});

test('an agency whose profile has no maintenance SOP cannot file such reports', async () => {
  const res = await system().call('pemohon', 'POST', '/api/v1/maintenance-reports', { service: 'Perizinan', description: 'x' });
  expect(res).toMatchObject({ status: 422, body: { code: 'no_maintenance_sop' } });
});
