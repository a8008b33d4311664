// Request fulfilment over HTTP against a real Temporal dev server and a real PostgreSQL.
import { verifyChain } from '../../activities/audit.ts';
import { useTestSystem } from '../support/system.ts';

const system = useTestSystem();

async function submit(item = 'HOSTING-APP', who = 'pemohon', extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  const res = await system().call(who, 'POST', '/api/v1/requests', { catalogueItem: item, title: 'Hosting aplikasi e-Perizinan', description: 'Mohon disediakan VM 4 vCPU.', ...extra }, headers);
  expect(res.status).toBe(201);
  return res.body as { id: string; number: string; state: string };
}
const act = (who: string, id: string, action: string, body: unknown, headers: Record<string, string> = {}) =>
  system().call(who, 'POST', `/api/v1/cases/${id}/actions/${action}`, body, headers);
const timeline = async (id: string) => (await system().call('pengelola', 'GET', `/api/v1/cases/${id}/timeline`)).body.events as any[];
/** The workflow records its start asynchronously after the POST; wait for it before counting events. */
async function started(id: string) {
  for (let i = 0; i < 100; i++) {
    const events = await timeline(id);
    if (events.some((e) => e.action === 'started')) return events;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`case ${id} never started`);
}

test('a request goes from submission to closure through classification, approval, assignment and confirmation', async () => {
  const created = await submit();
  expect(created).toMatchObject({ state: 'submitted', number: expect.stringMatching(/^REQ-\d{4}-\d{6}$/) });

  let res = await act('pengelola', created.id, 'classify', { classification: 'fulfilment', priority: 'medium' });
  expect(res.status).toBe(200);
  expect(res.body.state).toBe('awaiting_approval');
  expect(res.body.waitingFor[0]).toMatchObject({ action: 'decide', from: { roles: [{ id: 'service_owner', title: { id: 'Penyedia Layanan' } }] } });

  res = await system().call('penyedia', 'POST', `/api/v1/cases/${created.id}/decisions`, { decision: 'approve', comment: 'Disetujui.' });
  expect(res.status).toBe(200);
  expect(res.body.state).toBe('awaiting_assignment');

  res = await act('pengelola', created.id, 'assign', { assignee: 'teknis' });
  expect(res.body).toMatchObject({ state: 'in_fulfilment', assignee: 'teknis' });
  res = await act('teknis', created.id, 'progress', { note: 'VM sedang disiapkan.' });
  expect(res.status).toBe(200);
  res = await act('teknis', created.id, 'fulfil', { resolution: 'VM dan hosting siap.' });
  expect(res.body.state).toBe('awaiting_confirmation');
  res = await act('pemohon', created.id, 'confirm', { satisfaction: 5, suggestion: 'Cepat sekali.' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ state: 'closed', slaMet: true, breached: false, waitingFor: [] });
  expect(res.body.sla[0]).toMatchObject({ id: 'fulfilment', targetMs: 14 * 24 * 3_600_000, stopped: true, met: true });
  expect(res.body.data).toMatchObject({ satisfaction: 5, suggestion: 'Cepat sekali.', approval: { decision: 'approve', by: 'penyedia' }, executor: { username: 'teknis' } });

  const events = await timeline(created.id);
  expect(events.map((e) => e.action)).toEqual(['submitted', 'started', 'classify', 'decide', 'assign', 'progress', 'fulfil', 'confirm']);
  expect(events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  expect(events[3].actor).toMatchObject({ username: 'penyedia', name: 'Ir. Bambang Sutrisno, M.T.', role: 'service_owner' });
  const chain = events.map((e) => ({ caseId: created.id, seq: e.seq, at: e.at, actor: e.actor.username, actorRole: e.actor.role, action: e.action, payload: e.payload, prevHash: e.prevHash, hash: e.hash }));
  expect(verifyChain(chain)).toBeNull();

  // Each person was told once: the approver that a decision waits, the requester to confirm.
  const mails = await system().orm.em.fork().execute<Array<{ template: string; recipient: string }>>(
    'select template, recipient from notification where case_id = ? order by created_at', [created.id]);
  expect(mails.filter((m) => m.template === 'decision-waiting').map((m) => m.recipient)).toEqual(['penyedia']);
  expect(mails.filter((m) => m.template === 'request-fulfilled').map((m) => m.recipient)).toEqual(['pemohon']);
  expect(mails.filter((m) => m.template === 'request-received').map((m) => m.recipient).sort()).toEqual(['pemohon', 'pengelola']);
}, 60_000);

test('bad input gets a clear 4xx and leaves the case unchanged', async () => {
  const created = await submit();
  const seqBefore = (await started(created.id)).length;

  const unknownItem = await system().call('pemohon', 'POST', '/api/v1/requests', { catalogueItem: 'TIDAK-ADA', title: 'Judul', description: 'x' });
  expect(unknownItem.status).toBe(422);
  expect(unknownItem.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(unknownItem.body).toMatchObject({ status: 422, code: 'unknown_catalogue_item' });
  expect(unknownItem.body.detail).toMatch(/TIDAK-ADA/);

  const malformed = await system().call('pemohon', 'POST', '/api/v1/requests', '{"catalogueItem": ', { 'content-type': 'application/json' });
  expect(malformed).toMatchObject({ status: 400, body: { code: 'malformed_json' } });

  const noToken = await system().call(null, 'GET', `/api/v1/cases/${created.id}`);
  expect(noToken.status).toBe(401);

  const english = await system().call('teknis', 'POST', `/api/v1/cases/${created.id}/actions/classify`, { classification: 'fulfilment', priority: 'low' }, { 'accept-language': 'en' });
  expect(english).toMatchObject({ status: 403, body: { code: 'missing_role' } });
  expect(english.body.title).toMatch(/[A-Za-z]/);
  const indonesian = await act('teknis', created.id, 'classify', { classification: 'fulfilment', priority: 'low' });
  expect(indonesian.body.title).not.toEqual(english.body.title);
  // Roles are named by their title in the tenant's profile, in the reader's language.
  expect(indonesian.body.detail).toContain('Pengelola Layanan');
  expect(english.body.detail).toContain('Service desk');

  expect((await act('penyedia', created.id, 'decide', { decision: 'approve' })).status).toBe(409); // not waiting for a decision yet
  expect((await act('pengelola', created.id, 'classify', { classification: 'fulfilment', priority: 'urgent' })).status).toBe(400);
  expect((await act('pengelola', created.id, 'classify', { classification: 'change', priority: 'high' })).body.code).toBe('not_implemented_reclassification');
  expect((await act('pengelola', created.id, 'classify', { classification: 'incident', priority: 'high' })).body.code).toBe('incident_details_required');
  expect((await act('pengelola', created.id, 'classify', { classification: 'incident', priority: 'high', incident: { service: 'TIDAK-ADA', impact: 'minor', category: 'x' } })).body.code).toBe('unknown_service');
  expect((await timeline(created.id)).length).toBe(seqBefore);

  await act('pengelola', created.id, 'classify', { classification: 'fulfilment', priority: 'low' });
  expect((await system().call('teknis', 'POST', `/api/v1/cases/${created.id}/decisions`, { decision: 'approve' })).status).toBe(403); // approving without the role
  expect((await system().call('penyedia', 'POST', `/api/v1/cases/${created.id}/decisions`, { decision: 'maybe' })).status).toBe(400);
  expect((await system().call('penyedia', 'POST', `/api/v1/cases/${created.id}/decisions`, { decision: 'approve' })).status).toBe(200);
  const twice = await system().call('penyedia', 'POST', `/api/v1/cases/${created.id}/decisions`, { decision: 'approve' });
  expect(twice).toMatchObject({ status: 409, body: { code: 'not_waiting_for_action' } }); // approving twice
  expect((await act('pengelola', created.id, 'assign', { assignee: 'pemohon2' })).body.code).toBe('assignee_not_executor');
  await act('pengelola', created.id, 'assign', { assignee: 'teknis' });
  await act('teknis', created.id, 'fulfil', { resolution: 'Selesai.' });
  const before = (await timeline(created.id)).length;
  expect((await act('pemohon', created.id, 'confirm', { satisfaction: 6 })).status).toBe(400); // rating outside 1–5
  expect((await act('pemohon', created.id, 'confirm', { satisfaction: 0 })).status).toBe(400);
  expect((await act('pemohon2', created.id, 'confirm', { satisfaction: 5 })).status).toBe(404); // someone else's request is not even visible
  expect((await act('pengelola', created.id, 'confirm', { satisfaction: 5 })).body.code).toBe('not_your_case'); // staff see it but cannot confirm
  expect((await timeline(created.id)).length).toBe(before);

  expect((await act('pemohon', created.id, 'confirm', { satisfaction: 4 })).status).toBe(200);
  const closed = await act('pemohon', created.id, 'reopen', { reason: 'Ternyata belum.' });
  expect(closed).toMatchObject({ status: 409, body: { code: 'case_closed' } }); // acting on a closed case
  expect((await timeline(created.id)).length).toBe(before + 1);
}, 60_000);

test('the same Idempotency-Key returns the same case and never starts a second workflow', async () => {
  const key = `portal-${Date.now()}`;
  const a = await submit('AKUN-EMAIL', 'pemohon', {}, { 'idempotency-key': key });
  const again = await system().call('pemohon', 'POST', '/api/v1/requests', { catalogueItem: 'AKUN-EMAIL', title: 'Hosting aplikasi e-Perizinan', description: 'Mohon disediakan VM 4 vCPU.' }, { 'idempotency-key': key });
  expect(again.status).toBe(201);
  expect(again.headers.get('idempotent-replayed')).toBe('true');
  expect(again.body.id).toBe(a.id);
  const concurrent = await Promise.all([1, 2, 3].map(() => system().call('pemohon', 'POST', '/api/v1/requests', { catalogueItem: 'VICON', title: 'Zoom rapat pimpinan', description: 'Senin pagi.' }, { 'idempotency-key': `${key}-c` })));
  expect(new Set(concurrent.map((r) => r.body.id)).size).toBe(1);
  const reused = await system().call('pemohon', 'POST', '/api/v1/requests', { catalogueItem: 'VICON', title: 'Lain', description: 'Lain.' }, { 'idempotency-key': key });
  expect(reused).toMatchObject({ status: 422, body: { code: 'idempotency_key_reused' } });
  const [row] = await system().orm.em.fork().execute<Array<{ n: string }>>(`select count(*) as n from sigap_case where title = 'Zoom rapat pimpinan'`);
  expect(Number(row?.n)).toBe(1);
}, 60_000);

test('dpr requests need the nota dinas and kerangka acuan, uploaded with a checksum', async () => {
  const dpr = { 'x-test-tenant': 'dpr' };
  const body = { catalogueItem: 'DPR-RAPAT-VIRTUAL', title: 'Rapat virtual Komisi I', description: 'Dukungan rapat virtual.' };
  const missing = await system().call('pemohon', 'POST', '/api/v1/requests', body, dpr);
  expect(missing).toMatchObject({ status: 422, body: { code: 'missing_document' } });
  expect(missing.body.detail).toMatch(/nota_dinas/);

  const upload = async (kind: string, content: string, sha256?: string) => {
    const form = new FormData();
    form.set('kind', kind);
    if (sha256) form.set('sha256', sha256);
    form.set('file', new Blob([content], { type: 'application/pdf' }), `${kind}.pdf`);
    const res = await fetch(`${system().baseUrl}/api/v1/documents`, { method: 'POST', headers: { authorization: `Bearer ${await system().token('pemohon', 'dpr')}` }, body: form });
    return { status: res.status, body: await res.json() as any };
  };
  const bad = await upload('nota_dinas', 'isi nota dinas', '0'.repeat(64));
  expect(bad).toMatchObject({ status: 400, body: { code: 'checksum_mismatch' } });
  const { createHash } = await import('node:crypto');
  const sha = createHash('sha256').update('isi nota dinas').digest('hex');
  const nota = await upload('nota_dinas', 'isi nota dinas', sha);
  expect(nota).toMatchObject({ status: 201, body: { sha256: sha, sizeBytes: 14 } });
  const kak = await upload('kerangka_acuan', 'isi kerangka acuan');
  const onlyOne = await system().call('pemohon', 'POST', '/api/v1/requests', { ...body, documents: [{ id: nota.body.id, kind: 'nota_dinas' }] }, dpr);
  expect(onlyOne.body.detail).toMatch(/kerangka_acuan/);
  const ok = await system().call('pemohon', 'POST', '/api/v1/requests', { ...body, documents: [{ id: nota.body.id, kind: 'nota_dinas' }, { id: kak.body.id, kind: 'kerangka_acuan' }] }, dpr);
  expect(ok.status).toBe(201);
  expect(ok.body.data.documents.map((d: any) => d.kind).sort()).toEqual(['kerangka_acuan', 'nota_dinas']);
  const download = await fetch(`${system().baseUrl}/api/v1/documents/${nota.body.id}`, { headers: { authorization: `Bearer ${await system().token('pengelola', 'dpr')}` } });
  expect(download.status).toBe(200);
  expect(await download.text()).toBe('isi nota dinas');
  const reuse = await system().call('pemohon', 'POST', '/api/v1/requests', { ...body, documents: [{ id: nota.body.id, kind: 'nota_dinas' }, { id: kak.body.id, kind: 'kerangka_acuan' }] }, dpr);
  expect(reuse.body.code).toBe('document_already_attached');
}, 60_000);

test('cases can be listed with filters; requesters see only their own', async () => {
  const mine = await submit('DUKUNGAN-PL', 'pemohon', { title: 'Lisensi perangkat lunak kantor' });
  await submit('DUKUNGAN-PL', 'pemohon2', { title: 'Lisensi perangkat lunak lain' });
  const staff = await system().call('pengelola', 'GET', '/api/v1/cases?service=DUKUNGAN-PL&status=submitted&breached=false&pageSize=50');
  expect(staff.status).toBe(200);
  expect(staff.body.total).toBeGreaterThanOrEqual(2);
  const text = await system().call('pengelola', 'GET', `/api/v1/cases?text=${encodeURIComponent(mine.number)}`);
  expect(text.body.items.map((c: any) => c.id)).toEqual([mine.id]);
  const own = await system().call('pemohon2', 'GET', '/api/v1/cases?pageSize=200');
  expect(own.body.items.every((c: any) => c.requester === 'pemohon2')).toBe(true);
  expect((await system().call('pengelola', 'GET', '/api/v1/cases?pageSize=0')).status).toBe(400);
  expect((await system().call('pengelola', 'GET', `/api/v1/cases/${mine.number}`)).body.id).toBe(mine.id);
});

test('the OpenAPI 3.1 document and health checks are served', async () => {
  const doc = await system().call(null, 'GET', '/api/v1/openapi.json');
  expect(doc.status).toBe(200);
  expect(doc.body.openapi).toBe('3.1.0');
  for (const p of ['/requests', '/cases', '/cases/{id}', '/cases/{id}/timeline', '/cases/{id}/actions/{action}', '/cases/{id}/decisions', '/documents']) expect(doc.body.paths).toHaveProperty([p]);
  expect((await fetch(`${system().baseUrl}/health/live`)).status).toBe(200);
  const ready = await fetch(`${system().baseUrl}/health/ready`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ checks: { postgres: { ok: true }, temporal: { ok: true } } });
});

test('an integrator with a scoped API key submits for a user; revoked keys stop working', async () => {
  expect((await system().call('pengelola', 'POST', '/api/v1/api-keys', { name: 'Portal', scopes: ['requests:create'] })).status).toBe(403);
  const created = await system().call('admin', 'POST', '/api/v1/api-keys', { name: 'Portal layanan publik', scopes: ['requests:create', 'cases:read'] });
  expect(created.status).toBe(201);
  const key = created.body.key as string;
  expect(key).toMatch(/^sgp_/);
  const listed = await system().call('admin', 'GET', '/api/v1/api-keys');
  expect(JSON.stringify(listed.body)).not.toContain(key); // shown once, stored hashed
  const [stored] = await system().orm.em.fork().execute<Array<{ key_hash: string }>>('select key_hash from api_key where id = ?', [created.body.id]);
  expect(stored!.key_hash).toMatch(/^[0-9a-f]{64}$/);

  const asIntegrator = (method: string, path: string, body?: unknown) => system().call(null, method, path, body, { 'x-api-key': key });
  expect((await asIntegrator('POST', '/api/v1/requests', { catalogueItem: 'AKUN-EMAIL', title: 'Akun dari portal', description: 'x' })).body.code).toBe('requester_required');
  const submitted = await asIntegrator('POST', '/api/v1/requests', { catalogueItem: 'AKUN-EMAIL', title: 'Akun dari portal', description: 'Pegawai baru.', requester: 'pemohon', channel: 'integration' });
  expect(submitted).toMatchObject({ status: 201, body: { requester: 'pemohon' } });
  expect((await asIntegrator('GET', `/api/v1/cases/${submitted.body.id}`)).status).toBe(200);
  const noScope = await asIntegrator('POST', `/api/v1/cases/${submitted.body.id}/actions/cancel`, { reason: 'x' });
  expect(noScope).toMatchObject({ status: 403, body: { code: 'missing_scope' } });
  expect((await system().call('pemohon', 'GET', `/api/v1/cases/${submitted.body.id}`)).status).toBe(200); // the requester sees it

  expect((await system().call('admin', 'DELETE', `/api/v1/api-keys/${created.body.id}`)).body.revokedAt).toBeTruthy();
  expect((await asIntegrator('GET', '/api/v1/cases')).status).toBe(401);
});
