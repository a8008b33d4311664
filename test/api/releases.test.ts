// Releases over HTTP on a real Temporal dev server and PostgreSQL, with a real HTTP service standing in
// for the deployment system (test/support/deployTarget.ts) that counts calls and executions per
// idempotency key: a failing verification rolls back once per step, in reverse; a failing rollback
// step parks the release for the administrators, who replay it after fixing the target or resolve it
// with a justification; segregation of duties; bad plans change nothing; the BAST document activity.
import { createHash } from 'node:crypto';
import { useTestSystem } from '../support/system.ts';
import { startDeployTarget, type DeployTarget } from '../support/deployTarget.ts';
import { approvedChange, releasePlan, timelineOf, waitForState } from '../support/releaseFlow.ts';
import { createReleaseDocumentActivities, handoverDocumentId } from '../../activities/releases.ts';

const system = useTestSystem();
let target: DeployTarget;
beforeAll(async () => { target = await startDeployTarget(); });
afterAll(async () => { await target?.close(); });

const post = (who: string, path: string, body: unknown, headers: Record<string, string> = {}) => system().call(who, 'POST', `/api/v1${path}`, body, headers);
const act = (who: string, id: string, action: string, body: unknown) => post(who, `/cases/${id}/actions/${action}`, body);
const count = async (sql: string, params: unknown[] = []) => Number((await system().orm.em.fork().execute<Array<{ n: string }>>(sql, params))[0]!.n);

/** Creates a release for an approved change and approves its plan; the window opens in a few seconds. */
async function scheduledRelease(prefix: string, o: Parameters<typeof releasePlan>[3] = {}, initiator = 'pengelola') {
  const change = await approvedChange(system(), initiator);
  const created = await post('teknis', '/releases', releasePlan(target, prefix, change.number, o));
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ type: 'release', state: 'awaiting_plan_approval', number: expect.stringMatching(/^RLS-\d{4}-\d{6}$/) });
  expect(created.body.links).toContainEqual({ type: 'change', id: change.id, number: change.number, relation: 'change' });
  await system().started(created.body.id);
  // The plan author may not approve it; the service owner does (serang D.3.5).
  expect((await act('teknis', created.body.id, 'decide_plan', { decision: 'approve' })).status).toBe(403);
  const approved = await act('penyedia', created.body.id, 'decide_plan', { decision: 'approve', note: 'Rencana disetujui' });
  expect(approved.status).toBe(200);
  return { id: created.body.id as string, number: created.body.number as string, change };
}

test('bad release plans get a clear 4xx and change nothing (no case, no submission)', async () => {
  const change = await approvedChange(system());
  const releases = () => count(`select count(*) as n from sigap_case where case_type = 'release'`);
  const submissions = () => count(`select count(*) as n from submission where kind = 'release'`);
  const [r0, s0] = [await releases(), await submissions()];
  const good = releasePlan(target, 'bad', change.number);
  const expectProblem = async (body: unknown, status: number, code: string, who = 'teknis') => {
    const res = await post(who, '/releases', body);
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    return res;
  };
  const noRollback = await expectProblem({ ...good, rollbackSteps: [] }, 422, 'release_rollback_required');
  expect(noRollback.body.detail).toContain('langkah rollback');
  const { rollbackSteps: _omit, ...withoutRollback } = good;
  await expectProblem(withoutRollback, 422, 'release_rollback_required');
  const noCriteria = await expectProblem({ ...good, evaluationCriteria: [] }, 422, 'release_criteria_required');
  expect(noCriteria.body.detail).toContain('kriteria evaluasi');
  const english = await post('teknis', '/releases', { ...good, evaluationCriteria: [] }, { 'accept-language': 'en' });
  expect(english.body.detail).toContain('evaluation (success) criteria');
  await expectProblem({ ...good, window: { start: new Date(Date.now() - 60_000).toISOString(), end: good.window.end } }, 422, 'release_window_in_past');
  await expectProblem({ ...good, window: { start: good.window.start, end: good.window.start } }, 422, 'release_window_invalid');
  await expectProblem({ ...good, steps: [good.steps[0], good.steps[0]] }, 422, 'release_duplicate_id');
  await expectProblem({ ...good, rollbackSteps: [{ ...(good.rollbackSteps[0] as object), undoes: 'tidak-ada' }] }, 422, 'release_unknown_undoes');
  const ftp = await expectProblem({ ...good, evaluationCriteria: [{ kind: 'http_check', id: 'x', title: 'x', url: 'ftp://example.go.id/x' }] }, 422, 'release_url_not_allowed');
  expect(ftp.body.detail).toContain('ftp://example.go.id/x');
  await expectProblem({ ...good, change: 'CHG-1999-000001' }, 422, 'release_change_not_found');
  await expectProblem({ ...good, affectedParties: { roles: ['bukan_peran'], users: [] } }, 422, 'release_unknown_affected');
  await expectProblem(good, 403, 'missing_role', 'pemohon');
  await expectProblem({ ...good, steps: [] }, 400, 'validation_failed');
  await expectProblem({ ...good, steps: [{ kind: 'http', id: 'A B', title: 't', request: { url: 'http://x' } }] }, 400, 'validation_failed');
  // A change still waiting for its approval cannot be released yet.
  const pending = await post('pengelola', '/changes', {
    title: 'Perubahan belum disetujui', reason: 'Uji', category: 'normal', services: ['WEBSITE'], riskAnalysis: 'Rendah', implementationPlan: 'Deploy',
    window: { start: new Date(Date.now() + 100 * 86_400_000).toISOString(), end: new Date(Date.now() + 100 * 86_400_000 + 3_600_000).toISOString() },
  });
  expect(pending.status).toBe(201);
  const notReady = await expectProblem({ ...good, change: pending.body.number }, 422, 'release_change_not_ready');
  expect(notReady.body.detail).toContain(pending.body.number);
  expect([await releases(), await submissions()]).toEqual([r0, s0]);
}, 60_000);

test('a failing verification rolls back automatically, in reverse order, each rollback step exactly once', async () => {
  target.program('rb-deploy-app', { mode: 'sync' });
  target.program('rb-migrate-db', { mode: 'async', runningPolls: 2 });
  target.program('rb-undo-db', { mode: 'async', runningPolls: 1 });
  target.program('rb-undo-app', { mode: 'sync' });
  target.health('rb-homepage', { status: 503, body: 'Service Unavailable' });
  const rel = await scheduledRelease('rb');
  const done = await waitForState(system(), 'penyedia', rel.id, ['reviewing']);
  expect(done.data).toMatchObject({ outcome: 'rolled_back', rollback: { reason: 'criteria_failed', trigger: ['homepage'], order: ['undo-db', 'undo-app'], done: ['undo-db', 'undo-app'] } });
  for (const step of ['deploy-app', 'migrate-db', 'undo-db', 'undo-app']) expect({ step, n: target.executions(`rb-${step}`) }).toEqual({ step, n: 1 });
  expect(target.calls('rb-undo-db')[0]!.seq).toBeLessThan(target.calls('rb-undo-app')[0]!.seq);
  expect(target.calls('rb-migrate-db')[0]!.seq).toBeLessThan(target.calls('rb-undo-db')[0]!.seq);
  expect(target.calls('rb-undo-app')[0]).toMatchObject({ key: `sigap:${rel.id}:rollback:undo-app:1`, release: rel.number, phase: 'rollback' });
  expect(target.healthCalls('rb-homepage')).toBe(1);

  const events = await timelineOf(system(), rel.id);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
  const completed = events.filter((e) => e.action === 'step_completed').map((e) => `${e.payload.phase}:${e.payload.step}:${e.payload.outcome}`);
  expect(completed).toEqual(['deploy:deploy-app:succeeded', 'deploy:migrate-db:succeeded', 'rollback:undo-db:succeeded', 'rollback:undo-app:succeeded']);
  expect(events.find((e) => e.action === 'criterion_checked')?.payload).toMatchObject({ criterion: 'homepage', passed: false, httpStatus: 503 });

  // The review closes it; the change hears the outcome.
  expect((await act('penyedia', rel.id, 'record_review', { summary: 'Rollback berhasil; penyebab dianalisis.' })).body.state).toBe('closed');
}, 90_000);

test('a rollback step that keeps failing parks the release; administrators see it and replay it after the target is fixed', async () => {
  target.program('park-deploy-app', { mode: 'sync' });
  target.program('park-migrate-db', { mode: 'sync', result: 'failed', message: 'migrasi gagal: kolom sudah ada' });
  target.program('park-undo-app', { rejectStatus: 422 });
  target.health('park-homepage', { status: 200 });
  const rel = await scheduledRelease('park');
  const parked = await waitForState(system(), 'penyedia', rel.id, ['rollback_failed']);
  // The failed deploy step started, so its rollback runs too (reverse order), then undo-app fails at once (4xx).
  expect(parked.data.rollback).toMatchObject({ reason: 'step_failed', trigger: ['migrate-db'], order: ['undo-db', 'undo-app'], done: ['undo-db'] });
  expect(parked.data.failedRollback).toMatchObject({ step: 'undo-app', run: 1, attempts: 1, lastError: expect.stringContaining('422') });
  expect(parked.waitingFor.map((w: { action: string }) => w.action)).toEqual(['replay_rollback', 'resolve_rollback']);
  expect(target.healthCalls('park-homepage')).toBe(0);

  const listed = await system().call('admin', 'GET', '/api/v1/admin/rollbacks?state=failed');
  expect(listed.status).toBe(200);
  expect(listed.body.items).toContainEqual(expect.objectContaining({
    caseId: rel.id, number: rel.number, state: 'rollback_failed', failedStep: 'undo-app', run: 1, attempts: 1, lastError: expect.stringContaining('422'),
    since: expect.any(String), change: { caseId: rel.change.id, number: rel.change.number }, done: ['undo-db'], replays: 0, resolved: false,
  }));
  expect((await system().call('teknis', 'GET', '/api/v1/admin/rollbacks')).body.code).toBe('missing_role');
  expect((await system().call('admin', 'GET', '/api/v1/admin/rollbacks?state=gagal')).status).toBe(400);
  // Only administrators replay, also through the generic action route.
  expect(await post('teknis', `/admin/releases/${rel.id}/rollback/replay`, { note: 'coba lagi' })).toMatchObject({ status: 403, body: { code: 'missing_role' } });
  expect(await act('teknis', rel.id, 'replay_rollback', { note: 'coba lagi' })).toMatchObject({ status: 403, body: { code: 'missing_role' } });
  expect((await post('admin', `/admin/releases/${rel.id}/rollback/replay`, {})).status).toBe(400);

  // "Fixing" the target, then replaying from the failed step: a new run, a new idempotency key.
  target.program('park-undo-app', { mode: 'sync' });
  const replayed = await post('admin', `/admin/releases/${rel.number}/rollback/replay`, { note: 'Kredensial pipeline diperbarui' }, { 'x-request-id': 'req-replay-1' });
  expect(replayed.status).toBe(200);
  expect(replayed.headers.get('x-request-id')).toBe('req-replay-1');
  const finished = await waitForState(system(), 'penyedia', rel.id, ['reviewing']);
  expect(finished.data).toMatchObject({ outcome: 'rolled_back', rollback: { done: ['undo-db', 'undo-app'], failure: null } });
  expect(target.calls('park-undo-app').map((c) => c.key)).toEqual([`sigap:${rel.id}:rollback:undo-app:1`, `sigap:${rel.id}:rollback:undo-app:2`]);
  expect(target.executions('park-undo-app')).toBe(1); // run 1 was refused (422) and never executed
  expect(target.executions('park-undo-db')).toBe(1);
  expect(target.executions('park-deploy-app')).toBe(1);

  const events = await timelineOf(system(), rel.id);
  const replay = events.filter((e) => e.action === 'replay_rollback');
  expect(replay).toHaveLength(1);
  expect(replay[0]).toMatchObject({ actor: { username: 'admin' }, payload: { note: 'Kredensial pipeline diperbarui', step: 'undo-app', run: 2, updateId: 'admin:request:req-replay-1' } });
  // Replaying what is not failed: 409, nothing changes; the same request again returns the first result.
  const again = await post('admin', `/admin/releases/${rel.id}/rollback/replay`, { note: 'lagi' });
  expect(again).toMatchObject({ status: 409, body: { code: 'rollback_not_failed' } });
  expect(again.body.detail).toContain('reviewing');
  expect((await post('admin', `/admin/releases/${rel.id}/rollback/replay`, { note: 'Kredensial pipeline diperbarui' }, { 'x-request-id': 'req-replay-1' })).status).toBe(200);
  expect((await timelineOf(system(), rel.id)).length).toBe(events.length);
  expect((await system().call('admin', 'GET', '/api/v1/admin/rollbacks?state=all')).body.items).toContainEqual(expect.objectContaining({ caseId: rel.id, state: 'reviewing', replays: 1 }));
  expect((await system().call('admin', 'GET', '/api/v1/admin/rollbacks')).body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(rel.id);
}, 120_000);

test('a parked rollback resolved by hand needs a written justification and is recorded as a finding', async () => {
  target.program('res-deploy-app', { mode: 'sync' });
  target.program('res-migrate-db', { mode: 'sync' });
  target.program('res-undo-db', { rejectStatus: 404 });
  target.program('res-undo-app', { mode: 'sync' });
  target.health('res-homepage', { status: 500 });
  const rel = await scheduledRelease('res');
  await waitForState(system(), 'penyedia', rel.id, ['rollback_failed']);
  expect((await post('admin', `/admin/releases/${rel.id}/rollback/resolve`, { justification: 'sudah' })).status).toBe(400);
  expect((await post('teknis', `/admin/releases/${rel.id}/rollback/resolve`, { justification: 'Basis data dipulihkan manual dari cadangan pukul 22.00.' })).status).toBe(403);
  const resolved = await post('admin', `/admin/releases/${rel.id}/rollback/resolve`, { justification: 'Basis data dipulihkan manual dari cadangan pukul 22.00.' });
  expect(resolved.status).toBe(200);
  const after = await waitForState(system(), 'penyedia', rel.id, ['reviewing']);
  expect(after.data).toMatchObject({ outcome: 'rollback_resolved', rollback: { resolution: { by: 'admin', step: 'undo-db' } } });
  expect(target.executions('res-undo-app')).toBe(0);
  const events = await timelineOf(system(), rel.id);
  expect(events.find((e) => e.action === 'resolve_rollback')).toMatchObject({ actor: { username: 'admin' }, payload: { justification: 'Basis data dipulihkan manual dari cadangan pukul 22.00.', step: 'undo-db', updateId: expect.stringMatching(/^admin:request:/) } });
  const findings = await system().orm.em.fork().execute<Array<{ kind: string; case_id: string }>>(`select kind, case_id from finding where case_id = ?`, [rel.id]);
  expect(findings).toEqual([{ kind: 'rollback_resolved_manually', case_id: rel.id }]);
  expect(await post('admin', `/admin/releases/${rel.id}/rollback/resolve`, { justification: 'Basis data dipulihkan manual dari cadangan pukul 22.00.' })).toMatchObject({ status: 409, body: { code: 'rollback_not_failed' } });
}, 120_000);

test('segregation of duties: the change initiator may not execute the release; someone else may', async () => {
  target.program('sod-deploy-app', { mode: 'sync' });
  target.health('sod-homepage', { status: 200, body: 'versi 2.0.0' });
  const steps = [
    { kind: 'manual', id: 'backup', title: 'Cadangkan basis data', instructions: 'pg_dump sebelum deploy' },
    { kind: 'http', id: 'deploy-app', title: 'Deploy', request: { method: 'POST', url: target.stepUrl('sod-deploy-app') }, waitSeconds: 20 },
  ];
  const rel = await scheduledRelease('sod', {
    steps, rollbackSteps: [{ kind: 'manual', id: 'restore', title: 'Pulihkan', instructions: 'pg_restore', undoes: 'backup' }],
    evaluationCriteria: [{ kind: 'http_check', id: 'homepage', title: 'Beranda', url: target.healthUrl('sod-homepage'), bodyContains: 'versi 2.0.0', attempts: 1, intervalSeconds: 0 }],
  }, 'teknis2');
  await waitForState(system(), 'penyedia', rel.id, ['executing']);
  const refused = await act('teknis2', rel.id, 'confirm_step', { step: 'backup', outcome: 'succeeded' });
  expect(refused).toMatchObject({ status: 403, body: { code: 'segregation_of_duties_release' } });
  expect(refused.body.detail).toContain('pemisahan tugas');
  // A requester neither sees nor acts on a release (staff only).
  expect(await act('pemohon', rel.id, 'confirm_step', { step: 'backup', outcome: 'succeeded' })).toMatchObject({ status: 404, body: { code: 'case_not_found' } });
  expect(await act('penyedia', rel.id, 'confirm_step', { step: 'backup', outcome: 'succeeded' })).toMatchObject({ status: 403, body: { code: 'missing_role' } });
  expect(await act('teknis', rel.id, 'confirm_step', { step: 'deploy-app', outcome: 'succeeded' })).toMatchObject({ status: 409, body: { code: 'release_step_not_waiting' } });
  expect((await act('teknis', rel.id, 'confirm_step', { step: 'backup', outcome: 'succeeded', note: 'dump 2 GB' })).status).toBe(200);
  const verified = await waitForState(system(), 'penyedia', rel.id, ['reviewing']);
  expect(verified.data).toMatchObject({ outcome: 'succeeded', rollback: null });
  expect(target.executions('sod-deploy-app')).toBe(1);
}, 90_000);

test('the Berita Acara Serah Terima is rendered once per case and stored with its SHA-256', async () => {
  const acts = createReleaseDocumentActivities(system().orm, () => new Date('2026-12-01T03:00:00Z'));
  // A release case of its own (the plan is never approved, so its workflow stays waiting).
  const change = await approvedChange(system(), 'pengelola');
  const created = await post('teknis', '/releases', releasePlan(target, 'bast', change.number));
  expect(created.status).toBe(201);
  const kase = { id: created.body.id as string, number: created.body.number as string };
  const data = { requester: { username: 'pemohon', name: 'Budi <Pemohon>' }, headOfUnit: { name: 'Kepala Dinas' }, maintenanceUntil: '2027-03-01T03:00:00Z' };
  const first = await acts.renderHandover({ tenantId: 'serang', caseId: kase.id, number: kase.number, data });
  expect(first.documentId).toBe(handoverDocumentId(kase.id));
  const again = await acts.renderHandover({ tenantId: 'serang', caseId: kase.id, number: kase.number, data: { ...data, requester: { username: 'x', name: 'Lain' } } });
  expect(again).toEqual(first);
  const [doc] = await system().orm.em.fork().execute<Array<{ content: Buffer; sha256: string; kind: string; case_id: string; media_type: string }>>(
    'select content, sha256, kind, case_id, media_type from document where id = ?', [first.documentId]);
  expect(doc).toMatchObject({ kind: 'berita_acara_serah_terima', case_id: kase.id, media_type: 'text/html; charset=utf-8', sha256: first.sha256 });
  expect(createHash('sha256').update(doc!.content).digest('hex')).toBe(first.sha256);
  const html = doc!.content.toString('utf8');
  // Bahasa Indonesia first, then English, in one document.
  expect(html).toContain('Berita Acara Serah Terima Layanan TI');
  expect(html.indexOf('Pada hari ini')).toBeGreaterThan(0);
  expect(html.indexOf('Pada hari ini')).toBeLessThan(html.indexOf('the undersigned'));
  expect(html).toContain(kase.number);
  expect(html).toContain('Budi &lt;Pemohon&gt;');
  expect(html).toContain('1 Maret 2027');
  expect(html).toContain('Selasa, 1 Desember 2026');
  // Over HTTP the case's staff download it, with its digest.
  const res = await fetch(`${system().baseUrl}/api/v1/documents/${first.documentId}`, { headers: { authorization: `Bearer ${await system().token('penyedia')}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('digest')).toBe(`sha-256=${Buffer.from(first.sha256, 'hex').toString('base64')}`);

  await acts.recordServiceHandover({ tenantId: 'serang', services: ['SIMPEG'], at: Date.parse('2026-12-01T03:00:00Z') });
  const [svc] = await system().orm.em.fork().execute<Array<{ handed_over_at: Date }>>(`select handed_over_at from service where tenant_id = 'serang' and code = 'SIMPEG'`);
  expect(new Date(svc!.handed_over_at).toISOString()).toBe('2026-12-01T03:00:00.000Z');
}, 30_000);
