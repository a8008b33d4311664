// The holiday table and the catalogue over HTTP, and a holiday change reaching a running case.
import { useTestSystem } from '../support/system.ts';

const system = useTestSystem();

const item = (overrides: Record<string, unknown> = {}) => ({
  name: { id: 'Pemasangan aplikasi kantor', en: 'Office application installation' },
  description: { id: 'Instalasi aplikasi pada komputer kantor', en: 'Installing an application on an office computer' },
  group: 'Dukungan Perangkat Lunak',
  fulfilmentTarget: { ms: 3 * 3_600_000, basis: 'working' },
  requiresApproval: false,
  provider: 'Bidang Aptika Diskominfo', serviceDesk: 'Seksi Layanan', technicalTeam: 'Seksi Infrastruktur',
  accessInfo: 'https://layanan.serangkab.go.id', availabilityTarget: '95 %', helpContact: 'helpdesk@serangkab.go.id',
  helpHours: '07.30 – 16.00', availability: 'Hari kerja',
  ...overrides,
});

test('the calendar carries the 2026 national holidays and cuti bersama; only administrators change it, and bad lists change nothing', async () => {
  const cal = await system().call('pemohon', 'GET', '/api/v1/calendar');
  expect(cal).toMatchObject({ status: 200, body: { timezone: 'Asia/Jakarta' } });
  expect(cal.body.holidays).toEqual(expect.arrayContaining(['2026-03-20', '2026-03-21', '2026-03-22', '2026-03-23', '2026-03-24']));
  const y2026 = await system().call('pemohon', 'GET', '/api/v1/calendar/holidays?year=2026');
  expect(y2026.body.holidays.filter((h: { kind: string }) => h.kind === 'national')).toHaveLength(17);
  expect(y2026.body.holidays.filter((h: { kind: string }) => h.kind === 'cuti_bersama')).toHaveLength(8);
  const version = cal.body.version as number;

  const list = [{ date: '2027-01-01', kind: 'national', name: 'Tahun Baru 2027 Masehi' }];
  expect((await system().call('pengelola', 'PUT', '/api/v1/calendar/holidays?year=2027', { holidays: list })).status).toBe(403);
  const malformed = await system().call('admin', 'PUT', '/api/v1/calendar/holidays?year=2027', { holidays: [...list, { date: '2027-02-30', kind: 'national', name: 'x' }] });
  expect(malformed).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
  const twice = await system().call('admin', 'PUT', '/api/v1/calendar/holidays?year=2027', { holidays: [...list, { date: '2027-01-01', kind: 'agency', name: 'Hari jadi' }] });
  expect(twice).toMatchObject({ status: 400, body: { code: 'holiday_overlap' } });
  const outside = await system().call('admin', 'PUT', '/api/v1/calendar/holidays?year=2027', { holidays: [{ date: '2026-12-31', kind: 'agency', name: 'x' }] });
  expect(outside).toMatchObject({ status: 400, body: { code: 'holiday_outside_year' } });
  expect((await system().call('pemohon', 'GET', '/api/v1/calendar')).body.version).toBe(version);

  const ok = await system().call('admin', 'PUT', '/api/v1/calendar/holidays?year=2027', { holidays: [...list, { date: '2027-03-10', kind: 'agency', name: 'Hari Jadi Kabupaten' }] }, { 'if-match': `"${version}"` });
  expect(ok).toMatchObject({ status: 200, body: { version: version + 1 } });
  const stale = await system().call('admin', 'PUT', '/api/v1/calendar/holidays?year=2027', { holidays: list }, { 'if-match': `"${version}"` });
  expect(stale).toMatchObject({ status: 412, body: { code: 'calendar_version_stale' } });
});

test('administrators keep the catalogue (Formulir A); new requests use the new target', async () => {
  expect((await system().call('pengelola', 'PUT', '/api/v1/catalogue/PASANG-APP', item())).status).toBe(403);
  expect((await system().call('admin', 'PUT', '/api/v1/catalogue/PASANG-APP', item({ approverRole: 'raja' }))).body.code).toBe('unknown_role');
  expect((await system().call('admin', 'PUT', '/api/v1/catalogue/PASANG-APP', item({ requiredDocuments: ['surat_sakti'] }))).body.code).toBe('unknown_document_kind');
  expect((await system().call('admin', 'PUT', '/api/v1/catalogue/pasang app', item())).status).toBe(400);
  const created = await system().call('admin', 'PUT', '/api/v1/catalogue/PASANG-APP', item());
  expect(created).toMatchObject({ status: 201, body: { code: 'PASANG-APP', provider: 'Bidang Aptika Diskominfo', fulfilmentTarget: { basis: 'working' } } });
  const updated = await system().call('admin', 'PUT', '/api/v1/catalogue/PASANG-APP', item({ helpContact: '0254-123456' }));
  expect(updated).toMatchObject({ status: 200, body: { helpContact: '0254-123456' } });
  expect((await system().call('pemohon', 'GET', '/api/v1/catalogue')).body.items.map((i: { code: string }) => i.code)).toContain('PASANG-APP');

  const retired = await system().call('admin', 'DELETE', '/api/v1/catalogue/PASANG-APP');
  expect(retired.body.active).toBe(false);
  const refused = await system().call('pemohon', 'POST', '/api/v1/requests', { catalogueItem: 'PASANG-APP', title: 'Pasang aplikasi', description: 'x' });
  expect(refused.body.code).toBe('unknown_catalogue_item');
});

test('a holiday declared on the due date of a running working-time request moves its deadline', async () => {
  await system().call('admin', 'PUT', '/api/v1/catalogue/PASANG-JAM', item());
  const submitted = await system().call('pemohon', 'POST', '/api/v1/requests', { catalogueItem: 'PASANG-JAM', title: 'Pasang aplikasi arsip', description: 'Di ruang rapat.' });
  expect(submitted.status).toBe(201);
  const before = submitted.body.sla[0];
  expect(before).toMatchObject({ basis: 'working', targetMs: 3 * 3_600_000 });
  const dueDate = new Date(Date.parse(before.dueAt) + 7 * 3_600_000).toISOString().slice(0, 10); // local date in WIB
  const year = Number(dueDate.slice(0, 4));
  const current = (await system().call('admin', 'GET', `/api/v1/calendar/holidays?year=${year}`)).body.holidays;
  const put = await system().call('admin', 'PUT', `/api/v1/calendar/holidays?year=${year}`, { holidays: [...current, { date: dueDate, kind: 'agency', name: 'Libur daerah mendadak' }] });
  expect(put.status).toBe(200);

  let events: Array<{ action: string }> = [];
  for (let i = 0; i < 100 && !events.some((e) => e.action === 'calendar_changed'); i++) {
    await new Promise((r) => setTimeout(r, 100));
    events = (await system().call('pengelola', 'GET', `/api/v1/cases/${submitted.body.id}/timeline`)).body.events;
  }
  expect(events.map((e) => e.action)).toContain('calendar_changed');
  const after = (await system().call('pengelola', 'GET', `/api/v1/cases/${submitted.body.id}`)).body.sla[0];
  expect(Date.parse(after.dueAt)).toBeGreaterThan(Date.parse(before.dueAt));
  expect(new Date(Date.parse(after.dueAt) + 7 * 3_600_000).toISOString().slice(0, 10)).not.toBe(dueDate);
}, 60_000);

test('only administrators override the profile, and an override that breaks the schema changes nothing', async () => {
  const override = { name: { id: 'Kabupaten Serang (penyesuaian Diskominfo)', en: 'Serang Regency (Diskominfo adjustments)' } };
  expect((await system().call('pengelola', 'PUT', '/api/v1/profile/overrides', override)).status).toBe(403);
  const broken = await system().call('admin', 'PUT', '/api/v1/profile/overrides', { requestFulfilment: { escalationRole: 'nobody' } });
  expect(broken).toMatchObject({ status: 400, body: { code: 'profile_override_invalid' } });
  expect(broken.body.detail).toMatch(/requestFulfilment\.escalationRole/);
  expect((await system().call('pemohon', 'GET', '/api/v1/profile')).body.overrides).toEqual({});
  const ok = await system().call('admin', 'PUT', '/api/v1/profile/overrides', override);
  expect(ok).toMatchObject({ status: 200, body: { profileId: 'serang', effective: { name: override.name } } });
  expect((await system().call('pemohon', 'GET', '/api/v1/profiles')).body.items.find((p: { id: string }) => p.id === 'serang').activeForMyAgency).toBe(true);
  expect((await system().call('pemohon', 'GET', '/api/v1/profiles/serang')).body.roles.length).toBeGreaterThan(3);
  expect((await system().call('pemohon', 'GET', '/api/v1/profiles/atlantis')).status).toBe(404);
  await system().call('admin', 'PUT', '/api/v1/profile/overrides', {});
});

test('GET /profiles/{id}: a shipped profile, and 404 for a name every object inherits (found by the API fuzzer)', async () => {
  const serang = await system().call('kadis', 'GET', '/api/v1/profiles/serang');
  expect(serang.status).toBe(200);
  expect(serang.body.id).toBe('serang');
  for (const id of ['constructor', 'tostring', 'valueof', 'proto']) {
    expect((await system().call('kadis', 'GET', `/api/v1/profiles/${id}`)).status).toBe(404);
  }
  const list = await system().call('kadis', 'GET', '/api/v1/profiles');
  expect(list.status).toBe(200);
});
