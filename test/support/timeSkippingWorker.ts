// A worker on the time-skipping test server for the tests of one file: workflows from the shared
// bundle, activities that record what they are asked (plus any the file adds), and, with
// `npm run record-histories`, each test's last tracked workflow history saved for the replay test.
//
// Tests leave their workflows running rather than terminating them: a terminate that races a workflow
// task still in flight (right after an update the validator rejected, say) was seen to leave the
// time-skipping server's clock locked ("Task not found when completing … Completed workflow"), so every
// later env.sleep of the file hung. The server and its workflows go with the file's teardown.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { testCalendar } from '../fixtures/requests.ts';
import { recordingActivities, type Recorded } from '../workflows/recordingActivities.ts';
import { historyToFileText } from './histories.ts';
import { createTimeSkippingEnv } from './timeSkipping.ts';
import { getWorkflowBundle } from './workflowBundle.ts';

export interface TimeSkippingWorker {
  env: TestWorkflowEnvironment;
  recorded: Recorded;
  taskQueue: string;
  /** Remembers a started workflow so its history can be recorded after the test. */
  track(handle: { fetchHistory(): Promise<unknown> }): void;
}

export function useTimeSkippingWorker(options: { historyPrefix?: string; activities?: object } = {}): TimeSkippingWorker {
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;
  const tracked: Array<{ name: string; handle: { fetchHistory(): Promise<unknown> } }> = [];
  const ctx = {
    taskQueue: `test-${randomUUID()}`,
    track(handle: { fetchHistory(): Promise<unknown> }) {
      const name = expect.getState().currentTestName!.split(' ').slice(0, 4).join('-').replace(/[^a-z0-9-]/gi, '').toLowerCase();
      tracked.push({ name, handle });
    },
  } as TimeSkippingWorker;

  beforeAll(async () => {
    ctx.env = await createTimeSkippingEnv();
    const rec = recordingActivities(() => Date.now(), () => testCalendar);
    ctx.recorded = rec.recorded;
    worker = await Worker.create({
      connection: ctx.env.nativeConnection, taskQueue: ctx.taskQueue, workflowBundle: await getWorkflowBundle(),
      activities: { ...rec.activities, ...options.activities },
    });
    running = worker.run();
  }, 120_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await ctx.env?.teardown();
  });

  afterEach(async () => {
    const last = tracked.at(-1);
    if (process.env.SIGAP_RECORD_HISTORIES === '1' && options.historyPrefix && last) {
      await writeFile(new URL(`../histories/${options.historyPrefix}-${last.name}.json`, import.meta.url), historyToFileText(await last.handle.fetchHistory() as never));
    }
    tracked.length = 0;
  });
  return ctx;
}
