// The workflows that no time-skipping test drives with real activities (the periodic review, webhook
// deliveries, calendar propagation and the three Schedule kickoffs), run on a whole Sigap as
// production starts them: through the API, the webhook dispatcher, or by triggering the real Schedule
// (so the history carries the search attributes a Schedule sets, TemporalScheduledStartTime among
// them). Each test checks what the workflow did; with `npm run record-histories` each history is also
// saved for replay.test.ts.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { useTestSystem } from '../support/system.ts';
import { readUntil } from '../support/eventually.ts';
import { historyToFileText } from '../support/histories.ts';
import { dispatchPendingWebhooks } from '../../api/services/webhooks.ts';
import { ensureProblemReviewSchedules } from '../../api/services/problemReview.ts';
import { ensureEvaluationSchedules } from '../../api/services/evaluationSchedule.ts';
import { ensureAvailabilityReportSchedules } from '../../api/services/availabilitySchedule.ts';
import { periodEndedBy } from '../../policy/problem.ts';
import { periodEndedBefore } from '../../policy/evaluationPeriod.ts';
import { monthEndedBefore } from '../../policy/availabilityReport.ts';
import type { ProblemReviewResult } from '../../workflows/problemReview.ts';

const system = useTestSystem();
const call = (who: string, method: string, path: string, body?: unknown) => system().call(who, method, `/api/v1${path}`, body);
const sql = <T = unknown>(q: string, params: unknown[] = []) => system().orm.em.fork().execute<T[]>(q, params);
const localDate = (t: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(t); // YYYY-MM-DD in WIB

/** Waits for the workflow's result; with SIGAP_RECORD_HISTORIES=1 saves its history as test/histories/<name>.json. */
async function completed<T>(workflowId: string, name: string): Promise<T> {
  const handle = system().deps.temporal.workflow.getHandle(workflowId);
  const result = await handle.result() as T;
  if (process.env.SIGAP_RECORD_HISTORIES === '1') {
    await writeFile(new URL(`../histories/${name}.json`, import.meta.url), historyToFileText(await handle.fetchHistory() as never));
  }
  return result;
}

/** Fires a Schedule now, as its calendar would; returns the id of the workflow it started. */
async function fire(scheduleId: string): Promise<string> {
  const handle = system().deps.temporal.schedule.getHandle(scheduleId);
  await handle.trigger();
  const d = await readUntil(() => handle.describe(), (x) => x.info.recentActions.length > 0, 30_000);
  return d.info.recentActions.at(-1)!.action.workflow.workflowId;
}

const incidents: Array<{ id: string; number: string }> = [];

test('problemReview: three incidents of one service and category today make one recurring finding that opens a problem', async () => {
  for (const symptoms of ['Galat 502 di halaman login.', 'Galat 502 lagi.', 'Galat 502 sejak pagi.']) {
    const res = await call('pengelola', 'POST', '/incidents', { service: 'PERIZINAN-ONLINE', category: 'Aplikasi tidak dapat diakses', symptoms, impact: 'mayor', reporter: 'pemohon' });
    expect(res.status).toBe(201);
    await system().started(res.body.id);
    incidents.push(res.body);
  }
  const today = localDate(Date.now());
  const review = await call('penyedia', 'POST', '/problem-reviews', { from: localDate(Date.now() - 86_400_000), to: today });
  expect(review.status).toBe(201);
  const [row] = await sql<{ workflow_id: string }>('select workflow_id from sigap_case where id = ?', [review.body.caseId]);
  const result = await completed<ProblemReviewResult>(row!.workflow_id, 'problemReview-a-recurring-finding-opens-a-problem');
  expect(result.totals).toEqual({ incidents: 3, closed: 0, open: 3 });
  expect(result.findings.map((f) => [f.kind, f.service, f.count, f.incidents, f.outcome])).toEqual([
    ['recurrence_service_category', 'PERIZINAN-ONLINE', 3, incidents.map((i) => i.number), 'opened'],
  ]);
  const problemId = result.findings[0]!.problem!.caseId;
  const opened = await readUntil(() => call('teknis', 'GET', `/cases/${problemId}`), (r) => r.body.state === 'logged', 30_000);
  expect(opened.body).toMatchObject({ type: 'problem', state: 'logged', data: { origin: { kind: 'review', number: result.number } } });
  expect(opened.body.links.map((l: { id: string }) => l.id).sort()).toEqual(incidents.map((i) => i.id).sort());
});

test('problemReview: the Schedule reviews the half-year that ended last and reports it to the service owner', async () => {
  await ensureProblemReviewSchedules(system().deps);
  const result = await completed<ProblemReviewResult>(await fire('problem-review:serang'), 'problemReview-the-schedule-reviews-the-last-half-year');
  expect(result.period.id).toBe(periodEndedBy(Date.now(), 'Asia/Jakarta', 6).id);
  expect(result.findings).toEqual([]); // the only incidents are today's
  const reports = await sql<{ recipient: string }>(`select recipient from notification where case_id = ? and template = 'problem-review-report'`, [result.caseId]);
  expect(reports.map((r) => r.recipient)).toEqual(['penyedia']);
});

describe('webhookDelivery', () => {
  // One receiver: /flaky answers 500 to the first attempt of each message and then 200; /down always 503.
  let receiver: Server;
  let base: string;
  const seen: Array<{ path: string; id: string; status: number }> = [];
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const id = String(req.headers['webhook-id']);
        const status = req.url === '/down' ? 503 : seen.some((s) => s.id === id) ? 200 : 500;
        seen.push({ path: req.url ?? '', id, status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  });
  afterAll(async () => { await new Promise((r) => receiver.close(r)); });

  test('a delivery succeeds after a failed attempt; one whose receiver stays down is marked failed after its last attempt', async () => {
    const flaky = await call('admin', 'POST', '/webhooks', { url: `${base}/flaky`, events: ['classify'] });
    const down = await call('admin', 'POST', '/webhooks', { url: `${base}/down`, events: ['classify'] });
    expect([flaky.status, down.status]).toEqual([201, 201]);
    const submitted = await call('pemohon', 'POST', '/requests', { catalogueItem: 'HOSTING-APP', title: 'Hosting aplikasi arsip', description: 'VM 2 vCPU' });
    await system().started(submitted.body.id);
    expect((await call('pengelola', 'POST', `/cases/${submitted.body.id}/actions/classify`, { classification: 'fulfilment', priority: 'medium' })).status).toBe(200);
    const rows = await readUntil(() => sql<{ id: string; subscription_id: string }>('select id, subscription_id from webhook_delivery where case_id = ?', [submitted.body.id]), (r) => r.length === 2);
    expect(await dispatchPendingWebhooks(system().deps, { retry: { initialIntervalMs: 100, maximumIntervalMs: 200, maximumAttempts: 2 } })).toBe(2);
    const toFlaky = rows.find((r) => r.subscription_id === flaky.body.id)!;
    const toDown = rows.find((r) => r.subscription_id === down.body.id)!;

    expect(await completed(`webhook:${toFlaky.id}`, 'webhookDelivery-delivered-after-a-failed-attempt')).toBe('delivered');
    expect(await completed(`webhook:${toDown.id}`, 'webhookDelivery-failed-after-the-last-attempt')).toBe('failed');
    expect(seen.filter((s) => s.id === toFlaky.id).map((s) => s.status)).toEqual([500, 200]);
    expect(seen.filter((s) => s.id === toDown.id).map((s) => s.status)).toEqual([503, 503]);
    const log = await sql<{ id: string; status: string; attempts: number; last_status_code: number }>(
      'select id, status, attempts, last_status_code from webhook_delivery where case_id = ?', [submitted.body.id]);
    expect(log.find((r) => r.id === toFlaky.id)).toMatchObject({ status: 'delivered', attempts: 2, last_status_code: 200 });
    expect(log.find((r) => r.id === toDown.id)).toMatchObject({ status: 'failed', attempts: 2, last_status_code: 503 });
  });
});

test('drpTestKickoff: the yearly Schedule of a Kritis service with a plan opens its DRP exercise', async () => {
  const plan = { availabilityTarget: 99.5, operatingSchedule: '24x7', rto: { value: 4, unit: 'hours' }, rpo: { value: 1, unit: 'hours' } };
  expect((await call('penyedia', 'PUT', '/continuity-plans/PERIZINAN-ONLINE', plan)).status).toBe(200); // saving the plan creates the Schedule
  const result = await completed<{ caseId: string | null; number: string | null; reason: string | null }>(
    await fire('drp-test:serang:PERIZINAN-ONLINE'), 'drpTestKickoff-opens-the-yearly-exercise');
  expect(result).toMatchObject({ number: expect.stringMatching(/^BCN-\d{4}-\d{6}$/), reason: null });
  const [exercise] = await readUntil(
    () => sql<{ state: string; last_seq: number; data: { mode: string; services: Array<{ code: string }> } }>('select state, last_seq, data from sigap_case where id = ?', [result.caseId]),
    (r) => r[0] !== undefined && r[0].last_seq >= 1, 30_000);
  expect(exercise).toMatchObject({ data: { mode: 'exercise', services: [{ code: 'PERIZINAN-ONLINE' }] } });
  expect(exercise!.last_seq).toBeGreaterThanOrEqual(1); // its disaster workflow runs
});

test('evaluationKickoff: the Schedule opens the evaluation of the semester just ended', async () => {
  await ensureEvaluationSchedules(system().deps);
  const result = await completed<{ caseId: string; number: string; period: string }>(await fire('evaluation:serang'), 'evaluationKickoff-opens-the-semester-just-ended');
  expect(result.period).toBe(periodEndedBefore(Date.now(), { atLeast: 1, perMonths: 6 }, 'Asia/Jakarta').label);
  const [evaluation] = await readUntil(
    () => sql<{ state: string; data: { trigger: string } }>('select state, data from sigap_case where id = ?', [result.caseId]),
    (r) => r[0]?.state === 'analysing', 30_000);
  expect(evaluation).toMatchObject({ state: 'analysing', data: { trigger: 'schedule' } });
});

test('availabilityMonth: the Schedule opens the availability report of the month just ended', async () => {
  await ensureAvailabilityReportSchedules(system().deps);
  const result = await completed<{ caseId: string; number: string; month: string }>(await fire('availability-report:serang'), 'availabilityMonth-opens-the-month-just-ended');
  expect(result.month).toBe(monthEndedBefore(Date.now(), 'Asia/Jakarta'));
  const [report] = await readUntil(
    () => sql<{ state: string; data: { trigger: string; month: string } }>('select state, data from sigap_case where id = ?', [result.caseId]),
    (r) => r[0]?.state === 'preparing', 30_000);
  expect(report).toMatchObject({ state: 'preparing', data: { trigger: 'schedule', month: result.month } });
});

test('calendarPropagation: a holiday change reaches every open case, and each incident records it', async () => {
  const [open] = await sql<{ n: number }>(`select count(*)::int as n from sigap_case where tenant_id = 'serang' and closed_at is null`);
  const year = new Date().getUTCFullYear() + 1;
  const current = (await call('admin', 'GET', `/calendar/holidays?year=${year}`)).body.holidays as Array<{ date: string }>;
  const date = [`${year}-11-11`, `${year}-11-12`].find((d) => !current.some((h) => h.date === d))!;
  const put = await call('admin', 'PUT', `/calendar/holidays?year=${year}`, { holidays: [...current, { date, kind: 'agency', name: 'Libur daerah' }] });
  expect(put.status).toBe(200);
  const result = await completed<{ signalled: number }>(`calendar:serang:v${put.body.version}`, 'calendarPropagation-reaches-every-open-case');
  expect(open!.n).toBeGreaterThanOrEqual(incidents.length + 4); // the incidents, the problem, the exercise, the evaluation, the report
  expect(result.signalled).toBe(open!.n);
  for (const incident of incidents) {
    const timeline = await readUntil(() => call('pengelola', 'GET', `/cases/${incident.id}/timeline`),
      (r) => r.body.events.some((e: { action: string }) => e.action === 'calendar_changed'));
    expect(timeline.body.events.find((e: { action: string }) => e.action === 'calendar_changed')).toMatchObject({ payload: { calendarVersion: put.body.version } });
  }
});
