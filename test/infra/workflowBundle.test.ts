// The workflow bundle helper: builds once, reuses from memory and from disk, rebuilds when an input changes.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';
import { PROJECT_NODE } from '../../scripts/lib/processes.ts';
import { clearWorkflowBundleMemoryCache, getWorkflowBundle } from '../support/workflowBundle.ts';
import { removeTempDir } from '../support/tmp.ts';
import { writeFixtureWorkflows } from './fixtures.ts';
import type { FixtureWorkflows } from './fixtures.ts';

let fixture: FixtureWorkflows;
let cacheDir: string;

beforeAll(() => {
  fixture = writeFixtureWorkflows();
  cacheDir = path.join(fixture.dir, 'cache');
});

afterAll(() => {
  removeTempDir(fixture.dir);
});

function options(): Parameters<typeof getWorkflowBundle>[0] {
  return { workflowsPath: fixture.workflowsPath, cacheDir, hashDirs: [path.dirname(fixture.workflowsPath)] };
}

test('builds once, then serves the same bundle from memory and from disk', async () => {
  const started = Date.now();
  const first = await getWorkflowBundle(options());
  const buildMs = Date.now() - started;
  expect(first.code).toContain('longTimer');
  expect(await getWorkflowBundle(options())).toBe(first);

  clearWorkflowBundleMemoryCache();
  const t = Date.now();
  const fromDisk = await getWorkflowBundle(options());
  const diskMs = Date.now() - t;
  expect(fromDisk).not.toBe(first);
  expect(fromDisk.code).toBe(first.code);
  expect(diskMs).toBeLessThan(buildMs);
  console.log(`workflow bundle: built in ${buildMs} ms, read from the disk cache in ${diskMs} ms`);
}, 120_000);

test('rebuilds when a workflow file or an imported file outside the workflows folder changes', async () => {
  const before = await getWorkflowBundle(options());

  fs.appendFileSync(fixture.helperPath, "export const UNUSED = 'changed helper';\n");
  clearWorkflowBundleMemoryCache();
  const afterHelper = await getWorkflowBundle(options());
  expect(afterHelper.code).not.toBe(before.code);
  expect(afterHelper.code).toContain('changed helper');

  fs.writeFileSync(path.join(path.dirname(fixture.workflowsPath), 'extra.ts'), 'export const EXTRA = 1;\n');
  clearWorkflowBundleMemoryCache();
  await getWorkflowBundle(options());
  // A new file in the hashed folder is a cache miss (webpack runs again and records it), even if unused.
  const manifests = fs.readdirSync(cacheDir).filter((f) => f.endsWith('.json'));
  expect(manifests).toHaveLength(1);
  const manifest = JSON.parse(fs.readFileSync(path.join(cacheDir, manifests[0] as string), 'utf8')) as { dirFiles: string[] };
  expect(manifest.dirFiles.some((f) => f.endsWith('extra.ts'))).toBe(true);
  expect(fs.readdirSync(cacheDir).filter((f) => f.endsWith('.js'))).toHaveLength(1);
}, 120_000);

test('fails clearly when the entry point does not exist', async () => {
  await expect(getWorkflowBundle({ workflowsPath: path.join(fixture.dir, 'nope.ts'), cacheDir: false })).rejects.toThrow(
    /workflow entry point not found/,
  );
});

test('parallel callers (Jest workers) wait for one build instead of bundling twice', async () => {
  const dir = path.join(fixture.dir, 'cache-parallel');
  const runner = path.join(fixture.dir, 'bundle-runner.ts');
  fs.writeFileSync(
    runner,
    `import { getWorkflowBundle, workflowBundleStats } from ${JSON.stringify(path.join(REPO_ROOT, 'test', 'support', 'workflowBundle.ts'))};
const t = Date.now();
const b = await getWorkflowBundle({ workflowsPath: ${JSON.stringify(fixture.workflowsPath)}, cacheDir: ${JSON.stringify(dir)}, hashDirs: [${JSON.stringify(path.dirname(fixture.workflowsPath))}] });
console.log(JSON.stringify({ ms: Date.now() - t, length: b.code.length, ...workflowBundleStats() }));
`,
  );
  type Report = { ms: number; length: number; builds: number; diskHits: number };
  const runOnce = () =>
    new Promise<Report>((resolve, reject) =>
      execFile(PROJECT_NODE, [runner], { cwd: REPO_ROOT }, (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout) as Report))),
    );
  const [a, b] = await Promise.all([runOnce(), runOnce()]);
  expect(a.length).toBe(b.length);
  expect(a.builds + b.builds).toBe(1);
  expect(a.diskHits + b.diskHits).toBe(1);
  expect(fs.readdirSync(dir).filter((f) => f.endsWith('.js'))).toHaveLength(1);
  expect(fs.readdirSync(dir).filter((f) => f.endsWith('.lock'))).toHaveLength(0);
}, 120_000);
