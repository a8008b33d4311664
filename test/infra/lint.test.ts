// The determinism rules of eslint.config.js for workflows/ and policy/ (type-aware rules are switched
// off here: linted text that is not on disk has no TypeScript program).
import path from 'node:path';
import { ESLint } from 'eslint';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';

const eslint = new ESLint({
  cwd: REPO_ROOT,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  return (result?.messages ?? []).map((m) => `${m.line}:${m.ruleId ?? m.message}`);
}

const sandboxViolations = `import fs from 'node:fs';
import path from 'path';
import { Client } from '@temporalio/client';
import { MikroORM } from '@mikro-orm/core';
import { x } from '../activities/index.ts';
setTimeout(() => undefined, 1);
export const values = [fs, path, Client, MikroORM, x, Math.random(), process.env.X];
`;

const allowed = `import { sleep, uuid4 } from '@temporalio/workflow';
import type { Connection } from '@temporalio/client';
import type * as activities from '../activities/index.ts';
import { z } from 'zod';
export type T = Connection | typeof activities;
export const schema = z.string();
export async function wf(): Promise<string> {
  await sleep('1 day');
  return uuid4();
}
`;

test('workflows: no Node built-ins, I/O libraries, activity values, timers, randomness or process', async () => {
  expect(await problems('workflows/__lint_probe__.ts', sandboxViolations)).toEqual([
    '1:@typescript-eslint/no-restricted-imports',
    '2:@typescript-eslint/no-restricted-imports',
    '3:@typescript-eslint/no-restricted-imports',
    '4:@typescript-eslint/no-restricted-imports',
    '5:@typescript-eslint/no-restricted-imports',
    '6:no-restricted-globals',
    '7:no-restricted-properties',
    '7:no-restricted-globals',
  ]);
});

test('workflows: type imports, @temporalio/workflow, pure libraries and Date.now are fine', async () => {
  expect(await problems('workflows/__lint_probe__.ts', `${allowed}export const now = Date.now() + new Date().getTime();\n`)).toEqual([]);
});

test('policy: the same sandbox rules, plus no clock reads and no workflow imports', async () => {
  expect(await problems('policy/__lint_probe__.ts', sandboxViolations)).toHaveLength(8);
  const clock = `import { sleep } from '@temporalio/workflow';
export const a = Date.now();
export const b = new Date();
export const c = Date();
export const d = new Date(0);
export function due(now: Date): Date { return new Date(now.getTime() + 1000); }
export const e = sleep;
`;
  expect(await problems('policy/__lint_probe__.ts', clock)).toEqual([
    '1:@typescript-eslint/no-restricted-imports',
    '2:no-restricted-properties',
    '3:no-restricted-syntax',
    '4:no-restricted-syntax',
  ]);
});

test('other folders may use Node and I/O libraries', async () => {
  expect(await problems('api/__lint_probe__.ts', "import fs from 'node:fs';\nexport const f = [fs, Math.random(), Date.now(), setTimeout];\n")).toEqual([]);
});
