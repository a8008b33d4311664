// A whole Sigap for integration tests: embedded PostgreSQL and a Temporal dev server on free ports,
// migrations, the demo tenants, the API (in this process, on a free port) and a worker (in this
// process, or as a child process that a test may kill -9).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { pino } from 'pino';
import { closePdfRenderer } from '../../reports/pdf.ts';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Worker } from '@temporalio/worker';
import { loadConfig, type Config } from '../../config/index.ts';
import { closeDatabase, openDatabase } from '../../db/orm.ts';
import { ensureDemoKeys, signDemoToken, type DemoKeys } from '../../api/auth/demoKeys.ts';
import { createJwtVerifierFromConfig } from '../../api/auth/jwt.ts';
import { createApp } from '../../api/app.ts';
import { connectTemporal } from '../../api/temporal.ts';
import type { ApiDeps } from '../../api/deps.ts';
import { createSigapWorker } from '../../worker/createWorker.ts';
import { demoTenants, seedDemoTenants } from '../../scripts/demo.ts';
import { spawnNodeScript, type ManagedProcess } from '../../scripts/lib/processes.ts';
import { startTestPostgres, type TestPostgres } from '../db/pg.ts';
import { startTestTemporal, type TestTemporal } from './devServer.ts';
import { installTestRuntime } from './runtime.ts';
import { getWorkflowBundle } from './workflowBundle.ts';

export interface TestSystem {
  baseUrl: string;
  config: Config;
  deps: ApiDeps;
  orm: MikroORM;
  databaseUrl: string;
  temporalAddress: string;
  /** A bearer token for a demo user of a tenant (default serang). */
  token(username: string, tenant?: string): Promise<string>;
  /** fetch against the API with a demo user's token and JSON body. */
  call(username: string | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  /** Waits until the case's workflow has recorded its start (it does so just after the POST returns). */
  started(caseId: string): Promise<Array<{ seq: number; action: string }>>;
  startWorker(mode?: 'inProcess' | 'childProcess'): Promise<void>;
  /** Stops the worker: gracefully (in process) or with SIGKILL (child process). */
  stopWorker(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestSystem(): Promise<TestSystem> {
  installTestRuntime();
  const dataDir = await mkdtemp(join(tmpdir(), 'sigap-system-'));
  const [pg, temporal]: [TestPostgres, TestTemporal] = await Promise.all([startTestPostgres(), startTestTemporal()]);
  const taskQueue = `sigap-test-${randomUUID()}`;
  // The port is known before the config: PUBLIC_URL is where browsers come back to (/auth/callback, the demo IdP).
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const env = {
    DATABASE_URL: pg.url, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: taskQueue,
    SIGAP_DATA_DIR: dataDir, SIGAP_DEMO: 'true', LOG_LEVEL: 'warn', PORT: String((server.address() as AddressInfo).port), PUBLIC_URL: baseUrl,
  };
  const config = loadConfig({ ...env });
  const orm = await openDatabase(pg.url);
  await seedDemoTenants(orm);
  const demoKeys: DemoKeys = await ensureDemoKeys(dataDir);
  const temporalClient = await connectTemporal(config);
  const deps: ApiDeps = { config, orm, temporal: temporalClient, now: () => Date.now() };
  const app = createApp(deps, { verifyJwt: createJwtVerifierFromConfig(config, { demoKeys }), logger: pino({ level: process.env.SIGAP_TEST_API_LOG ?? 'silent' }) });
  server.on('request', app);

  let inProcess: { worker: Worker; running: Promise<void>; close(): Promise<void> } | undefined;
  let child: ManagedProcess | undefined;
  const token = demoTokens(demoKeys);

  const system: TestSystem = {
    baseUrl, config, deps, orm, databaseUrl: pg.url, temporalAddress: temporal.address, token,
    async call(username, method, path, body, headers = {}) {
      const tenant = headers['x-test-tenant'] ?? 'serang';
      const { 'x-test-tenant': _t, ...rest } = headers;
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(username ? { authorization: `Bearer ${await token(username, tenant)}` } : {}),
          ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
          ...rest,
        },
        ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try { parsed = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async started(caseId) {
      for (let i = 0; i < 200; i++) {
        const events = await orm.em.fork().execute<Array<{ seq: number; action: string }>>('select seq, action from case_event where case_id = ? order by seq', [caseId]);
        if (events.some((e) => e.action === 'started')) return events;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`case ${caseId} never started`);
    },
    async startWorker(mode = 'inProcess') {
      if (mode === 'inProcess') {
        const { worker, connection } = await createSigapWorker({ config, orm, workflowBundle: await getWorkflowBundle() });
        inProcess = { worker, running: worker.run(), close: () => connection.close() };
      } else {
        child = spawnNodeScript({ name: 'worker', script: 'worker/main.ts', env: { ...env, LOG_LEVEL: 'warn' }, logFile: join(dataDir, 'worker.log') });
        await waitForPoller(deps, taskQueue, child.pid);
      }
    },
    async stopWorker() {
      if (inProcess) {
        inProcess.worker.shutdown();
        await inProcess.running;
        await inProcess.close();
        inProcess = undefined;
      }
      if (child) {
        await child.stop('SIGKILL');
        child = undefined;
      }
    },
    async stop() {
      await system.stopWorker();
      // The API prints PDFs with one Chromium per process; a test that asked for one must not leave it running.
      await closePdfRenderer();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await temporalClient.connection.close();
      await closeDatabase(orm);
      await Promise.all([pg.cleanup(), temporal.stop()]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return system;
}

/** Bearer tokens of the demo users (signed once per user and tenant). */
export function demoTokens(demoKeys: DemoKeys): (username: string, tenant?: string) => Promise<string> {
  const tokens = new Map<string, string>();
  return async (username, tenant = 'serang') => {
    const key = `${tenant}/${username}`;
    const cached = tokens.get(key);
    if (cached) return cached;
    const user = demoTenants().find((t) => t.id === tenant)?.users.find((u) => u.username === username);
    if (!user) throw new Error(`no demo user ${key}`);
    const jwt = await signDemoToken(demoKeys, { username, name: user.name, roles: user.roles, tenantId: tenant, unit: user.unit, nip: user.nip });
    tokens.set(key, jwt);
    return jwt;
  };
}

/** Waits until the worker process `pid` polls the task queue (a child needs a few seconds to bundle). */
export async function waitForPoller(deps: Pick<ApiDeps, 'config' | 'temporal'>, taskQueue: string, pid: number | undefined, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await deps.temporal.workflowService.describeTaskQueue({
      namespace: deps.config.TEMPORAL_NAMESPACE, taskQueue: { name: taskQueue }, taskQueueType: 1, // workflow
    });
    // The SDK's default identity is <pid>@<host>; a killed worker's poller stays listed for a while.
    if ((res.pollers ?? []).some((p) => p.identity?.startsWith(`${pid}@`))) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no worker polled ${taskQueue} within ${timeoutMs} ms`);
}

/**
 * Starts a test system (and its worker) before the tests of a file and stops it after them.
 * Returns a getter: `const sys = useTestSystem(); … sys().call(…)`.
 */
export function useTestSystem(worker: 'inProcess' | 'childProcess' = 'inProcess'): () => TestSystem {
  let system: TestSystem | undefined;
  beforeAll(async () => {
    system = await startTestSystem();
    await system.startWorker(worker);
  }, 180_000);
  afterAll(async () => { await system?.stop(); }, 60_000);
  return () => system ?? (() => { throw new Error('the test system has not started'); })();
}
