// A tiny workflow module written at test time (under test/.artifacts, so webpack finds node_modules),
// used to exercise the bundle cache, the dev server's persistence and the time-skipping server.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';
import { makeTempDir } from '../support/tmp.ts';

export interface FixtureWorkflows {
  /** Folder holding workflows/index.ts. */
  dir: string;
  /** <dir>/workflows/index.ts */
  workflowsPath: string;
  /** <dir>/shared/greeting.ts: imported by the workflows but outside the workflows folder. */
  helperPath: string;
}

export function writeFixtureWorkflows(): FixtureWorkflows {
  const dir = makeTempDir('workflows-', { inRepo: true });
  const workflowsDir = path.join(dir, 'workflows');
  const sharedDir = path.join(dir, 'shared');
  fs.mkdirSync(workflowsDir);
  fs.mkdirSync(sharedDir);
  const searchAttributesModule = path.relative(workflowsDir, path.join(REPO_ROOT, 'scripts', 'lib', 'searchAttributes.ts'));
  const workflowsPath = path.join(workflowsDir, 'index.ts');
  const helperPath = path.join(sharedDir, 'greeting.ts');
  fs.writeFileSync(helperPath, "export const GREETING = 'done';\n");
  fs.writeFileSync(
    workflowsPath,
    `import { sleep, upsertSearchAttributes } from '@temporalio/workflow';
import { SIGAP_SEARCH_ATTRIBUTE_KEYS } from '${searchAttributesModule}';
import { GREETING } from '../shared/greeting.ts';

/** Tags itself with Sigap search attributes, then sleeps \`ms\` (a long timer). */
export async function longTimer(tenant: string, ms: number): Promise<string> {
  upsertSearchAttributes([
    { key: SIGAP_SEARCH_ATTRIBUTE_KEYS.SigapTenant, value: tenant },
    { key: SIGAP_SEARCH_ATTRIBUTE_KEYS.SigapBreached, value: false },
  ]);
  await sleep(ms);
  return \`\${GREETING}:\${tenant}\`;
}
`,
  );
  return { dir, workflowsPath, helperPath };
}
