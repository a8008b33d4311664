// Delegation of roles to acting officials (Plt./Plh.) over HTTP, on a real Temporal dev server,
// PostgreSQL and SMTP server: the service owner (penyedia) delegates the change approval role for a
// period; the delegate is told of a change waiting "sebagai Plh." at the SMTP server, approves it, and
// the audit trail says under whose authority; segregation of duties holds for the delegate and for the
// delegator; a revoked or expired delegation gives nothing; every refusal has its Bahasa Indonesia text.
import { createDelegationResolver, withDelegations } from '../../api/auth/delegations.ts';
import type { Principal } from '../../api/auth/principal.ts';
import type { ActingDelegation } from '../../policy/delegation.ts';
import { readUntil } from '../support/eventually.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtpSink.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let system: TestSystem;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  system = await startTestSystem();
  // The worker reads its mail transport from the config when it starts: send through the SMTP server.
  system.config.SMTP_URL = sink.url;
  await system.startWorker();
}, 180_000);
afterAll(async () => {
  await system?.stop();
  await sink?.close();
}, 60_000);

const post = (who: string, path: string, body: unknown, headers: Record<string, string> = {}) => system.call(who, 'POST', `/api/v1${path}`, body, headers);
const get = (who: string, path: string) => system.call(who, 'GET', `/api/v1${path}`);
const del = (who: string, path: string) => system.call(who, 'DELETE', `/api/v1${path}`);
const act = (who: string, id: string, action: string, body: unknown) => post(who, `/cases/${id}/actions/${action}`, body);
const count = async () => Number((await system.orm.em.fork().execute<Array<{ n: string }>>('select count(*) as n from delegation'))[0]!.n);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(ms).toISOString();
const windowIn = (days: number) => {
  const start = Math.ceil((Date.now() + days * DAY) / HOUR) * HOUR;
  return { start: at(start), end: at(start + 2 * HOUR) };
};
const rfc = (title: string, days: number) => ({
  title, reason: 'Perbaikan keamanan dari vendor', category: 'normal', services: ['PERIZINAN-ONLINE'], configurationItems: ['VM-PERIZINAN-01'],
  riskAnalysis: 'Layanan berhenti 30 menit; risiko rendah', implementationPlan: 'Pasang paket, uji login, pantau satu jam', window: windowIn(days),
});
const period = (fromMs: number, toMs: number) => ({ startsAt: at(Date.now() + fromMs), endsAt: at(Date.now() + toMs) });
const plh = (delegate: string, extra: Record<string, unknown> = {}) => ({
  delegate, roles: ['service_owner'], kind: 'plh', ...period(-MINUTE, HOUR), reason: 'Dinas luar ke Jakarta', reference: 'ST/017/DISKOMINFO/2026', ...extra,
});
async function changeWaiting(initiator: string, title: string, days: number): Promise<{ id: string; number: string }> {
  const created = await post(initiator, '/changes', rfc(title, days));
  expect(created.status).toBe(201);
  await system.started(created.body.id);
  return { id: created.body.id, number: created.body.number };
}

test('refusals say why in Bahasa Indonesia and record nothing', async () => {
  const before = await count();
  const refused = async (who: string, body: unknown, status: number, code: string) => {
    const res = await post(who, '/delegations', body);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    return res.body;
  };
  const notHeld = await refused('teknis', plh('teknis2'), 422, 'delegation_role_not_held');
  expect(notHeld.title).toBe('Peran tidak dipegang');
  expect(notHeld.detail).toBe('Dewi Lestari tidak memegang peran Penyedia Layanan, sehingga tidak dapat melimpahkannya.');
  expect((await refused('admin', plh('teknis', { roles: ['administrator'] }), 422, 'delegation_role_not_delegable')).detail).toContain('tidak dapat dilimpahkan');
  expect((await refused('penyedia', plh('penyedia'), 422, 'delegation_to_self')).detail).toContain('kepada pegawai lain');
  expect((await refused('penyedia', plh('tidak.ada'), 422, 'unknown_user')).detail).toContain('tidak.ada');
  expect((await refused('penyedia', plh('teknis', { roles: ['juru_kunci'] }), 422, 'unknown_role')).detail).toContain('juru_kunci');
  await refused('penyedia', plh('teknis', period(2 * HOUR, HOUR)), 422, 'delegation_period_invalid');
  expect((await refused('penyedia', plh('teknis', period(-2 * HOUR, -HOUR)), 422, 'delegation_ends_in_past')).detail).toContain('sudah lewat');
  expect((await refused('teknis', plh('teknis2', { delegator: 'penyedia' }), 403, 'delegation_on_behalf_forbidden')).detail).toContain('Hanya administrator');
  // An administrator records on behalf of an official only what that official holds.
  expect((await refused('admin', plh('teknis', { delegator: 'penyedia', roles: ['head_of_unit'] }), 422, 'delegation_role_not_held')).detail).toContain('Ir. Bambang Sutrisno, M.T.');
  await refused('admin', plh('teknis', { delegator: 'tidak.ada' }), 422, 'unknown_user');
  await refused('penyedia', plh('teknis', { kind: 'wakil' }), 400, 'validation_failed');
  await refused('penyedia', plh('teknis', { roles: [] }), 400, 'validation_failed');
  const english = await post('penyedia', '/delegations', plh('penyedia'), { 'accept-language': 'en' });
  expect(english.body.detail).toBe('A delegation must go to another official, not to the delegator.');
  expect(await count()).toBe(before);
  expect((await get('penyedia', '/delegations/00000000-0000-4000-8000-000000000000')).body.code).toBe('delegation_not_found');
}, 60_000);

test('the delegate is told "sebagai Plh.", approves in the delegated role, and the timeline says under whose authority', async () => {
  const created = await post('penyedia', '/delegations', plh('teknis'));
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({
    kind: 'plh', status: 'active', roles: ['service_owner'], reference: 'ST/017/DISKOMINFO/2026', createdBy: 'penyedia', revokedAt: null,
    delegator: { username: 'penyedia', name: 'Ir. Bambang Sutrisno, M.T.' }, delegate: { username: 'teknis', name: 'Dewi Lestari' },
  });
  const delegationId = created.body.id as string;
  expect((await get('teknis', '/me')).body.roles).toEqual(['technical_team', 'service_owner']);
  expect((await get('penyedia', '/me')).body.roles).toEqual(['service_owner']); // the delegator keeps the role
  // Who sees it: the delegator, the delegate, an administrator — nobody else.
  expect((await get('teknis', '/delegations?active=true')).body.items.map((d: { id: string }) => d.id)).toContain(delegationId);
  expect((await get('admin', '/delegations')).body.items.map((d: { id: string }) => d.id)).toContain(delegationId);
  expect((await get('koordinator', '/delegations')).body.items).toEqual([]);
  expect((await get('koordinator', `/delegations/${delegationId}`)).status).toBe(404);
  expect((await get('teknis', `/delegations/${delegationId}`)).body.id).toBe(delegationId);
  // A delegated role is not delegated again.
  const again = await post('teknis', '/delegations', plh('teknis2'));
  expect({ status: again.status, code: again.body.code }).toEqual({ status: 422, code: 'delegation_role_delegated' });
  expect(again.body.detail).toContain('tidak dapat dilimpahkan lagi');

  const before = sink.messages.length;
  const change = await changeWaiting('koordinator', 'Pemutakhiran Perizinan Online 2.4', 10);
  // The approval request reaches the delegate at the SMTP server, saying on whose behalf.
  const mails = await readUntil(async () => sink.messages.slice(before).filter((m) => m.parsed.subject?.includes(change.number)),
    (ms) => ['penyedia@serang.sigap.test', 'teknis@serang.sigap.test'].every((to) => ms.some((m) => m.envelope.to.includes(to))), 30_000);
  const toDelegate = mails.find((m) => m.envelope.to.includes('teknis@serang.sigap.test'))!;
  expect(toDelegate.parsed.text).toMatch(/Yth\. Dewi Lestari,\nAnda menerima pemberitahuan ini sebagai Plh\. Ir\. Bambang Sutrisno, M\.T\. \(pelimpahan wewenang berlaku sampai .+ WIB\)\./);
  expect(toDelegate.parsed.text).toContain('You receive this notice as Plh. (acting official) for Ir. Bambang Sutrisno, M.T.');
  expect(mails.find((m) => m.envelope.to.includes('penyedia@serang.sigap.test'))!.parsed.text).not.toContain('sebagai Plh.');

  const approved = await act('teknis', change.id, 'decide', { decision: 'approve', note: 'Disetujui sebagai Plh.' });
  expect(approved.status).toBe(200);
  const timeline = await get('penyedia', `/cases/${change.id}/timeline`);
  const decided = timeline.body.events.find((e: { action: string }) => e.action === 'decide');
  expect(decided).toMatchObject({
    actor: { username: 'teknis', name: 'Dewi Lestari', role: 'service_owner' },
    delegation: { id: delegationId, kind: 'plh', role: 'service_owner', delegator: { username: 'penyedia', name: 'Ir. Bambang Sutrisno, M.T.' }, until: created.body.endsAt },
    payload: { delegation: { id: delegationId, kind: 'plh', delegator: 'penyedia' } },
  });
  expect(timeline.body.events.find((e: { action: string }) => e.action === 'started').delegation).toBeNull();

  // Segregation of duties: the delegate does not approve their own change, nor the delegator's.
  const own = await changeWaiting('teknis', 'Perubahan yang diajukan Plh. sendiri', 12);
  expect(await act('teknis', own.id, 'decide', { decision: 'approve' })).toMatchObject({ status: 403, body: { code: 'segregation_of_duties_change', conflictsWith: 'initiate' } });
  const delegators = await changeWaiting('penyedia', 'Perubahan yang diajukan pejabat definitif', 14);
  expect(await act('teknis', delegators.id, 'decide', { decision: 'approve' })).toMatchObject({ status: 403, body: { code: 'segregation_of_duties_change', conflictsWith: 'initiate' } });
  expect((await get('teknis', `/cases/${delegators.id}`)).body.state).toBe('awaiting_approval');
}, 120_000);

test('a revoked delegation gives nothing; only the delegator or an administrator revokes', async () => {
  const change = await changeWaiting('koordinator', 'Perubahan konfigurasi firewall', 16);
  const created = await post('penyedia', '/delegations', plh('teknis2', { kind: 'plt' }));
  expect(created.status).toBe(201);
  expect((await get('teknis2', '/me')).body.roles).toEqual(['technical_team', 'service_owner']);
  const byDelegate = await del('teknis2', `/delegations/${created.body.id}`);
  expect({ status: byDelegate.status, code: byDelegate.body.code }).toEqual({ status: 403, code: 'delegation_revoke_forbidden' });
  const revoked = await del('penyedia', `/delegations/${created.body.id}`);
  expect(revoked).toMatchObject({ status: 200, body: { status: 'revoked', revokedBy: 'penyedia', revokedAt: expect.any(String) } });
  expect((await del('admin', `/delegations/${created.body.id}`)).body.revokedBy).toBe('penyedia'); // the first revocation stands
  expect((await get('teknis2', '/me')).body.roles).toEqual(['technical_team']);
  expect((await get('teknis2', '/delegations?active=true')).body.items).toEqual([]);
  expect((await get('teknis2', '/delegations?active=false')).body.items.map((d: { id: string }) => d.id)).toEqual([created.body.id]);
  expect(await act('teknis2', change.id, 'decide', { decision: 'approve' })).toMatchObject({ status: 403, body: { code: 'missing_role' } });
}, 60_000);

test('an expired delegation gives nothing: recorded by an administrator on behalf of the holder, it ends at its instant', async () => {
  const change = await changeWaiting('koordinator', 'Perubahan jadwal pencadangan', 18);
  const endsAt = Date.now() + 2_000;
  const created = await post('admin', '/delegations', {
    delegate: 'pengelola', delegator: 'penyedia', roles: ['service_owner'], kind: 'plt', startsAt: at(Date.now() - MINUTE), endsAt: at(endsAt),
    reason: 'Jabatan kosong sampai pelantikan', reference: 'SK Bupati 800/123/2026',
  });
  expect(created).toMatchObject({ status: 201, body: { createdBy: 'admin', delegator: { username: 'penyedia' }, delegate: { username: 'pengelola' }, status: 'active' } });
  expect((await get('pengelola', '/me')).body.roles).toContain('service_owner');
  await new Promise((r) => setTimeout(r, Math.max(0, endsAt - Date.now()) + 200));
  expect((await get('pengelola', '/me')).body.roles).toEqual(['service_desk']);
  expect((await get('pengelola', `/delegations/${created.body.id}`)).body.status).toBe('ended');
  expect(await act('pengelola', change.id, 'decide', { decision: 'approve' })).toMatchObject({ status: 403, body: { code: 'missing_role' } });
  expect((await get('penyedia', `/cases/${change.id}`)).body.state).toBe('awaiting_approval');
}, 60_000);

test('the principal: own roles first, then only the roles a delegation adds; a delegation adding nothing is dropped; API keys get none', async () => {
  const user: Principal = { kind: 'user', tenantId: 'serang', username: 'teknis', name: 'Dewi Lestari', roles: ['technical_team'] };
  const d = (id: string, roles: string[], until: number): ActingDelegation => ({ id, kind: 'plh', delegator: { username: 'penyedia', name: 'P' }, roles, from: 0, until });
  const p = withDelegations(user, ['technical_team'], [d('a', ['service_owner', 'technical_team'], 2), d('b', ['service_owner', 'head_of_unit'], 1), d('c', ['technical_team'], 3)]);
  expect(p).toMatchObject({ ownRoles: ['technical_team'], roles: ['technical_team', 'service_owner', 'head_of_unit'] });
  expect(p.delegations).toEqual([d('a', ['service_owner'], 2), d('b', ['head_of_unit'], 1)]);
  expect(withDelegations(user, ['technical_team'], [])).toEqual({ ...user, ownRoles: ['technical_team'] });
  // An API key acts for a system: even named like a delegate, it gets no delegated role.
  await post('penyedia', '/delegations', plh('teknis', { reference: 'ST/018' }));
  const key: Principal = { kind: 'apiKey', tenantId: 'serang', username: 'teknis', name: 'SIMPEG', roles: ['technical_team'], scopes: ['*'], apiKeyId: 'k' };
  expect(await createDelegationResolver(system.deps)(key)).toBe(key);
  expect((await createDelegationResolver(system.deps)(user)).roles).toEqual(['technical_team', 'service_owner']);
}, 30_000);
