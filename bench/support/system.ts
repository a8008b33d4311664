// The system a benchmark runs against: the integration tests' own (test/support/system.ts: embedded
// PostgreSQL and a Temporal dev server on free ports, migrations, demo tenants, the API in this
// process), with the worker as a real child process (worker/main.ts) so its memory can be read.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import os from 'node:os';
import v8 from 'node:v8';
import { temporalBinaries } from '../../scripts/lib/temporalDevServer.ts';
import { demoTenants } from '../../scripts/demo.ts';
import type { Principal } from '../../api/auth/principal.ts';
import { submitRequest } from '../../api/services/requests.ts';
import { startTestSystem, type TestSystem } from '../../test/support/system.ts';
import { runPool, sleep } from './stats.ts';

export type BenchSystem = TestSystem;

/** A whole Sigap on free ports; the worker is started by the case (`startWorker('childProcess')`) when it needs one. */
export async function startBenchSystem(): Promise<BenchSystem> {
  return startTestSystem();
}

/** Stops the system; a failure to stop is reported, not thrown over the case's own result or error. */
export async function stopQuietly(sys: BenchSystem): Promise<void> {
  await sys.stop().catch((err: unknown) => console.error('could not stop the benchmark system:', err));
}

/** Pid of the worker child polling the system's task queue (the SDK's identity is `<pid>@<host>`). */
export async function workerPid(sys: BenchSystem): Promise<number> {
  const res = await sys.deps.temporal.workflowService.describeTaskQueue({
    namespace: sys.config.TEMPORAL_NAMESPACE, taskQueue: { name: sys.config.TEMPORAL_TASK_QUEUE }, taskQueueType: 1,
  });
  const pids = [...new Set((res.pollers ?? []).map((p) => Number(p.identity?.split('@')[0])).filter((p) => p > 0 && p !== process.pid))];
  if (pids.length !== 1) throw new Error(`expected one worker process polling, found ${pids.join(', ') || 'none'}`);
  return pids[0]!;
}

/** Resident set size now and its peak (VmHWM) of a process, in MiB, from /proc. */
export async function rssOf(pid: number): Promise<{ rssMiB: number; peakMiB: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rssMiB: Math.round(kib('VmRSS') / 102.4) / 10, peakMiB: Math.round(kib('VmHWM') / 102.4) / 10 };
}

/** Sizes (table + indexes + TOAST) of the read model's tables and the whole database, in MiB. */
export async function readModelSize(sys: BenchSystem): Promise<Record<string, number>> {
  const rows = await sys.orm.em.fork().execute<Array<{ name: string; bytes: string }>>(
    `select t as name, pg_total_relation_size(t::regclass) as bytes from unnest(array['sigap_case', 'case_event', 'submission', 'notification']) t
     union all select 'database', pg_database_size(current_database())`);
  return Object.fromEntries(rows.map((r) => [r.name, Math.round(Number(r.bytes) / 2 ** 20 * 10) / 10]));
}

/** A demo user as the API would see them after signing in (for the API's services called in-process). */
export function principalOf(username: string, tenantId = 'serang'): Principal {
  const user = demoTenants().find((t) => t.id === tenantId)?.users.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${tenantId}/${username}`);
  return { kind: 'user', tenantId, username, name: user.name, roles: user.roles };
}

/**
 * Submits a request through the API's own service (api/services/requests.ts `submitRequest`): the
 * intake transaction, then the workflow start — what POST /requests does, without HTTP and JWT.
 */
export async function submitInProcess(sys: BenchSystem, catalogueItem: string, n: number): Promise<string> {
  const { caseId } = await submitRequest(sys.deps, principalOf('pemohon'), {
    catalogueItem, title: `Permintaan uji beban ${n}`, description: 'Dibuat oleh npm run bench', channel: 'portal', documents: [],
  } as Parameters<typeof submitRequest>[2], null);
  return caseId;
}

/** A catalogue item (Formulir A) with a fulfilment target in calendar time, through PUT /catalogue as the administrator. */
export async function putCatalogueItem(sys: BenchSystem, code: string, targetMs: number, requiresApproval = false): Promise<void> {
  const res = await sys.call('admin', 'PUT', `/api/v1/catalogue/${code}`, {
    name: { id: `Layanan uji beban ${code}`, en: `Benchmark service ${code}` },
    description: { id: 'Item katalog untuk npm run bench', en: 'Catalogue item for npm run bench' },
    group: 'Uji beban', fulfilmentTarget: { ms: targetMs, basis: 'calendar' }, requiresApproval,
  });
  if (res.status !== 200 && res.status !== 201) throw new Error(`PUT /catalogue/${code}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Polls `count()` until it reaches `target`; throws after `timeoutMs` saying how far it got. */
export async function waitForCount(what: string, count: () => Promise<number>, target: number, timeoutMs: number, log?: (line: string) => void): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastLog = Date.now();
  for (;;) {
    const n = await count();
    if (n >= target) return;
    if (Date.now() > deadline) throw new Error(`${what}: ${n} of ${target} after ${Math.round(timeoutMs / 1000)} s`);
    if (log && Date.now() - lastLog > 15_000) { log(`${what}: ${n} / ${target}`); lastLog = Date.now(); }
    await sleep(500);
  }
}

/** Counts audit events of an action over the system's cases. */
export async function countEvents(sys: BenchSystem, action: string): Promise<number> {
  const [row] = await sys.orm.em.fork().execute<Array<{ n: string }>>('select count(*) as n from case_event where action = ?', [action]);
  return Number(row!.n);
}

/** Versions and settings every figure is reported with. */
export async function environment(sys: BenchSystem): Promise<Record<string, string | number>> {
  const require = createRequire(import.meta.url);
  const sdk = (require('@temporalio/worker/package.json') as { version: string }).version;
  const { stdout } = await promisify(execFile)(temporalBinaries().temporal, ['--version']);
  const [pg] = await sys.orm.em.fork().execute<Array<{ server_version: string }>>('show server_version');
  const heapMiB = v8.getHeapStatistics().heap_size_limit / 2 ** 20;
  return {
    'Temporal CLI (dev server, in-memory SQLite)': stdout.trim().replace(/^temporal version /, ''),
    'PostgreSQL (embedded)': pg!.server_version, Node: process.version, 'Temporal TypeScript SDK': sdk,
    // The SDK's default workflow cache size (worker-options.js) for this heap limit, reused V8 context.
    'worker maxCachedWorkflows (SDK default for the heap limit)': Math.max(Math.floor((Math.max(heapMiB - 200, 0) * 600) / 1024), 10),
    cores: os.cpus().length,
  };
}

/**
 * Submits `count` requests (catalogue item `item`) in batches, each waiting until the worker has run its
 * cases' start (audit event `started`) before the next: a worker handed more than it keeps up with lets
 * workflow tasks wait past their 10 s timeout, and the redone work makes the backlog grow. Stops early
 * once `until` (epoch ms) has passed; returns how many were submitted.
 */
export async function submitResting(sys: BenchSystem, item: string, count: number, o: { concurrency: number; until?: number; batch?: number; log?: (line: string) => void }): Promise<number> {
  const batch = o.batch ?? 100;
  const startedBefore = await countEvents(sys, 'started');
  let submitted = 0;
  while (submitted < count && Date.now() < (o.until ?? Infinity)) {
    const n = Math.min(batch, count - submitted);
    const from = submitted;
    await runPool(n, o.concurrency, (i) => submitInProcess(sys, item, from + i).then(() => undefined));
    submitted += n;
    await waitForCount(`${item}: cases started`, () => countEvents(sys, 'started'), startedBefore + submitted, 600_000, o.log);
  }
  return submitted;
}
