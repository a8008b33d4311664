// Temporary folders for tests. Use `inRepo: true` for files that must resolve the project's
// node_modules (e.g. a workflow module to bundle); those go under test/.artifacts (git-ignored).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';

/** <repo>/test/.artifacts, created if needed. */
export function artifactsDir(): string {
  const dir = path.join(REPO_ROOT, 'test', '.artifacts');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A fresh empty folder; remove it with {@link removeTempDir}. */
export function makeTempDir(prefix = 'sigap-test-', options: { inRepo?: boolean } = {}): string {
  const parent = options.inRepo ? path.join(artifactsDir(), 'tmp') : os.tmpdir();
  fs.mkdirSync(parent, { recursive: true });
  return fs.mkdtempSync(path.join(parent, prefix));
}

export function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
