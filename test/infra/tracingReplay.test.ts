// With tracing on, workers run the workflows with OpenTelemetry's workflow interceptors in the bundle. Cases
// started before tracing was turned on must still replay: every recorded history (test/histories/) is
// replayed here against the bundle with those interceptors and the span sink registered, as worker/main.ts runs it.
// CI replays one history per workflow type (test/workflows/replay.test.ts replays them all without tracing);
// `npm run test:reliability` (SIGAP_RELIABILITY=full) replays every one.
import { readdir, readFile } from 'node:fs/promises';
import { makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry';
import { Resource } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Worker } from '@temporalio/worker';
import { workflowInterceptorModules } from '../../worker/createWorker.ts';
import { historyFromFileText } from '../support/histories.ts';
import { installTestRuntime } from '../support/runtime.ts';
import { getWorkflowBundle } from '../support/workflowBundle.ts';

const dir = new URL('../histories/', import.meta.url);

test('every recorded history replays under the bundle with the tracing interceptors', async () => {
  installTestRuntime();
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  expect(files.length).toBeGreaterThanOrEqual(4);
  const all = await Promise.all(files.map(async (f) => ({
    workflowId: f.replace(/\.json$/, ''),
    history: historyFromFileText(await readFile(new URL(f, dir), 'utf8')),
  })));
  const typeOf = (h: (typeof all)[number]) => h.history.events.find((e) => e.workflowExecutionStartedEventAttributes)?.workflowExecutionStartedEventAttributes?.workflowType?.name;
  const histories = process.env.SIGAP_RELIABILITY === 'full' ? all : all.filter((h, i) => all.findIndex((o) => typeOf(o) === typeOf(h)) === i);
  expect(new Set(histories.map(typeOf)).size).toBe(new Set(all.map(typeOf)).size);
  const modules = workflowInterceptorModules(true);
  expect(modules).toHaveLength(1);
  const workflowBundle = await getWorkflowBundle({ workflowInterceptorModules: modules });
  const spans = new InMemorySpanExporter();
  const sinks = { exporter: makeWorkflowExporter(new SimpleSpanProcessor(spans), new Resource({ 'service.name': 'replay' })) };
  const failures: string[] = [];
  for await (const r of Worker.runReplayHistories({ workflowBundle, sinks }, histories)) if (r.error) failures.push(`${r.workflowId}: ${String(r.error)}`);
  expect(failures).toEqual([]);
  // A replay re-runs code already run: its spans were exported the first time and are not sent again.
  expect(spans.getFinishedSpans()).toEqual([]);
}, 300_000);
