// The semester evaluation over HTTP, on a real Temporal dev server and PostgreSQL: bad periods get a
// clear 4xx and open nothing; the Schedule (1 January and 1 July, 01:00 WIB) fires and opens the
// evaluation of the semester just ended with figures from seeded records; each chapter is analysed by
// its analyst only (403 for others, 422 for an unknown chapter or a missed target without obstacles);
// the head of unit returns a chapter, then approves; Formulir I is stored; the follow-up becomes a
// tracked improvement action, completed by its owner, and the next evaluation shows it as done; the
// register and the maturity assessment.
import { randomUUID } from 'node:crypto';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { useTestSystem } from '../support/system.ts';
import { readUntil } from '../support/eventually.ts';
import { EVALUATION_CATCHUP_WINDOW_MS, ensureEvaluationSchedules } from '../../api/services/evaluationSchedule.ts';
import { periodEndedBefore } from '../../policy/evaluationPeriod.ts';

const system = useTestSystem();
const post = (who: string, path: string, body: unknown, headers?: Record<string, string>) => system().call(who, 'POST', `/api/v1${path}`, body, headers);
const get = (who: string, path: string) => system().call(who, 'GET', `/api/v1${path}`);
const act = (who: string, id: string, action: string, body: unknown) => post(who, `/cases/${id}/actions/${action}`, body);
const sql = <T = unknown>(q: string, params: unknown[] = []) => system().orm.em.fork().execute<T[]>(q, params);
const count = async (q: string, params: unknown[] = []) => Number((await sql<{ n: string }>(q, params))[0]!.n);

const HOUR = 3_600_000;
/** The semester that ended last in Asia/Jakarta (the dev server runs in real time). */
const PERIOD = periodEndedBefore(Date.now(), { atLeast: 1, perMonths: 6 }, 'Asia/Jakarta');
const inPeriod = (days: number) => new Date(Date.parse(PERIOD.from) + days * 24 * HOUR).toISOString();

async function closedRequest(slaMet: boolean, satisfaction: number, closedAt: string) {
  const id = randomUUID();
  const number = `REQ-SEED-${id.slice(0, 8)}`;
  await sql(
    `insert into sigap_case (id, tenant_id, case_type, number, workflow_id, service_code, title, state, requester_username, data, sla_met, created_at, updated_at, closed_at)
     values (?, 'serang', 'request', ?, ?, null, 'Seed request', 'closed', 'pemohon', ?::jsonb, ?, ?, ?, ?)`,
    [id, number, `request:serang:${number}`, JSON.stringify({ item: { code: 'AKUN-EMAIL' }, satisfaction, formD: { satisfaction } }), slaMet, closedAt, closedAt, closedAt]);
}

beforeAll(async () => {
  // Chapter A: two requests completed in the semester, one late (its target missed).
  await closedRequest(true, 5, inPeriod(10));
  await closedRequest(false, 3, inPeriod(40));
});

const evaluations = () => count(`select count(*) as n from sigap_case where tenant_id = 'serang' and case_type = 'evaluation'`);

test('bad periods get a clear 4xx and open nothing', async () => {
  const reversed = await post('kadis', '/evaluations', { from: '2026-06-30', to: '2026-01-01' });
  expect(reversed).toMatchObject({ status: 400, body: { code: 'period_ends_before_start' } });
  expect(reversed.body.detail).toContain('sebelum dimulai');
  expect((await post('kadis', '/evaluations', { period: '2026-S1', from: '2026-01-01', to: '2026-06-30' })).body.code).toBe('invalid_evaluation_period');
  expect((await post('kadis', '/evaluations', { from: '2026-02-30', to: '2026-06-30' })).body.code).toBe('invalid_evaluation_period');
  expect((await post('kadis', '/evaluations', { period: '2026-S3' })).status).toBe(400);
  const running = periodEndedBefore(Date.now() + 200 * 24 * HOUR, { atLeast: 1, perMonths: 6 }, 'Asia/Jakarta');
  expect(await post('kadis', '/evaluations', { period: running.label })).toMatchObject({ status: 422, body: { code: 'period_not_ended' } });
  expect((await post('pemohon', '/evaluations', { period: PERIOD.label })).status).toBe(403);
  expect((await post('pengelola', '/evaluations', { period: PERIOD.label })).status).toBe(403);
  expect(await evaluations()).toBe(0);
});

test('the Schedule opens the semester just ended; analyses by the right people; return, approve, publish; follow-ups tracked and shown next time', async () => {
  const created = await ensureEvaluationSchedules(system().deps);
  expect(created.map((s) => s.scheduleId).sort()).toEqual(['evaluation:dpr', 'evaluation:serang', 'evaluation:setwapres']);
  expect((await ensureEvaluationSchedules(system().deps)).every((s) => !s.created)).toBe(true);
  const handle = system().deps.temporal.schedule.getHandle('evaluation:serang');
  const d = await handle.describe();
  expect(d.spec.timezone).toBe('Asia/Jakarta');
  expect(d.spec.calendars![0]).toMatchObject({ dayOfMonth: [{ start: 1, end: 1, step: 1 }], hour: [{ start: 1, end: 1, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }] });
  expect(d.spec.calendars![0]!.month).toHaveLength(2);
  expect(d.policies).toMatchObject({ overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: EVALUATION_CATCHUP_WINDOW_MS });
  // Next run: 1 January or 1 July, 01:00 WIB (18:00 UTC the day before).
  const next = new Date(d.info.nextActionTimes[0]!.getTime() + 7 * HOUR);
  expect([0, 6]).toContain(next.getUTCMonth());
  expect(next.getUTCDate()).toBe(1);
  expect(d.info.nextActionTimes[0]!.toISOString()).toMatch(/T18:00:00\.000Z$/);
  expect((await get('koordinator', '/evaluations/schedule')).body).toMatchObject({ exists: true, timezone: 'Asia/Jakarta', overlap: 'SKIP', months: [1, 7] });
  // setwapres evaluates once a year (L.1 «minimal 1 kali dalam 1 tahun»): January only.
  expect((await system().deps.temporal.schedule.getHandle('evaluation:setwapres').describe()).spec.calendars![0]!.month).toHaveLength(1);

  await handle.trigger();
  const [evaluation] = await readUntil(
    () => sql<{ id: string; number: string; state: string; data: any }>(`select id, number, state, data from sigap_case where tenant_id = 'serang' and case_type = 'evaluation'`),
    (rows) => rows.length === 1 && rows[0]!.data.figures !== null && rows[0]!.data.figures !== undefined, 60_000);
  const id = evaluation!.id;
  expect(evaluation!.number).toMatch(/^EVL-\d{4}-\d+$/);
  expect(evaluation!).toMatchObject({ state: 'analysing', data: { trigger: 'schedule', period: { label: PERIOD.label, fromDate: PERIOD.fromDate, toDate: PERIOD.toDate } } });
  expect(evaluation!.data.figures.requests).toMatchObject({ completed: 2, met: 1, notMet: 1, satisfaction: { ratings: 2, meanMilli: 4000 } });
  expect(evaluation!.data.chapters.find((c: { id: string }) => c.id === 'A')).toMatchObject({ missed: true, analysedByRole: 'service_coordinator' });
  expect(evaluation!.data.missingChapters).toEqual(['A', 'B', 'C', 'D', 'E']);
  await readUntil(() => count(`select count(*) as n from notification where case_id = ? and template = 'evaluation-open' and recipient = 'pemulihan'`, [id]), (n) => n === 1);
  // On demand for the same semester: the same case (one evaluation per period).
  expect(await post('kadis', '/evaluations', { period: PERIOD.label })).toMatchObject({ status: 200, body: { id } });

  const events = () => count('select count(*) as n from case_event where case_id = ?', [id]);
  const n0 = await events();
  const chapterA = { chapter: 'A', obstacles: 'Petugas layanan kurang pada bulan Februari', improvements: 'Penambahan petugas', followUps: [{ description: 'Rekrut dua petugas layanan', ownerRole: 'service_desk', dueOn: '2026-12-31' }] };
  expect(await act('teknis', id, 'submit_analysis', chapterA)).toMatchObject({ status: 403, body: { code: 'missing_role' } });
  expect(await act('koordinator', id, 'submit_analysis', { ...chapterA, obstacles: '' })).toMatchObject({ status: 422, body: { code: 'obstacles_required', chapter: 'A' } });
  expect(await act('koordinator', id, 'submit_analysis', { ...chapterA, chapter: 'Z' })).toMatchObject({ status: 422, body: { code: 'chapter_not_in_evaluation', chapters: ['Z'] } });
  expect((await act('koordinator', id, 'submit_analysis', { ...chapterA, followUps: [{ description: 'Rekrut', ownerRole: 'penyihir' }] })).body.code).toBe('unknown_owner_role');
  expect((await act('koordinator', id, 'submit_analysis', { ...chapterA, followUps: [{ description: 'Rekrut', dueOn: PERIOD.toDate }] })).body.code).toBe('follow_up_due_before_period_end');
  expect((await act('kadis', id, 'approve', {})).status).toBe(409);
  expect(await events()).toBe(n0);

  expect((await act('koordinator', id, 'submit_analysis', chapterA)).status).toBe(200);
  expect((await act('koordinator', id, 'submit_analysis', { chapter: 'B', obstacles: '-', improvements: 'Reviu berkala gangguan' })).status).toBe(200);
  for (const ch of ['C', 'E']) expect((await act('teknis', id, 'submit_analysis', { chapter: ch, obstacles: 'Tidak ada', improvements: 'Pemantauan' })).status).toBe(200);
  const lastIn = await act('pemulihan', id, 'submit_analysis', { chapter: 'D', obstacles: 'Tidak ada', improvements: 'Uji coba DRP' });
  expect(lastIn.body.state).toBe('approving');
  await readUntil(() => count(`select count(*) as n from notification where case_id = ? and template = 'evaluation-approval' and recipient = 'kadis'`, [id]), (n) => n === 1);
  expect((await act('koordinator', id, 'approve', {})).status).toBe(403);
  const returned = await act('kadis', id, 'return', { chapters: ['B'], reason: 'Sertakan angka gangguan per prioritas' });
  expect(returned.body.state).toBe('analysing');
  expect((await act('koordinator', id, 'submit_analysis', { chapter: 'B', obstacles: 'Gangguan P2 terlambat', improvements: 'Eskalasi lebih awal' })).body.state).toBe('approving');
  expect((await get('kadis', `/evaluations/${id}/formulir-i`)).status).toBe(404);
  const approved = await act('kadis', id, 'approve', { note: 'Disetujui' });
  expect(approved.status).toBe(200);
  expect(approved.body.state).toBe('published');

  const form = await get('kadis', `/evaluations/${id}/formulir-i`);
  expect(form.status).toBe(200);
  expect(form.headers.get('content-type')).toMatch(/^text\/html/);
  const html = String(form.body);
  expect(html).toContain(evaluation!.number);
  expect(html).toContain('Petugas layanan kurang pada bulan Februari');
  const [doc] = await sql<{ kind: string }>(`select kind from document where case_id = ?`, [id]);
  expect(doc).toMatchObject({ kind: 'evaluation_report' });
  expect((await get('kadis', '/evaluations')).body.items).toEqual([expect.objectContaining({ id, state: 'published', documentId: expect.any(String) })]);

  // The follow-up is a tracked action; its owner completes it (once).
  const actions = await get('koordinator', `/improvements?evaluation=${evaluation!.number}`);
  expect(actions.body.items).toEqual([expect.objectContaining({
    number: expect.stringMatching(/^TL-\d{4}-\d{6}$/), origin: 'evaluation', chapter: 'A', description: 'Rekrut dua petugas layanan', ownerRole: 'service_desk',
    dueOn: '2026-12-31', status: 'open', evaluation: { id, number: evaluation!.number },
  })]);
  const action = actions.body.items[0];
  expect((await post('teknis', `/improvements/${action.id}/complete`, { resolution: 'Dua petugas direkrut' })).status).toBe(403);
  expect((await post('pengelola', `/improvements/${action.id}/complete`, { resolution: 'Dua petugas direkrut' }, { 'If-Match': '"7"' })).body.code).toBe('improvement_version_stale');
  const done = await post('pengelola', `/improvements/${action.id}/complete`, { resolution: 'Dua petugas direkrut' }, { 'If-Match': `"${action.version}"` });
  expect(done).toMatchObject({ status: 200, body: { status: 'done', resolvedBy: 'pengelola', resolution: 'Dua petugas direkrut' } });
  expect(await post('kadis', `/improvements/${action.id}/drop`, { reason: 'Tidak relevan' })).toMatchObject({ status: 409, body: { code: 'improvement_not_open' } });

  // The next evaluation shows it as done. (It was published in the month after the semester, as a
  // real publication would be: the test moves its creation there, since the dev server runs today.)
  await sql(`update improvement_action set created_at = ? where id = ?`, [inPeriod(200), action.id]);
  const yesterday = new Date(Date.now() + 7 * HOUR - 24 * HOUR).toISOString().slice(0, 10);
  const nextOne = await post('kadis', '/evaluations', { from: nextDay(PERIOD.toDate), to: yesterday });
  expect(nextOne.status).toBe(201);
  const [second] = await readUntil(
    () => sql<{ data: any }>(`select data from sigap_case where id = ?`, [nextOne.body.id]), (rows) => rows[0]?.data.figures != null, 60_000);
  expect(second!.data.figures.followUps).toMatchObject({ total: 1, done: 1, open: 0, overdue: 0 });
  expect(second!.data.figures.followUps.items).toEqual([expect.objectContaining({ number: action.number, status: 'done', evaluationNumber: evaluation!.number })]);
}, 180_000);

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);
}

test('the improvement register accepts only the profile\'s methods and kinds; maturity for staff with its evidence', async () => {
  const before = await count(`select count(*) as n from improvement_action where tenant_id = 'serang'`);
  expect((await post('pengelola', '/improvements', { description: 'Audit internal layanan' })).status).toBe(403);
  // serang regulates no improvement methods (dpr Pasal 22 does).
  expect(await post('kadis', '/improvements', { description: 'Audit internal layanan', method: 'audit' })).toMatchObject({ status: 422, body: { code: 'unknown_improvement_method' } });
  expect(await count(`select count(*) as n from improvement_action where tenant_id = 'serang'`)).toBe(before);
  const entry = await post('kadis', '/improvements', { description: 'Audit internal layanan', ownerRole: 'service_coordinator', dueOn: '2027-03-31' });
  expect(entry).toMatchObject({ status: 201, body: { origin: 'register', status: 'open', ownerRole: 'service_coordinator', evaluation: null } });

  const dpr = await system().token('admin', 'dpr');
  const call = (body: unknown) => fetch(`${system().baseUrl}/api/v1/improvements`, { method: 'POST', headers: { Authorization: `Bearer ${dpr}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const ok = await call({ description: 'Studi banding ke Kemenkeu', method: 'benchmarking', recommendationKind: 'with_third_party' });
  expect(ok.status).toBe(201);
  expect(await ok.json() as Record<string, unknown>).toMatchObject({ method: 'benchmarking', recommendationKind: 'with_third_party' });
  const bad = await call({ description: 'Studi banding', recommendationKind: 'eksternal' });
  expect(bad.status).toBe(422);
  expect((await bad.json() as { code: string }).code).toBe('unknown_recommendation_kind');

  expect((await get('pemohon', '/maturity')).status).toBe(403);
  const maturity = await get('kadis', '/maturity');
  expect(maturity.status).toBe(200);
  expect(maturity.body.levels.map((l: { level: number }) => l.level)).toEqual([1, 2, 3, 4, 5]);
  expect(maturity.body.level).toBeGreaterThanOrEqual(1);
  expect(maturity.body.evidence.processes.find((p: { process: string }) => p.process === 'request').cases).toBeGreaterThanOrEqual(2);
  expect((await get('kadis', `/maturity?at=${encodeURIComponent(new Date(Date.now() + 30 * 24 * HOUR).toISOString())}`)).body.code).toBe('maturity_in_future');
});
