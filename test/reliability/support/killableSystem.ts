// A whole Sigap whose parts each run as their own process, so a reliability test can kill -9 any of them
// and start it again: PostgreSQL (embedded, same data folder and port after a restart), the API
// (api/server.ts, with its submission reconciler and webhook dispatcher) and any number of workers
// (worker/main.ts) on one task queue. The Temporal dev server is not killed (Temporal's own durability is
// not what is tested). Mail goes to a real SMTP sink, release steps to the stand-in deployment system.
// Workers load a workflow bundle built ahead (SIGAP_WORKFLOW_BUNDLE_PATH), as production replicas do.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import { loadConfig, type Config } from '../../../config/index.ts';
import { closeDatabase, openDatabase } from '../../../db/orm.ts';
import { ensureDemoKeys, type DemoKeys } from '../../../api/auth/demoKeys.ts';
import { connectTemporal } from '../../../api/temporal.ts';
import { seedDemoTenants } from '../../../scripts/demo.ts';
import { spawnNodeScript, type ExitInfo, type ManagedProcess } from '../../../scripts/lib/processes.ts';
import { freePort } from '../../db/pg.ts';
import { startTestTemporal, type TestTemporal } from '../../support/devServer.ts';
import { installTestRuntime } from '../../support/runtime.ts';
import { getWorkflowBundle } from '../../support/workflowBundle.ts';
import { markWorkflowBundle } from '../../../worker/bundle.ts';
import { demoTokens, waitForPoller } from '../../support/system.ts';
import { startKillablePostgres, type KillablePostgres } from './killablePostgres.ts';

export interface WorkerHandle {
  readonly name: string;
  readonly pid: number;
  /** Resolves when the process exits (for any reason). */
  readonly exited: Promise<ExitInfo>;
}

export interface KillableSystem {
  baseUrl: string;
  config: Config;
  /** The test's own connection, for assertions on the records (reconnects after a PostgreSQL restart). */
  orm: MikroORM;
  temporal: Client;
  dataDir: string;
  token(username: string, tenant?: string): Promise<string>;
  postgres: KillablePostgres;
  startApi(): Promise<void>;
  killApi(): Promise<void>;
  startWorker(name?: string): Promise<WorkerHandle>;
  killWorker(name?: string): Promise<void>;
  workers(): WorkerHandle[];
  /** Processes that exited without being killed by the test (a crash is a finding, not noise). */
  unexpectedExits: string[];
  stop(): Promise<void>;
}

export interface KillableSystemOptions {
  smtpUrl: string;
}

export async function startKillableSystem(options: KillableSystemOptions): Promise<KillableSystem> {
  installTestRuntime();
  const dataDir = await mkdtemp(join(tmpdir(), 'sigap-reliability-'));
  const [postgres, temporalServer]: [KillablePostgres, TestTemporal] = await Promise.all([startKillablePostgres(), startTestTemporal()]);
  // A bundle built ahead (as in production), so a restarted worker polls in seconds instead of running webpack.
  const bundlePath = join(dataDir, 'workflow-bundle.js');
  const { code } = await getWorkflowBundle() as { code: string };
  await writeFile(bundlePath, markWorkflowBundle(code, false));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    DATABASE_URL: postgres.url, TEMPORAL_ADDRESS: temporalServer.address, TEMPORAL_TASK_QUEUE: `sigap-reliability-${randomUUID()}`,
    SIGAP_DATA_DIR: dataDir, SIGAP_DEMO: 'true', LOG_LEVEL: 'warn', PORT: String(port), PUBLIC_URL: baseUrl, SMTP_URL: options.smtpUrl,
    SIGAP_WORKFLOW_BUNDLE_PATH: bundlePath,
  };
  const config = loadConfig({ ...env });
  const orm = await openDatabase(postgres.url);
  await seedDemoTenants(orm);
  const demoKeys: DemoKeys = await ensureDemoKeys(dataDir);
  const temporal = await connectTemporal(config);

  const unexpectedExits: string[] = [];
  const killing = new Set<ManagedProcess>();
  const watch = (proc: ManagedProcess) => {
    void proc.exited.then((info) => {
      if (!killing.has(proc)) unexpectedExits.push(`${proc.name} (pid ${proc.pid}) exited on its own: ${info.signal ?? `code ${info.code}`}`);
    });
    return proc;
  };
  const kill = async (proc: ManagedProcess) => {
    killing.add(proc);
    await proc.stop('SIGKILL');
  };

  let api: ManagedProcess | undefined;
  const workers = new Map<string, ManagedProcess>();

  const system: KillableSystem = {
    baseUrl, config, orm, temporal, dataDir, postgres, unexpectedExits,
    token: demoTokens(demoKeys),
    async startApi() {
      if (api) throw new Error('the API is already running');
      api = watch(spawnNodeScript({ name: 'api', script: 'api/server.ts', env, logFile: join(dataDir, 'api.log') }));
      await waitForHttp(`${baseUrl}/health/live`, api);
    },
    async killApi() {
      if (!api) throw new Error('the API is not running');
      await kill(api);
      api = undefined;
    },
    async startWorker(name = 'worker') {
      if (workers.has(name)) throw new Error(`${name} is already running`);
      const proc = watch(spawnNodeScript({ name, script: 'worker/main.ts', env, logFile: join(dataDir, `${name}.log`) }));
      workers.set(name, proc);
      await waitForPoller({ config, temporal }, env.TEMPORAL_TASK_QUEUE!, proc.pid, 180_000);
      return handleOf(proc);
    },
    async killWorker(name = 'worker') {
      const proc = workers.get(name);
      if (!proc) throw new Error(`${name} is not running`);
      await kill(proc);
      workers.delete(name);
    },
    workers: () => [...workers.values()].map(handleOf),
    async stop() {
      await Promise.all([...workers.values(), ...(api ? [api] : [])].map(kill));
      await temporal.connection.close().catch(() => undefined);
      await closeDatabase(orm).catch(() => undefined);
      await Promise.all([postgres.cleanup(), temporalServer.stop()]);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return system;
}

function handleOf(proc: ManagedProcess): WorkerHandle {
  return { name: proc.name, pid: proc.pid ?? -1, exited: proc.exited };
}

/** Waits until `url` answers 200 (the API listens), failing early when its process exits. */
async function waitForHttp(url: string, proc: ManagedProcess, timeoutMs = 120_000): Promise<void> {
  let exited: ExitInfo | undefined;
  void proc.exited.then((info) => { exited = info; });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${proc.name} exited while starting (${exited.signal ?? `code ${exited.code}`})`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}
