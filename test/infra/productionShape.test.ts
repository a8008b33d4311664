// The production shape (README, "Operations"): Temporal and PostgreSQL as separate servers the processes
// only reach by address, two worker processes and two API processes on one task queue and database, as
// `npm run worker` / `npm run api` start them, with tracing to an OTLP collector, metrics and JSON logs.
// A request submitted through one API and decided through the other completes; both APIs' /metrics count
// it while open and the workers' count its start and closure; one trace runs from the API's HTTP span through the workflow to its activities.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ensureDemoKeys, signDemoToken, type DemoKeys } from '../../api/auth/demoKeys.ts';
import { closeDatabase, openDatabase } from '../../db/orm.ts';
import { demoTenants, seedDemoTenants } from '../../scripts/demo.ts';
import { spawnNodeScript, type ManagedProcess } from '../../scripts/lib/processes.ts';
import { freePort, startTestPostgres, type TestPostgres } from '../db/pg.ts';
import { startTestTemporal, type TestTemporal } from '../support/devServer.ts';
import { eventually } from '../support/eventually.ts';
import { startOtlpReceiver, type OtlpReceiver } from '../support/otlpReceiver.ts';
import { installTestRuntime } from '../support/runtime.ts';
import { getWorkflowBundle } from '../support/workflowBundle.ts';
import { markWorkflowBundle } from '../../worker/bundle.ts';
import { workflowInterceptorModules } from '../../worker/createWorker.ts';

const METRICS_TOKEN = `metrics-${randomUUID()}`;
const STARTUP_MS = 150_000;

let pg: TestPostgres;
let temporal: TestTemporal;
let env: TestWorkflowEnvironment;
let orm: MikroORM;
let otlp: OtlpReceiver;
let demoKeys: DemoKeys;
let dataDir: string;
const processes: ManagedProcess[] = [];
const apis: Array<{ url: string; log: string }> = [];
const workers: Array<{ metricsUrl: string; log: string; process: ManagedProcess }> = [];
let sdkMetricsUrl = '';

beforeAll(async () => {
  installTestRuntime();
  // "External" servers: started here, reached by the Sigap processes only through DATABASE_URL and TEMPORAL_ADDRESS.
  [pg, temporal] = await Promise.all([startTestPostgres(), startTestTemporal()]);
  env = await TestWorkflowEnvironment.createFromExistingServer({ address: temporal.address, namespace: temporal.namespace });
  orm = await openDatabase(pg.url);
  await seedDemoTenants(orm);
  dataDir = await mkdtemp(join(tmpdir(), 'sigap-production-shape-'));
  demoKeys = await ensureDemoKeys(dataDir); // shared by both APIs, as a shared OIDC provider would be
  otlp = await startOtlpReceiver();
  // Workers start from a bundle built ahead, with the tracing interceptors (as worker/bundle.ts builds it).
  const bundlePath = join(dataDir, 'workflow-bundle.js');
  const { code } = await getWorkflowBundle({ workflowInterceptorModules: workflowInterceptorModules(true) });
  await writeFile(bundlePath, markWorkflowBundle(code, true));
  const common = {
    DATABASE_URL: pg.url, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_NAMESPACE: temporal.namespace,
    TEMPORAL_TASK_QUEUE: `sigap-prod-${randomUUID()}`, SIGAP_DATA_DIR: dataDir, SIGAP_DEMO: 'true', LOG_LEVEL: 'info',
    SIGAP_METRICS_TOKEN: METRICS_TOKEN, OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, OTEL_BSP_SCHEDULE_DELAY: '200',
  };
  for (const n of [1, 2]) {
    const port = await freePort();
    const log = join(dataDir, `worker-${n}.log`);
    // Worker 1 also serves the Temporal SDK's own metrics; worker 2 runs with tuned concurrency.
    const sdkPort = n === 1 ? await freePort() : undefined;
    if (sdkPort) sdkMetricsUrl = `http://127.0.0.1:${sdkPort}/metrics`;
    const workerEnv = {
      ...common, SIGAP_WORKFLOW_BUNDLE_PATH: bundlePath, SIGAP_WORKER_METRICS_PORT: String(port), TEMPORAL_SDK_LOG_LEVEL: 'DEBUG',
      ...(sdkPort ? { SIGAP_WORKER_SDK_METRICS_ADDRESS: `127.0.0.1:${sdkPort}` } : { SIGAP_WORKER_MAX_CONCURRENT_ACTIVITIES: '4', SIGAP_WORKER_MAX_CACHED_WORKFLOWS: '50' }),
    };
    const child = spawnNodeScript({ name: `worker-${n}`, script: 'worker/main.ts', env: workerEnv, logFile: log });
    processes.push(child);
    workers.push({ metricsUrl: `http://127.0.0.1:${port}/metrics`, log, process: child });
  }
  for (const n of [1, 2]) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const log = join(dataDir, `api-${n}.log`);
    processes.push(spawnNodeScript({ name: `api-${n}`, script: 'api/server.ts', env: { ...common, PORT: String(port), PUBLIC_URL: url }, logFile: log }));
    apis.push({ url, log });
  }
  await eventually(async () => {
    for (const api of apis) expect((await fetch(`${api.url}/health/ready`)).status).toBe(200);
  }, STARTUP_MS, 500);
  // Both workers must be polling the one task queue.
  await eventually(async () => {
    const { pollers } = await env.client.workflowService.describeTaskQueue({
      namespace: temporal.namespace, taskQueue: { name: common.TEMPORAL_TASK_QUEUE }, taskQueueType: 1, // workflow
    });
    const identities = (pollers ?? []).map((p) => p.identity ?? '');
    for (const w of workers) expect(identities.some((id) => id.startsWith(`${w.process.pid}@`))).toBe(true);
  }, STARTUP_MS, 500);
}, 2 * STARTUP_MS + 60_000);

afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop()));
  await env?.teardown();
  if (orm) await closeDatabase(orm);
  await Promise.all([temporal?.stop(), pg?.cleanup(), otlp?.close()]);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

async function call(api: number, username: string, method: string, path: string, body?: unknown) {
  const user = demoTenants().find((t) => t.id === 'serang')!.users.find((u) => u.username === username)!;
  const token = await signDemoToken(demoKeys, { username, name: user.name, roles: user.roles, tenantId: 'serang', unit: user.unit, nip: user.nip });
  const res = await fetch(`${apis[api]!.url}${path}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: await res.json() as Record<string, any> };
}

const metrics = async (url: string) => {
  const res = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
};
/** The value of one sample line (`name{labels} value`), or 0 when the series is absent. */
const sample = (text: string, series: string) => Number(text.split('\n').find((l) => l.startsWith(`${series} `))?.split(' ')[1] ?? 0);
const jsonLines = async (file: string) => (await readFile(file, 'utf8')).split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);

test('a request submitted through one API and decided through the other completes, with metrics, one trace and JSON logs', async () => {
  // API 1 takes the submission; API 2 every step after it (approval by the service owner included).
  const created = await call(0, 'pemohon', 'POST', '/api/v1/requests', { catalogueItem: 'HOSTING-APP', title: 'Hosting aplikasi e-Perizinan', description: 'VM 4 vCPU, 8 GB RAM' });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  // Both APIs read the one read model: each counts the new case as open.
  const openSubmitted = 'sigap_cases_open{tenant="serang",case_type="request",state="submitted"}';
  for (const api of apis) expect(sample(await metrics(`${api.url}/metrics`), openSubmitted)).toBe(1);
  const steps: Array<[string, string, unknown]> = [
    ['pengelola', `/api/v1/cases/${id}/actions/classify`, { classification: 'fulfilment', priority: 'medium' }],
    ['penyedia', `/api/v1/cases/${id}/decisions`, { decision: 'approve', comment: 'Disetujui.' }],
    ['pengelola', `/api/v1/cases/${id}/actions/assign`, { assignee: 'teknis' }],
    ['teknis', `/api/v1/cases/${id}/actions/fulfil`, { resolution: 'VM siap.' }],
    ['pemohon', `/api/v1/cases/${id}/actions/confirm`, { satisfaction: 5 }],
  ];
  let last = created;
  for (const [who, path, body] of steps) {
    last = await call(1, who, 'POST', path, body);
    expect({ path, status: last.status }).toEqual({ path, status: 200 });
  }
  expect(last.body.state).toBe('closed');

  // The workflow has completed on the external Temporal (a worker of the two ran it).
  const [row] = await orm.em.fork().execute<Array<{ workflow_id: string }>>('select workflow_id from sigap_case where id = ?', [id]);
  const workflowId = row!.workflow_id;
  await env.client.workflow.getHandle(workflowId).result();
  expect((await env.client.workflow.getHandle(workflowId).describe()).status.name).toBe('COMPLETED');

  // Metrics: a bearer token is required; the closed case has left both APIs' open counts (cached up to 5 s).
  const refused = await fetch(`${apis[0]!.url}/metrics`);
  expect(refused.status).toBe(401);
  expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect((await refused.json() as { detail: string }).detail).toMatch(/token metrik/);
  await eventually(async () => {
    for (const api of apis) expect((await metrics(`${api.url}/metrics`)).match(/^sigap_cases_open\{[^}]*case_type="request"[^}]*\} [1-9]/m)).toBeNull();
  }, 30_000, 500);
  expect(sample(await metrics(`${apis[0]!.url}/metrics`), 'sigap_http_request_duration_seconds_count{method="POST",route="/api/v1/requests",status="201"}')).toBe(1);
  expect(sample(await metrics(`${apis[1]!.url}/metrics`), 'sigap_http_request_duration_seconds_count{method="POST",route="/api/v1/cases/:id/decisions",status="200"}')).toBe(1);
  // The workers count what their activities recorded: together one start and one closure.
  const workerTexts = await Promise.all(workers.map((w) => metrics(w.metricsUrl)));
  const total = (series: string) => workerTexts.reduce((sum, t) => sum + sample(t, series), 0);
  expect(total('sigap_cases_started_total{workflow="requestFulfilment"}')).toBe(1);
  expect(total('sigap_cases_closed_total{workflow="requestFulfilment",state="closed"}')).toBe(1);
  expect(total('sigap_case_events_total{workflow="requestFulfilment",action="decide"}')).toBe(1);
  // The SDK's metrics: the task latencies that tell when to add workers (README, "Scaling workers").
  const sdkText = await (await fetch(sdkMetricsUrl)).text();
  const sdkNames = [...new Set(sdkText.split('\n').filter((l) => l.startsWith('temporal_')).map((l) => l.split(/[{ ]/)[0]))];
  expect(sdkNames).toEqual(expect.arrayContaining(['temporal_workflow_task_schedule_to_start_latency_bucket', 'temporal_activity_schedule_to_start_latency_bucket']));

  // One trace: the API's HTTP span → the workflow start → the workflow run (worker) → its activities.
  let traceId = '';
  await eventually(() => {
    const http = otlp.spans.find((s) => s.service === 'sigap-api' && s.name === 'POST /api/v1/requests');
    expect(http).toBeDefined();
    traceId = http!.traceId;
    const names = otlp.spans.filter((s) => s.traceId === traceId).map((s) => `${s.service} ${s.name}`);
    expect(names).toEqual(expect.arrayContaining([
      'sigap-api StartWorkflow:requestFulfilment', 'sigap-worker RunWorkflow:requestFulfilment',
      'sigap-worker StartActivity:recordTransition', 'sigap-worker RunActivity:recordTransition',
    ]));
  }, 30_000, 250);
  const inTrace = otlp.spans.filter((s) => s.traceId === traceId);
  const parentOf = (name: string) => inTrace.find((s) => s.spanId === inTrace.find((c) => c.name === name)!.parentSpanId)?.name;
  expect(parentOf('StartWorkflow:requestFulfilment')).toBe('POST /api/v1/requests');
  expect(parentOf('RunWorkflow:requestFulfilment')).toBe('StartWorkflow:requestFulfilment');
  expect(parentOf('RunActivity:recordTransition')).toBe('StartActivity:recordTransition');

  // Logs are JSON lines: the API's request line has the case and trace, the workers' SDK lines the workflow, case and trace.
  const apiLines = await jsonLines(apis[1]!.log);
  expect(apiLines).toContainEqual(expect.objectContaining({ component: 'api', msg: 'request', route: '/api/v1/cases/:id/decisions', caseId: id, trace_id: expect.stringMatching(/^[0-9a-f]{32}$/) }));
  const workerLines = (await Promise.all(workers.map((w) => jsonLines(w.log)))).flat();
  expect(workerLines).toContainEqual(expect.objectContaining({ component: 'worker', workflowId, caseId: id, activityType: 'recordTransition', trace_id: traceId }));
}, 120_000);
