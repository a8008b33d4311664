// The time-skipping test environment starts from the local binary and skips a long timer at once.
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnv } from '../support/timeSkipping.ts';
import { removeTempDir } from '../support/tmp.ts';
import { getWorkflowBundle } from '../support/workflowBundle.ts';
import { writeFixtureWorkflows } from './fixtures.ts';
import type { FixtureWorkflows } from './fixtures.ts';

let env: TestWorkflowEnvironment | undefined;
let fixture: FixtureWorkflows | undefined;

afterAll(async () => {
  await env?.teardown();
  if (fixture) removeTempDir(fixture.dir);
});

test('starts the time-skipping server and fires a 30-day timer in moments', async () => {
  const started = Date.now();
  env = await createTimeSkippingEnv();
  const startMs = Date.now() - started;
  expect(env.supportsTimeSkipping).toBe(true);

  fixture = writeFixtureWorkflows();
  const workflowBundle = await getWorkflowBundle({ workflowsPath: fixture.workflowsPath, cacheDir: false });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: 'infra-time-skipping',
    workflowBundle,
  });
  const t = Date.now();
  const result = await worker.runUntil(
    env.client.workflow.execute('longTimer', {
      workflowId: `time-skipping-${Date.now()}`,
      taskQueue: 'infra-time-skipping',
      args: ['dpr', 30 * 24 * 3600 * 1000],
    }),
  );
  expect(result).toBe('done:dpr');
  console.log(`time-skipping env started in ${startMs} ms; 30-day timer completed in ${Date.now() - t} ms`);
}, 90_000);
