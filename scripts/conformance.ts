// `npm run conformance`: for each seed, every regulated number and rule, the value the profile
// encodes, and the test that proves the engine honours it. Runs test/conformance with Jest and
// prints its results grouped by seed; exits non-zero when a rule has no proving test or its test
// fails. Rules of processes not built yet are listed as pending with the issue that builds them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './lib/paths.ts';

interface AssertionResult { title: string; ancestorTitles: string[]; status: 'passed' | 'failed' | 'pending' | 'todo' }
interface JestResults { testResults: Array<{ assertionResults: AssertionResult[] }> }

const out = join(REPO_ROOT, 'test', '.artifacts', 'conformance.json');
mkdirSync(join(REPO_ROOT, 'test', '.artifacts'), { recursive: true });
const run = spawnSync(join(REPO_ROOT, 'scripts', 'node'), [
  '--experimental-vm-modules', '--no-warnings=ExperimentalWarning', join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
  'test/conformance', '--json', `--outputFile=${out}`, '--silent',
], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });

let results: JestResults;
try {
  results = JSON.parse(readFileSync(out, 'utf8')) as JestResults;
} catch {
  console.error(`conformance: Jest produced no results (exit ${run.status})`);
  process.exit(1);
}

// Test titles are `<seed> | <section> | <profile> <label> = <value> | <verdict>` (see test/conformance/rules.ts).
const rows = results.testResults.flatMap((f) => f.assertionResults).map((a) => {
  const [seed = '?', section = '', rule = a.title, verdict = ''] = a.title.split(' | ');
  return { seed, section, rule, verdict, status: a.status };
});
const bySeed = new Map<string, typeof rows>();
for (const r of rows) bySeed.set(r.seed, [...(bySeed.get(r.seed) ?? []), r]);

let failed = 0;
let pending = 0;
for (const seed of [...bySeed.keys()].sort()) {
  console.log(`\n== ${seed}`);
  for (const r of bySeed.get(seed)!) {
    const mark = r.status === 'passed' ? (r.verdict.startsWith('pending') ? '…' : '✓') : '✗';
    if (r.status !== 'passed') failed++;
    if (r.verdict.startsWith('pending')) pending++;
    console.log(`  ${mark} ${r.rule}\n      ${r.section}\n      → ${r.verdict}`);
  }
}
const proven = rows.length - failed - pending;
console.log(`\nconformance: ${proven} proven, ${pending} pending (process not built yet), ${failed} failed or unproven, ${rows.length} rules`);
console.log(`${proven + pending} passed, ${failed} failed`);
process.exit(failed === 0 && run.status === 0 ? 0 : 1);
