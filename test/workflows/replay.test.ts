// Replays recorded workflow histories (test/histories/) against today's workflow code: a change
// that breaks determinism for running cases fails here. Re-record with `npm run record-histories`
// only for a deliberate, versioned change (see README, "Changing a workflow"). Every workflow the
// worker runs must have at least one history, or a change to it could never fail this test.
import { readdir, readFile } from 'node:fs/promises';
import { Worker } from '@temporalio/worker';
import * as workflows from '../../workflows/index.ts';
import { getWorkflowBundle } from '../support/workflowBundle.ts';
import { installTestRuntime } from '../support/runtime.ts';
import { historyFromFileText } from '../support/histories.ts';

const dir = new URL('../histories/', import.meta.url);

async function readHistories() {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(files.map(async (f) => ({
    workflowId: f.replace(/\.json$/, ''),
    history: historyFromFileText(await readFile(new URL(f, dir), 'utf8')),
  })));
}

test('every workflow type the worker runs has a recorded history', async () => {
  const recorded = new Set((await readHistories()).map(({ workflowId, history }) => {
    const type = history.events.find((e) => e.workflowExecutionStartedEventAttributes)?.workflowExecutionStartedEventAttributes?.workflowType?.name;
    if (!type) throw new Error(`${workflowId}: no WorkflowExecutionStarted event`);
    return type;
  }));
  const missing = Object.keys(workflows).filter((name) => !recorded.has(name)).sort();
  expect(missing).toEqual([]);
});

test('every recorded history replays without nondeterminism', async () => {
  installTestRuntime();
  const histories = await readHistories();
  expect(histories.length).toBeGreaterThanOrEqual(4);
  const results = Worker.runReplayHistories({ workflowBundle: await getWorkflowBundle() }, histories);
  const failures: string[] = [];
  for await (const r of results) if (r.error) failures.push(`${r.workflowId}: ${String(r.error)}`);
  expect(failures).toEqual([]);
}, 600_000); // a correctness test, not a speed target: 97 histories on a loaded 2-core CI machine took 138 s
