// Every module an entry point may load first loads on its own under plain Node (no Jest module
// registry): an import cycle that reads a binding before it is initialised fails here, as it once did
// for `./sigap start` (scripts/demo.ts → api/services/changes.ts → … → processes.ts → changes.ts).
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_NODE } from '../../scripts/lib/processes.ts';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';

const run = promisify(execFile);

const inDir = (dir: string) => readdirSync(path.join(REPO_ROOT, dir)).filter((f) => f.endsWith('.ts')).map((f) => `${dir}/${f}`);

/** Modules that start nothing when imported (api/server.ts, worker/main.ts, scripts/start.ts do). */
const MODULES = [
  ...inDir('api/services'), ...inDir('api/routes'), 'api/app.ts', 'activities/index.ts', 'worker/createWorker.ts',
  'reports/registry.ts', 'scripts/demo.ts',
];

async function load(module: string): Promise<string | null> {
  try {
    await run(PROJECT_NODE, ['--no-warnings', '--input-type=module', '-e', `await import(${JSON.stringify(`./${module}`)})`], { cwd: REPO_ROOT, timeout: 30_000 });
    return null;
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? String(err);
    return `${module}: ${stderr.split('\n').find((l) => /Error/.test(l)) ?? stderr.slice(0, 300)}`;
  }
}

test('each module loads on its own under Node', async () => {
  const failures: string[] = [];
  const queue = [...MODULES];
  // Two at a time: one Node start each (about a second), on a 2-core machine.
  await Promise.all([0, 1].map(async () => {
    for (let m = queue.shift(); m; m = queue.shift()) {
      const failure = await load(m);
      if (failure) failures.push(failure);
    }
  }));
  expect(failures).toEqual([]);
}, 240_000);
