// The embedded Temporal dev server: starts, registers Sigap's search attributes, and keeps workflows
// (timers, search attributes) across a restart on the same data folder.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { SIGAP_SEARCH_ATTRIBUTES } from '../../scripts/lib/searchAttributes.ts';
import { startTemporalDevServer, temporalBinaries } from '../../scripts/lib/temporalDevServer.ts';
import { startTestTemporal } from '../support/devServer.ts';
import type { TestTemporal } from '../support/devServer.ts';
import { installTestRuntime } from '../support/runtime.ts';
import { makeTempDir, removeTempDir } from '../support/tmp.ts';
import { getWorkflowBundle } from '../support/workflowBundle.ts';
import { writeFixtureWorkflows } from './fixtures.ts';

const run = promisify(execFile);
const cleanups: Array<() => Promise<void> | void> = [];

beforeAll(() => {
  installTestRuntime();
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function withClient<T>(address: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address });
  try {
    return await fn(new Client({ connection, namespace: 'default' }));
  } finally {
    await connection.close();
  }
}

async function eventually<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('starts on free ports with the Sigap search attributes registered', async () => {
  const temporal = await startTestTemporal();
  cleanups.push(temporal.stop);
  console.log(`dev server (in-memory) ready in ${temporal.server.readyMs} ms at ${temporal.address}`);

  const { stdout } = await run(temporalBinaries().temporal, [
    'operator', 'search-attribute', 'list', '--address', temporal.address, '--namespace', 'default', '--output', 'json',
  ]);
  const listed = JSON.parse(stdout) as { customAttributes: Record<string, string> };
  for (const name of Object.keys(SIGAP_SEARCH_ATTRIBUTES)) expect(listed.customAttributes).toHaveProperty(name);
  expect(listed.customAttributes.SigapBreached).toMatch(/BOOL/i);
  expect(listed.customAttributes.SigapTenant).toMatch(/KEYWORD/i);

  // A second server can run at the same time (own gRPC, HTTP and metrics ports).
  const second = await startTestTemporal();
  cleanups.push(second.stop);
  expect(second.address).not.toBe(temporal.address);
  await withClient(second.address, async (client) => {
    await client.workflowService.getSystemInfo({});
  });

  await temporal.stop();
  await second.stop();
  expect(await temporal.server.exited).toBe(0);
}, 90_000);

test('refuses a port that is already taken, with a clear message', async () => {
  const temporal = await startTestTemporal();
  cleanups.push(temporal.stop);
  await expect(startTemporalDevServer({ dataDir: null, port: temporal.server.port, ui: false })).rejects.toThrow(
    /port \d+ .* already in use/,
  );
  await temporal.stop();
}, 90_000);

test('a workflow with a long timer survives a server restart on the same data folder', async () => {
  const fixture = writeFixtureWorkflows();
  const dataDir = makeTempDir('temporal-data-');
  cleanups.push(() => removeTempDir(dataDir), () => removeTempDir(fixture.dir));
  const workflowBundle = await getWorkflowBundle({ workflowsPath: fixture.workflowsPath, cacheDir: false });
  const workflowId = `long-timer-${Date.now()}`;
  const taskQueue = 'infra-restart';

  // First run: a worker starts the workflow, which tags itself and starts a 30-day timer.
  let temporal: TestTemporal = await startTestTemporal({ dataDir });
  cleanups.push(() => temporal.stop());
  const firstReadyMs = temporal.server.readyMs;
  const nativeConnection = await NativeConnection.connect({ address: temporal.address });
  try {
    const worker = await Worker.create({ connection: nativeConnection, namespace: 'default', taskQueue, workflowBundle });
    await worker.runUntil(
      withClient(temporal.address, async (client) => {
        const handle = await client.workflow.start('longTimer', {
          workflowId,
          taskQueue,
          args: ['serang', 30 * 24 * 3600 * 1000],
        });
        await eventually('the timer to start', async () => {
          const history = await handle.fetchHistory();
          return history.events?.some((e) => e.timerStartedEventAttributes) ? true : undefined;
        });
      }),
    );
  } finally {
    await nativeConnection.close();
  }
  await temporal.stop();

  // Second run on the same SQLite file (other ports): the workflow is still running, timer pending.
  temporal = await startTestTemporal({ dataDir });
  console.log(`dev server (SQLite) ready in ${firstReadyMs} ms on first start, ${temporal.server.readyMs} ms after restart`);
  await withClient(temporal.address, async (client) => {
    const handle = client.workflow.getHandle(workflowId);
    const description = await handle.describe();
    expect(description.status.name).toBe('RUNNING');
    const history = await handle.fetchHistory();
    expect(history.events?.some((e) => e.timerStartedEventAttributes)).toBe(true);
    expect(history.events?.some((e) => e.timerFiredEventAttributes)).toBe(false);

    // Visibility (search attributes) is persisted too.
    const found = await eventually('the visibility query to find the workflow', async () => {
      for await (const wf of client.workflow.list({ query: `SigapTenant = "serang" AND SigapBreached = false` })) {
        if (wf.workflowId === workflowId) return wf;
      }
      return undefined;
    });
    expect(found.status.name).toBe('RUNNING');
    await handle.terminate('test done');
  });
  await temporal.stop();
}, 120_000);
