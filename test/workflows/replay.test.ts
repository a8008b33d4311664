// Replays recorded workflow histories (test/histories/) against today's workflow code: a change
// that breaks determinism for running cases fails here. Re-record with `npm run record-histories`
// only for a deliberate, versioned change (see README, "Changing a workflow").
import { readdir, readFile } from 'node:fs/promises';
import { Worker } from '@temporalio/worker';
import { getWorkflowBundle } from '../support/workflowBundle.ts';
import { installTestRuntime } from '../support/runtime.ts';
import { historyFromFileText } from '../support/histories.ts';

const dir = new URL('../histories/', import.meta.url);

test('every recorded history replays without nondeterminism', async () => {
  installTestRuntime();
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  expect(files.length).toBeGreaterThanOrEqual(4);
  const histories = await Promise.all(files.map(async (f) => ({
    workflowId: f.replace(/\.json$/, ''),
    history: historyFromFileText(await readFile(new URL(f, dir), 'utf8')),
  })));
  const results = Worker.runReplayHistories({ workflowBundle: await getWorkflowBundle() }, histories);
  const failures: string[] = [];
  for await (const r of results) if (r.error) failures.push(`${r.workflowId}: ${String(r.error)}`);
  expect(failures).toEqual([]);
}, 120_000);
