// The console's administration pages against the real system (PostgreSQL, Temporal, workflows, a real HTTP
// deployment target): an administrator replays a failed rollback from the console (form post with CSRF,
// the API's field messages on an empty note), creates, uses and revokes an API key, records a delegation,
// rotates a key (a bad grace period on its field), redelivers a webhook from the delivery log,
// keeps the catalogue and the holidays (a stale calendar version is refused); every page renders in both
// languages with no missing text; anyone else gets the 403 page and a crafted post is refused.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { titleOf, translate } from '../../api/http/messages.ts';
import { dispatchPendingWebhooks } from '../../api/services/webhooks.ts';
import { eventually } from '../support/eventually.ts';
import { startDeployTarget, type DeployTarget } from '../support/deployTarget.ts';
import { approvedChange, releasePlan, timelineOf, waitForState } from '../support/releaseFlow.ts';
import { consoleSession, pageOf, type FormFields } from '../support/consoleSession.ts';
import { useTestSystem } from '../support/system.ts';

const system = useTestSystem();
let target: DeployTarget;
beforeAll(async () => { target = await startDeployTarget(); });
afterAll(async () => { await target?.close(); });

/** A console session for a demo user: each answer as status, redirect target and HTML. */
async function browserOf(username: string) {
  const session = await consoleSession(system(), username);
  const get = async (path: string) => pageOf(await session.get(path));
  const post = async (path: string, fields: FormFields) => pageOf(await session.post(path, fields));
  /** The CSRF token of the session, as every signed-in page carries it (the sign-out form). */
  const csrf = async () => /name="_csrf" value="([^"]+)"/.exec((await get('/admin')).html)?.[1] ?? '';
  return { get, post, csrf };
}

/** A hidden field of the form posting (POST) to `action`. */
function hiddenOf(html: string, action: string, name: string): string {
  const start = html.indexOf(`method="post" action="${action}"`);
  if (start < 0) return '';
  return new RegExp(`name="${name}" value="([^"]*)"`).exec(html.slice(start, html.indexOf('</form>', start)))?.[1] ?? '';
}

/** '2026-11-22T14:00' in Asia/Jakarta, as a datetime-local field holds it. */
const jakartaLocal = (ms: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(ms)).replace(' ', 'T');

test('every administration page renders for an administrator, in Bahasa Indonesia and English, with no missing text', async () => {
  const admin = await browserOf('admin');
  const pages = ['/admin', '/admin/rollbacks', '/admin/rollbacks?state=all', '/admin/webhooks', '/admin/holidays', '/admin/catalogue', '/admin/catalogue/new',
    '/admin/catalogue/HOSTING-APP/edit', '/admin/profile', '/admin/users', '/admin/delegations', '/admin/api-keys'];
  for (const lang of ['id', 'en']) {
    for (const path of pages) {
      const res = await admin.get(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
      expect({ path, lang, status: res.status }).toEqual({ path, lang, status: 200 });
      expect(res.html).toContain(`<html lang="${lang}">`);
      expect({ path, missing: /\badmin\.[a-zA-Z]+\.?[a-zA-Z]*/.exec(res.html)?.[0] ?? null }).toEqual({ path, missing: null });
    }
  }
  expect((await admin.get('/admin/profile')).html).toContain('Tabel'); // sources of the serang profile's numbers
  expect((await admin.get('/admin/users')).html).toContain('Admin Sigap');
});

test('anyone but an administrator gets the 403 page, and a crafted post is refused', async () => {
  const teknis = await browserOf('teknis');
  for (const path of ['/admin', '/admin/rollbacks', '/admin/api-keys', '/admin/delegations', '/admin/profile']) {
    const res = await teknis.get(path);
    expect({ path, status: res.status }).toEqual({ path, status: 403 });
    expect(res.html).toContain(titleOf('missing_role', 'id', 403));
    // The role by its title in the agency's profile, not only its id.
    expect(res.html).toContain('Administrator Sigap');
  }
  const keys = await system().call('admin', 'POST', '/api/v1/api-keys', { name: 'Pemantauan uji', scopes: ['*:read'] });
  const crafted = await teknis.post(`/admin/api-keys/${keys.body.id}/revoke`, { _csrf: await teknis.csrf() });
  expect(crafted.status).toBe(403);
  expect((await system().call('admin', 'GET', '/api/v1/api-keys')).body.items.find((k: { id: string }) => k.id === keys.body.id).status).toBe('active');
  // Without a session: off to sign in, and back here afterwards.
  const anonymous = await fetch(`${system().baseUrl}/admin/rollbacks`, { redirect: 'manual', headers: { accept: 'text/html' } });
  expect(anonymous.status).toBe(303);
  expect(anonymous.headers.get('location')).toBe(`/auth/login?returnTo=${encodeURIComponent('/admin/rollbacks')}`);
});

test('an administrator replays a failed rollback from the console after the target is fixed', async () => {
  target.program('con-deploy-app', { mode: 'sync' });
  target.program('con-migrate-db', { mode: 'sync', result: 'failed', message: 'migrasi gagal' });
  target.program('con-undo-app', { rejectStatus: 422 });
  target.health('con-homepage', { status: 200 });
  const change = await approvedChange(system());
  const created = await system().call('teknis', 'POST', '/api/v1/releases', releasePlan(target, 'con', change.number));
  expect(created.status).toBe(201);
  const rel = created.body as { id: string; number: string };
  await system().started(rel.id);
  expect((await system().call('penyedia', 'POST', `/api/v1/cases/${rel.id}/actions/decide_plan`, { decision: 'approve' })).status).toBe(200);
  await waitForState(system(), 'penyedia', rel.id, ['rollback_failed']);

  const admin = await browserOf('admin');
  const index = await admin.get('/admin');
  expect(index.html).toContain('href="/admin/rollbacks"');
  const list = await admin.get('/admin/rollbacks');
  expect(list.status).toBe(200);
  expect(list.html).toContain(rel.number);
  expect(list.html).toContain('undo-app');
  const action = `/admin/rollbacks/${rel.id}/replay`;
  const csrf = hiddenOf(list.html, action, '_csrf');
  const key = hiddenOf(list.html, action, 'idempotencyKey');
  expect(csrf).not.toBe('');

  // An empty note: the API's message next to the field, nothing replayed.
  const empty = await admin.post(action, { _csrf: csrf, idempotencyKey: key, note: '  ' });
  expect(empty.status).toBe(400);
  expect(empty.html).toContain(`id="f-note-${rel.id}-error">${translate('field_not_empty', 'id')}`);
  expect(empty.html).toContain('aria-invalid="true"');
  // No CSRF token: refused.
  expect((await admin.post(action, { idempotencyKey: key, note: 'Kredensial diperbarui' })).status).toBe(403);
  expect(await stateOf(rel.id)).toBe('rollback_failed');

  target.program('con-undo-app', { mode: 'sync' });
  const replayed = await admin.post(action, { _csrf: csrf, idempotencyKey: key, note: 'Kredensial pipeline diperbarui' });
  expect(replayed.status).toBe(303);
  expect(replayed.location).toBe(`/admin/rollbacks?done=rollbackReplayed&ref=${rel.number}`);
  // A double submit of the same form acts once.
  expect((await admin.post(action, { _csrf: csrf, idempotencyKey: key, note: 'Kredensial pipeline diperbarui' })).status).toBe(303);
  await waitForState(system(), 'penyedia', rel.id, ['reviewing']);
  const replays = (await timelineOf(system(), rel.id)).filter((e) => e.action === 'replay_rollback');
  expect(replays).toHaveLength(1);
  expect(replays[0]).toMatchObject({ actor: { username: 'admin' }, payload: { note: 'Kredensial pipeline diperbarui', step: 'undo-app' } });
  const after = await admin.get(replayed.location!);
  expect(after.html).toContain(`Rollback ${rel.number} diulang`);
  expect(after.html).not.toContain(action);
  // The form of a rollback that moved on: a notice, not a silent failure.
  const stale = await admin.post(`/admin/rollbacks/${rel.id}/resolve`, { _csrf: csrf, justification: 'Sudah dipulihkan manual oleh tim infrastruktur.' });
  expect(stale.status).toBe(409);
  expect(stale.html).toContain(titleOf('rollback_not_failed', 'id', 409));
}, 180_000);

const stateOf = async (id: string) => (await system().call('penyedia', 'GET', `/api/v1/cases/${id}`)).body.state as string;

test('an administrator creates an API key (shown once), the key works, and revoking it in the console stops it', async () => {
  const admin = await browserOf('admin');
  const page = await admin.get('/admin/api-keys');
  const csrf = hiddenOf(page.html, '/admin/api-keys', '_csrf');
  const invalid = await admin.post('/admin/api-keys', { _csrf: csrf, name: 'Portal', scopes: 'bukan:cakupan' });
  expect(invalid.status).toBe(400);
  expect(invalid.html).toContain('id="f-scopes-error"');
  expect(invalid.html).toContain('value="Portal"');

  const created = await admin.post('/admin/api-keys', { _csrf: csrf, name: 'Portal layanan konsol', scopes: 'incidents:read\n*:read', roles: ['service_desk'] });
  expect(created.status).toBe(201);
  const plaintext = /id="api-key">([^<]+)</.exec(created.html)?.[1] ?? '';
  expect(plaintext).not.toBe('');
  const withKey = () => fetch(`${system().baseUrl}/api/v1/cases`, { headers: { authorization: `Bearer ${plaintext}` } });
  expect((await withKey()).status).toBe(200);
  const listed = await admin.get('/admin/api-keys');
  expect(listed.html).toContain('Portal layanan konsol');
  expect(listed.html).not.toContain(plaintext);

  const id = ((await system().call('admin', 'GET', '/api/v1/api-keys')).body.items as Array<{ id: string; name: string }>).find((k) => k.name === 'Portal layanan konsol')!.id;
  const revoked = await admin.post(`/admin/api-keys/${id}/revoke`, { _csrf: csrf });
  expect(revoked.status).toBe(303);
  expect(revoked.location).toContain('done=apiKeyRevoked');
  expect((await withKey()).status).toBe(401);
});

test('an administrator records a delegation on behalf of an official and revokes it', async () => {
  const admin = await browserOf('admin');
  const page = await admin.get('/admin/delegations');
  const csrf = hiddenOf(page.html, '/admin/delegations', '_csrf');
  const now = Date.now();
  const fields = {
    _csrf: csrf, delegator: 'penyedia', delegate: 'koordinator', roles: ['service_owner'], kind: 'plh',
    startsAt: jakartaLocal(now - 60_000), endsAt: jakartaLocal(now + 2 * 86_400_000), reason: 'Dinas luar kota', reference: 'SPT 800/12/2026',
  };
  const missing = await admin.post('/admin/delegations', { ...fields, reason: '' });
  expect(missing.status).toBe(400);
  expect(missing.html).toContain(`id="f-reason-error">${translate('field_not_empty', 'id')}`);
  expect(missing.html).toContain('value="SPT 800/12/2026"');
  const notHeld = await admin.post('/admin/delegations', { ...fields, roles: ['head_of_unit'] });
  expect(notHeld.status).toBe(422);
  expect(notHeld.html).toContain('id="f-roles-error"');

  const created = await admin.post('/admin/delegations', fields);
  expect(created.status).toBe(303);
  const delegations = (await system().call('admin', 'GET', '/api/v1/delegations')).body.items as Array<{ id: string; delegate: { username: string }; delegator: { username: string }; status: string; roles: string[]; reference: string }>;
  const recorded = delegations.find((d) => d.delegate.username === 'koordinator' && d.reference === 'SPT 800/12/2026')!;
  expect(recorded).toMatchObject({ delegator: { username: 'penyedia' }, roles: ['service_owner'], status: 'active' });
  const listed = await admin.get(created.location!);
  expect(listed.html).toContain('Pelimpahan kepada Rina Wulandari, S.Kom. dicatat.');

  expect((await admin.post(`/admin/delegations/${recorded.id}/revoke`, { _csrf: csrf })).status).toBe(303);
  expect((await system().call('admin', 'GET', `/api/v1/delegations/${recorded.id}`)).body.status).toBe('revoked');
});

test('an administrator keeps the catalogue and the holidays; a stale calendar version is refused', async () => {
  const admin = await browserOf('admin');
  const form = await admin.get('/admin/catalogue/new');
  const csrf = hiddenOf(form.html, '/admin/catalogue', '_csrf');
  const item = {
    _csrf: csrf, code: 'uji-konsol', nameId: 'Layanan uji konsol', nameEn: 'Console test service', descriptionId: 'Untuk uji', descriptionEn: 'For testing',
    group: 'Uji', targetValue: '2', targetUnit: 'days', basis: 'working', approverRole: '', provider: 'Diskominfo',
  };
  const bad = await admin.post('/admin/catalogue', { ...item, nameEn: '', targetValue: 'dua' });
  expect(bad.status).toBe(400);
  expect(bad.html).toContain('id="f-name-en-error"');
  expect(bad.html).toContain('id="f-fulfilmentTarget-ms-error"');
  expect(bad.html).toContain('value="Layanan uji konsol"');
  const created = await admin.post('/admin/catalogue', item);
  expect(created.status).toBe(303);
  const api = await system().call('admin', 'GET', '/api/v1/catalogue/UJI-KONSOL');
  expect(api.body).toMatchObject({ code: 'UJI-KONSOL', fulfilmentTarget: { ms: 2 * 86_400_000, basis: 'working' }, provider: 'Diskominfo', active: true });
  expect((await admin.get('/admin/catalogue/UJI-KONSOL/edit')).html).toContain('value="Diskominfo"');
  expect((await admin.post('/admin/catalogue/UJI-KONSOL/retire', { _csrf: csrf })).status).toBe(303);
  expect((await system().call('admin', 'GET', '/api/v1/catalogue/UJI-KONSOL')).body.active).toBe(false);

  const year = 2031;
  const holidays = await admin.get(`/admin/holidays?year=${year}`);
  const version = hiddenOf(holidays.html, '/admin/holidays', 'version');
  const rows = Number(hiddenOf(holidays.html, '/admin/holidays', 'rows'));
  const row = { h0_date: `${year}-03-03`, h0_name: 'Libur uji konsol', h0_kind: 'agency', h0_source: 'SK Bupati uji' };
  const outside = await admin.post('/admin/holidays', { _csrf: csrf, year: String(year), version, rows: String(rows), ...row, h0_date: '2030-12-31' });
  expect(outside.status).toBe(400);
  expect(outside.html).toContain('id="f-h0-date-error"');
  const saved = await admin.post('/admin/holidays', { _csrf: csrf, year: String(year), version, rows: String(rows), ...row });
  expect(saved.status).toBe(303);
  const listed = await system().call('admin', 'GET', `/api/v1/calendar/holidays?year=${year}`);
  expect(listed.body.holidays).toContainEqual({ date: `${year}-03-03`, kind: 'agency', name: 'Libur uji konsol', source: 'SK Bupati uji' });
  // The same form again, rendered before that save: refused, nothing overwritten.
  const stale = await admin.post('/admin/holidays', { _csrf: csrf, year: String(year), version, rows: String(rows), ...row, h0_name: 'Timpa' });
  expect(stale.status).toBe(412);
  expect(stale.html).toContain(titleOf('calendar_version_stale', 'id', 412));
  const after = (await system().call('admin', 'GET', `/api/v1/calendar/holidays?year=${year}`)).body.holidays as Array<{ date: string; name: string }>;
  expect(after.find((h) => h.date === `${year}-03-03`)?.name).toBe('Libur uji konsol');
});

test('an administrator subscribes a webhook (secret shown once), reads its delivery log and revokes it', async () => {
  const admin = await browserOf('admin');
  const csrf = hiddenOf((await admin.get('/admin/webhooks')).html, '/admin/webhooks', '_csrf');
  const refused = await admin.post('/admin/webhooks', { _csrf: csrf, url: 'http://contoh.example/hook', caseTypes: ['request'] });
  expect(refused.status).toBe(400);
  expect(refused.html).toContain('id="f-url-error"');
  expect(refused.html).toContain('value="http://contoh.example/hook"');
  const created = await admin.post('/admin/webhooks', { _csrf: csrf, url: 'http://127.0.0.1:9/konsol', description: 'Uji konsol', caseTypes: ['request', 'incident'], events: 'started, decide' });
  expect(created.status).toBe(201);
  expect(created.html).toMatch(/id="secret">whsec_/);
  const subscription = ((await system().call('admin', 'GET', '/api/v1/webhooks')).body.items as Array<{ id: string; url: string; caseTypes: string[]; events: string[] }>)
    .find((s) => s.url === 'http://127.0.0.1:9/konsol')!;
  expect(subscription).toMatchObject({ caseTypes: ['request', 'incident'], events: ['started', 'decide'] });
  const log = await admin.get(`/admin/webhooks/${subscription.id}`);
  expect(log.status).toBe(200);
  expect(log.html).toContain('http://127.0.0.1:9/konsol');
  expect((await admin.post(`/admin/webhooks/${subscription.id}/revoke`, { _csrf: csrf })).status).toBe(303);
  expect(((await system().call('admin', 'GET', '/api/v1/webhooks')).body.items as Array<{ id: string; active: boolean }>).find((s) => s.id === subscription.id)!.active).toBe(false);
});

test('an administrator rotates an API key in the console: a bad grace period is shown on its field, the new key works, the old one ends', async () => {
  const admin = await browserOf('admin');
  const created = await system().call('admin', 'POST', '/api/v1/api-keys', { name: 'Portal rotasi konsol', scopes: ['*:read'] });
  expect(created.status).toBe(201);
  const oldKey = created.body.key as string;
  const id = created.body.id as string;
  const withKey = (key: string) => fetch(`${system().baseUrl}/api/v1/cases`, { headers: { authorization: `Bearer ${key}` } });
  const csrf = await admin.csrf();

  const bad = await admin.post(`/admin/api-keys/${id}/rotate`, { _csrf: csrf, graceMinutes: '99999' });
  expect(bad.status).toBe(400);
  expect(bad.html).toMatch(new RegExp(`id="f-grace-${id}" name="graceMinutes" type="number" min="0" max="10080" value="99999" class="admin-narrow" aria-invalid="true"`));
  expect(bad.html).toContain(`id="f-grace-${id}-error"`);
  expect((await withKey(oldKey)).status).toBe(200);

  const rotated = await admin.post(`/admin/api-keys/${id}/rotate`, { _csrf: csrf, graceMinutes: '0' });
  expect(rotated.status).toBe(201);
  const newKey = /id="api-key">([^<]+)</.exec(rotated.html)?.[1] ?? '';
  expect(newKey).not.toBe('');
  expect(newKey).not.toBe(oldKey);
  expect((await withKey(newKey)).status).toBe(200);
  expect(await withKey(oldKey)).toMatchObject({ status: 401 });
  const listed = await admin.get('/admin/api-keys');
  expect(listed.html).not.toContain(newKey);

  // The old key was rotated already: a second rotation (another tab) says so instead of failing silently.
  const again = await admin.post(`/admin/api-keys/${id}/rotate`, { _csrf: csrf, graceMinutes: '5' });
  expect(again.status).toBe(409);
  expect(again.html).toContain('class="notice');
});

test('an administrator redelivers a webhook from the delivery log; the receiver gets the same message id again', async () => {
  const received: Array<{ id: string; body: string }> = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => { body += c; });
    req.on('end', () => { received.push({ id: String(req.headers['webhook-id']), body }); res.writeHead(204).end(); });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  try {
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/konsol-ulang`;
    const sub = await system().call('admin', 'POST', '/api/v1/webhooks', { url: hookUrl, caseTypes: ['request'], events: ['started'] });
    expect(sub.status).toBe(201);
    const request = await system().call('pemohon', 'POST', '/api/v1/requests', { catalogueItem: 'AKUN-EMAIL', title: 'Akun e-mail (uji webhook konsol)', description: 'Untuk pegawai baru.' });
    expect(request.status).toBe(201);
    await eventually(async () => {
      await dispatchPendingWebhooks(system().deps, { retry: { initialIntervalMs: 100, maximumIntervalMs: 400 } });
      expect(received.length).toBe(1);
    }, 30_000, 200);
    const admin = await browserOf('admin');
    let log = await admin.get(`/admin/webhooks/${sub.body.id}`);
    await eventually(async () => {
      log = await admin.get(`/admin/webhooks/${sub.body.id}?status=delivered`);
      expect(log.html).toContain('/redeliver"');
    }, 15_000, 200);
    const deliveryId = /action="\/admin\/webhooks\/deliveries\/([0-9a-f-]{36})\/redeliver"/.exec(log.html)![1]!;
    const done = await admin.post(`/admin/webhooks/deliveries/${deliveryId}/redeliver`, { _csrf: hiddenOf(log.html, `/admin/webhooks/deliveries/${deliveryId}/redeliver`, '_csrf'), subscription: sub.body.id });
    expect(done.status).toBe(303);
    expect(done.location).toContain(`/admin/webhooks/${sub.body.id}`);
    await eventually(() => expect(received.length).toBe(2), 30_000, 100);
    expect(received[1]).toEqual(received[0]);
    await eventually(async () => {
      const after = await admin.get(`/admin/webhooks/${sub.body.id}?status=delivered`);
      expect(after.html).toContain('dikirim ulang 1 kali (terakhir oleh admin)');
    }, 15_000, 200);
  } finally {
    await new Promise((r) => receiver.close(r));
  }
}, 90_000);
