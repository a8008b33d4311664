// Integrator API keys over HTTP, on a real Temporal dev server and PostgreSQL: scopes per process and per
// action (403 missing_scope naming the scope), the case list filtered to the processes a key may read,
// revocation, rotation with a grace period (the old key works until it ends, then 401), expiry, and bad input.
import { useTestSystem } from '../support/system.ts';

const system = useTestSystem();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(ms).toISOString();
const admin = (method: string, path: string, body?: unknown) => system().call('admin', method, `/api/v1${path}`, body);
const withKey = (key: string, method: string, path: string, body?: unknown) => system().call(null, method, `/api/v1${path}`, body, { 'x-api-key': key });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const count = async (table: string) => Number((await system().orm.em.fork().execute<Array<{ n: string }>>(`select count(*) as n from ${table}`))[0]!.n);

async function newKey(body: Record<string, unknown>): Promise<{ id: string; key: string; body: Record<string, any> }> {
  const res = await admin('POST', '/api-keys', { name: 'Integrasi uji', ...body });
  expect(res.status).toBe(201);
  return { id: res.body.id, key: res.body.key, body: res.body };
}
const incident = (extra: Record<string, unknown> = {}) => ({
  service: 'PERIZINAN-ONLINE', category: 'Aplikasi lambat', symptoms: 'Halaman memuat lebih dari 30 detik', impact: 'minor', reporter: 'pemohon', ...extra,
});
const windowIn = (days: number) => {
  const start = Math.ceil((Date.now() + days * DAY) / HOUR) * HOUR;
  return { start: at(start), end: at(start + 2 * HOUR) };
};
const rfc = (days: number) => ({
  title: 'Pemutakhiran aplikasi Perizinan Online', reason: 'Perbaikan keamanan', category: 'normal', services: ['PERIZINAN-ONLINE'],
  configurationItems: ['VM-PERIZINAN-01'], riskAnalysis: 'Risiko rendah', implementationPlan: 'Pasang paket, uji, pantau', window: windowIn(days),
});

test('a key scoped incidents:create reports incidents but may not open a change or read cases', async () => {
  const portal = await newKey({ scopes: ['incidents:create'] });
  const reported = await withKey(portal.key, 'POST', '/incidents', incident());
  expect(reported).toMatchObject({ status: 201, body: { type: 'incident', requester: 'pemohon' } });

  const before = await count('sigap_case');
  const change = await withKey(portal.key, 'POST', '/changes', rfc(10));
  expect([change.status, change.body.code, change.body.params]).toEqual([403, 'missing_scope', { scope: 'changes:create' }]);
  expect(change.body.detail).toBe('Kunci API ini tidak memiliki cakupan (scope) changes:create yang diperlukan untuk tindakan ini.');
  expect(await count('sigap_case')).toBe(before);
  expect(await withKey(portal.key, 'GET', `/cases/${reported.body.id}`)).toMatchObject({ status: 403, body: { code: 'missing_scope', params: { scope: 'cases:read' } } });
  expect(await withKey(portal.key, 'GET', '/cases')).toMatchObject({ status: 403, body: { code: 'missing_scope' } });
}, 60_000);

test('changes:act.decide may decide a change but not cancel it; it reads changes only', async () => {
  const created = await system().call('teknis', 'POST', '/api/v1/changes', rfc(20));
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  await system().started(id);
  const approver = await newKey({ name: 'Aplikasi persetujuan', scopes: ['changes:act.decide', 'changes:read'], roles: ['service_owner'] });

  expect((await withKey(approver.key, 'GET', `/cases/${id}`)).body.state).toBe('awaiting_approval');
  expect((await withKey(approver.key, 'GET', `/cases/${id}/timeline`)).status).toBe(200);
  const cancel = await withKey(approver.key, 'POST', `/cases/${id}/actions/cancel`, { reason: 'Tidak jadi' });
  expect([cancel.status, cancel.body.code, cancel.body.params]).toEqual([403, 'missing_scope', { scope: 'changes:act.cancel' }]);
  expect((await withKey(approver.key, 'GET', `/cases/${id}`)).body.state).toBe('awaiting_approval');

  const decided = await withKey(approver.key, 'POST', `/cases/${id}/decisions`, { decision: 'approve', comment: 'Disetujui lewat aplikasi persetujuan' });
  expect(decided.status).toBe(200);
  expect(decided.body.data.approval).toMatchObject({ outcome: 'approved' });
  const events = (await system().call('penyedia', 'GET', `/api/v1/cases/${id}/timeline`)).body.events as Array<{ action: string; actor: { username: string } }>;
  expect(events.find((e) => e.action === 'decide')?.actor.username).toBe(`apikey:${approver.id}`);

  // Another process is out of its reach, for reading and for acting.
  const other = await system().call('pengelola', 'POST', '/api/v1/incidents', incident());
  expect(await withKey(approver.key, 'GET', `/cases/${other.body.id}`)).toMatchObject({ status: 403, body: { params: { scope: 'incidents:read' } } });
  expect(await withKey(approver.key, 'GET', `/cases/${other.body.id}/timeline`)).toMatchObject({ status: 403, body: { params: { scope: 'incidents:read' } } });
  expect(await withKey(approver.key, 'POST', `/cases/${other.body.id}/actions/respond`, { note: 'Ditangani' }))
    .toMatchObject({ status: 403, body: { code: 'missing_scope', params: { scope: 'incidents:act.respond' } } });
}, 90_000);

test('the case list shows only the processes a key may read', async () => {
  await system().call('pengelola', 'POST', '/api/v1/incidents', incident());
  expect((await system().call('teknis', 'POST', '/api/v1/changes', rfc(30))).status).toBe(201);
  const all = (await system().call('penyedia', 'GET', '/api/v1/cases?pageSize=100')).body as { items: Array<{ type: string }>; total: number };
  const changes = all.items.filter((c) => c.type === 'change').length;
  expect(changes).toBeGreaterThan(0);
  expect(all.items.some((c) => c.type === 'incident')).toBe(true);

  const reader = await newKey({ scopes: ['changes:read'] });
  const listed = (await withKey(reader.key, 'GET', '/cases?pageSize=100')).body as { items: Array<{ type: string }>; total: number };
  expect([listed.total, new Set(listed.items.map((c) => c.type))]).toEqual([changes, new Set(['change'])]);
  expect((await withKey(reader.key, 'GET', '/cases?type=incident')).body).toMatchObject({ total: 0, items: [] });

  const everything = await newKey({ scopes: ['cases:read'] }); // the old scope reads every process
  expect((await withKey(everything.key, 'GET', '/cases?pageSize=100')).body.total).toBe(all.total);
}, 60_000);

test('rotation: the new key works at once, the old one until its grace period ends; revoked and expired keys get 401', async () => {
  const first = await newKey({ scopes: ['cases:read'], roles: ['service_desk'] });
  const rotated = await admin('POST', `/api-keys/${first.id}/rotate`, {});
  expect(rotated.status).toBe(201);
  const second = { id: rotated.body.id as string, key: rotated.body.key as string };
  expect(second.key).not.toBe(first.key);
  expect(rotated.body).toMatchObject({ name: 'Integrasi uji', scopes: ['cases:read'], roles: ['service_desk'], rotatedFrom: first.id, status: 'active', expiresAt: null });
  // Default grace: 60 minutes.
  expect(Date.parse(rotated.body.previous.expiresAt) - Date.now()).toBeGreaterThan(59 * 60_000);
  expect(Date.parse(rotated.body.previous.expiresAt) - Date.now()).toBeLessThanOrEqual(60 * 60_000);
  expect(rotated.body.previous).toMatchObject({ id: first.id, replacedBy: second.id, status: 'active' });
  expect((await withKey(first.key, 'GET', '/cases')).status).toBe(200);
  expect((await withKey(second.key, 'GET', '/cases')).status).toBe(200);
  expect(await admin('POST', `/api-keys/${first.id}/rotate`, {})).toMatchObject({ status: 409, body: { code: 'api_key_already_rotated', params: { replacedBy: second.id } } });

  // Grace 0: the old key stops at once.
  const third = await admin('POST', `/api-keys/${second.id}/rotate`, { graceMinutes: 0 });
  expect(third.status).toBe(201);
  expect(await withKey(second.key, 'GET', '/cases')).toMatchObject({ status: 401, body: { code: 'invalid_token', reason: 'expired' } });
  expect((await withKey(third.body.key, 'GET', '/cases')).status).toBe(200);
  expect(await admin('POST', `/api-keys/${second.id}/rotate`, {})).toMatchObject({ status: 409, body: { code: 'api_key_expired' } });

  // The list shows expiry and lineage, never a key's text.
  const listed = await admin('GET', '/api-keys');
  const byId = new Map((listed.body.items as Array<Record<string, any>>).map((k) => [k.id, k]));
  expect(byId.get(first.id)).toMatchObject({ replacedBy: second.id, rotatedFrom: null, rotatedAt: expect.any(String), status: 'active' });
  expect(byId.get(second.id)).toMatchObject({ rotatedFrom: first.id, replacedBy: third.body.id, status: 'expired' });
  expect(byId.get(third.body.id)).toMatchObject({ rotatedFrom: second.id, replacedBy: null, expiresAt: null, status: 'active' });
  for (const k of [first.key, second.key, third.body.key as string]) expect(JSON.stringify(listed.body)).not.toContain(k);

  // Revoked: 401 at once, and it cannot be rotated.
  expect((await admin('DELETE', `/api-keys/${third.body.id}`)).body).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
  expect(await withKey(third.body.key, 'GET', '/cases')).toMatchObject({ status: 401, body: { code: 'invalid_token', reason: 'revoked' } });
  expect(await admin('POST', `/api-keys/${third.body.id}/rotate`, {})).toMatchObject({ status: 409, body: { code: 'api_key_revoked' } });
}, 60_000);

test('a key with an expiry, rotated: both keys work until the old one expires, then the old one gets 401', async () => {
  const expiresAt = Date.now() + 900;
  const short = await newKey({ scopes: ['cases:read'], expiresAt: at(expiresAt) });
  expect(short.body.expiresAt).toBe(at(expiresAt));
  // The grace period never extends a key beyond its own expiry.
  const rotated = await admin('POST', `/api-keys/${short.id}/rotate`, { graceMinutes: 60 });
  expect(rotated.body.previous.expiresAt).toBe(at(expiresAt));
  expect((await withKey(short.key, 'GET', '/cases')).status).toBe(200);
  await sleep(Math.max(0, expiresAt - Date.now()) + 20);
  expect(await withKey(short.key, 'GET', '/cases')).toMatchObject({ status: 401, body: { code: 'invalid_token', reason: 'expired' } });
  expect((await withKey(rotated.body.key, 'GET', '/cases')).status).toBe(200);
  expect((await admin('GET', '/api-keys')).body.items.find((k: { id: string }) => k.id === short.id).status).toBe('expired');
}, 30_000);

test('bad input: unknown scopes are named, expiry in the past, grace out of range, not an administrator; nothing is created', async () => {
  const before = await count('api_key');
  for (const scope of ['tickets:read', 'changes:act.fly', 'changes:write', 'cases:create']) {
    const res = await admin('POST', '/api-keys', { name: 'Salah', scopes: ['cases:read', scope] });
    expect([scope, res.status, res.body.code, res.body.params.scope]).toEqual([scope, 400, 'unknown_scope', scope]);
    expect(res.body.detail).toContain(scope);
  }
  const english = await system().call('admin', 'POST', '/api/v1/api-keys', { name: 'Salah', scopes: ['tickets:read'] }, { 'accept-language': 'en' });
  expect(english.body).toMatchObject({ title: 'Unknown API key scope', detail: expect.stringContaining('The scope tickets:read is not known') });
  expect(await admin('POST', '/api-keys', { name: 'Lewat', scopes: ['cases:read'], expiresAt: at(Date.now() - 1000) })).toMatchObject({ status: 400, body: { code: 'api_key_expiry_past' } });
  expect((await admin('POST', '/api-keys', { name: 'Kosong', scopes: [] })).status).toBe(400);
  expect((await system().call('pengelola', 'POST', '/api/v1/api-keys', { name: 'Portal', scopes: ['changes:read'] })).status).toBe(403);
  expect(await count('api_key')).toBe(before);

  const key = await newKey({ scopes: ['changes:read'] });
  expect(await admin('POST', `/api-keys/${key.id}/rotate`, { graceMinutes: 10_081 })).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
  expect(await admin('POST', `/api-keys/${key.id}/rotate`, { graceMinutes: -1 })).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
  expect((await system().call('pengelola', 'POST', `/api/v1/api-keys/${key.id}/rotate`, {})).status).toBe(403);
  expect((await admin('POST', '/api-keys/00000000-0000-4000-8000-000000000000/rotate', {})).status).toBe(404);
  expect(await count('api_key')).toBe(before + 1);
});
