// Builds the workflow bundle (webpack, a few seconds) once and reuses it: in memory within a test file,
// and on disk under test/.artifacts/workflow-bundles across test files and Jest runs. The disk copy is
// reused only while every source file that went into it (read from the bundle's inline source map, plus
// everything under workflows/ and policy/), package-lock.json and the @temporalio/worker version are unchanged.
//
//   const worker = await Worker.create({ connection, taskQueue, workflowBundle: await getWorkflowBundle(), activities });
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { WorkflowBundle } from '@temporalio/worker';
import type { LogLevel, LogMetadata, Logger } from '@temporalio/common';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';

export interface WorkflowBundleOptions {
  /** Module whose exported functions are the workflows. Default: <repo>/workflows/index.ts. */
  workflowsPath?: string;
  /** Folders hashed into the cache key besides the bundled files. Default: the workflows folder and <repo>/policy. */
  hashDirs?: string[];
  /** Where bundles are cached on disk; `false` = memory only. Default <repo>/test/.artifacts/workflow-bundles
   *  (`SIGAP_WORKFLOW_BUNDLE_CACHE=0` also turns the disk cache off). */
  cacheDir?: string | false;
  /** Workflow interceptor modules, passed to the bundler (part of the cache key). */
  workflowInterceptorModules?: string[];
}

interface Manifest {
  version: 1;
  workflowsPath: string;
  environment: string;
  /** Files found under the hashed folders when the bundle was built. */
  dirFiles: string[];
  /** Absolute path -> sha256 of every input file. */
  files: Record<string, string>;
  bundleFile: string;
}

const memory = new Map<string, Promise<WorkflowBundle>>();
const stats = { builds: 0, diskHits: 0 };
const DEFAULT_WORKFLOWS_PATH = path.join(REPO_ROOT, 'workflows', 'index.ts');
const DEFAULT_CACHE_DIR = path.join(REPO_ROOT, 'test', '.artifacts', 'workflow-bundles');
const LOCK_WAIT_MS = 180_000;
/** A lock older than this is left over from a killed process. */
const STALE_LOCK_MS = 180_000;
const SOURCE_EXTENSIONS = /\.(ts|mts|cts|js|mjs|cjs|json)$/;

/** The workflow bundle for `Worker.create({ workflowBundle })`, built at most once while sources are unchanged. */
export function getWorkflowBundle(options: WorkflowBundleOptions = {}): Promise<WorkflowBundle> {
  const workflowsPath = path.resolve(options.workflowsPath ?? DEFAULT_WORKFLOWS_PATH);
  const memoryKey = JSON.stringify([workflowsPath, options.workflowInterceptorModules ?? [], options.hashDirs ?? null]);
  let bundle = memory.get(memoryKey);
  if (!bundle) {
    bundle = loadOrBuild(workflowsPath, options);
    memory.set(memoryKey, bundle);
    bundle.catch(() => memory.delete(memoryKey));
  }
  return bundle;
}

async function loadOrBuild(workflowsPath: string, options: WorkflowBundleOptions): Promise<WorkflowBundle> {
  if (!fs.existsSync(workflowsPath)) {
    throw new Error(`workflow entry point not found: ${workflowsPath}`);
  }
  const cacheDir =
    options.cacheDir === false || process.env.SIGAP_WORKFLOW_BUNDLE_CACHE === '0'
      ? undefined
      : (options.cacheDir ?? DEFAULT_CACHE_DIR);
  const hashDirs = options.hashDirs ?? [path.dirname(workflowsPath), path.join(REPO_ROOT, 'policy')];
  const interceptors = options.workflowInterceptorModules ?? [];
  const environment = environmentKey(interceptors);
  const id = sha256(`${workflowsPath}\n${interceptors.join('\n')}`).slice(0, 16);
  const manifestPath = cacheDir ? path.join(cacheDir, `${id}.json`) : undefined;

  if (cacheDir && manifestPath) {
    const cached = readCached(cacheDir, manifestPath, workflowsPath, environment, hashDirs);
    if (cached !== undefined) return { code: cached };
    // Jest workers running in parallel: one builds, the others wait for its result.
    const lockPath = path.join(cacheDir, `${id}.lock`);
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      const release = tryLock(lockPath);
      if (release) {
        try {
          const again = readCached(cacheDir, manifestPath, workflowsPath, environment, hashDirs);
          if (again !== undefined) return { code: again };
          return await build(workflowsPath, interceptors, hashDirs, { cacheDir, manifestPath, id, environment });
        } finally {
          release();
        }
      }
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
      const built = readCached(cacheDir, manifestPath, workflowsPath, environment, hashDirs);
      if (built !== undefined) return { code: built };
    }
  }
  return build(workflowsPath, interceptors, hashDirs, undefined);
}

async function build(
  workflowsPath: string,
  interceptors: string[],
  hashDirs: string[],
  cache: { cacheDir: string; manifestPath: string; id: string; environment: string } | undefined,
): Promise<WorkflowBundle> {
  // Hash the inputs before bundling: an edit made while webpack runs then invalidates the cache next time.
  const dirList = listFiles(hashDirs);
  const dirFiles = hashFiles(dirList);
  stats.builds++;
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    workflowInterceptorModules: interceptors,
    logger: quietLogger,
  });

  if (cache) {
    const { cacheDir, manifestPath, id, environment } = cache;
    try {
      const files = { ...dirFiles, ...hashFiles(bundledSourceFiles(code).filter((f) => !dirFiles[f])) };
      const bundleFile = `${id}-${sha256(code).slice(0, 16)}.js`;
      fs.mkdirSync(cacheDir, { recursive: true });
      writeAtomic(path.join(cacheDir, bundleFile), code);
      const manifest: Manifest = { version: 1, workflowsPath, environment, dirFiles: dirList, files, bundleFile };
      writeAtomic(manifestPath, JSON.stringify(manifest, null, 1));
      removeStaleBundles(cacheDir, id, bundleFile);
    } catch (err) {
      process.stderr.write(`[workflowBundle] could not cache the bundle: ${(err as Error).message}\n`);
    }
  }
  return { code };
}

function readCached(
  cacheDir: string,
  manifestPath: string,
  workflowsPath: string,
  environment: string,
  hashDirs: string[],
): string | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
    if (manifest.version !== 1 || manifest.workflowsPath !== workflowsPath || manifest.environment !== environment) {
      return undefined;
    }
    // Any file added to or removed from the hashed folders invalidates, as does any changed input.
    const current = listFiles(hashDirs);
    if (current.length !== manifest.dirFiles.length || current.some((f, i) => f !== manifest.dirFiles[i])) return undefined;
    for (const [file, hash] of Object.entries(manifest.files)) {
      if (!fs.existsSync(file) || sha256(fs.readFileSync(file)) !== hash) return undefined;
    }
    const code = fs.readFileSync(path.join(cacheDir, manifest.bundleFile), 'utf8');
    stats.diskHits++;
    return code;
  } catch {
    return undefined;
  }
}

/** Project source files (not node_modules) that webpack put into the bundle, from its inline source map. */
function bundledSourceFiles(code: string): string[] {
  // Sliced, not matched with one regex: a regex over a map of several MB overflows V8's backtracking stack.
  const marker = '//# sourceMappingURL=data:application/json;';
  const at = code.lastIndexOf(marker);
  if (at < 0) return [];
  const comma = code.indexOf('base64,', at);
  if (comma < 0) return [];
  const map = JSON.parse(Buffer.from(code.slice(comma + 'base64,'.length).trim(), 'base64').toString('utf8')) as { sources?: string[] };
  const files = new Set<string>();
  for (const source of map.sources ?? []) {
    const file = source.replace(/^webpack:\/\/[^/]*/, '').replace(/\?.*$/, '');
    if (path.isAbsolute(file) && !file.includes(`${path.sep}node_modules${path.sep}`) && fs.existsSync(file)) {
      files.add(file);
    }
  }
  return [...files];
}

/** SDK version, lock file and interceptors: a change in any of them rebuilds. */
function environmentKey(interceptors: string[]): string {
  const require = createRequire(import.meta.url);
  let sdk = 'unknown';
  try {
    sdk = (JSON.parse(fs.readFileSync(require.resolve('@temporalio/worker/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // keep 'unknown'
  }
  const lock = path.join(REPO_ROOT, 'package-lock.json');
  const lockHash = fs.existsSync(lock) ? sha256(fs.readFileSync(lock)) : 'none';
  return sha256(JSON.stringify({ sdk, lockHash, interceptors, node: process.versions.node }));
}

function listFiles(dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full);
      } else if (entry.isFile() && SOURCE_EXTENSIONS.test(entry.name)) {
        out.push(full);
      }
    }
  };
  for (const dir of dirs) walk(path.resolve(dir));
  return [...new Set(out)].sort();
}

function hashFiles(files: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const file of files) {
    try {
      result[file] = sha256(fs.readFileSync(file));
    } catch {
      // vanished meanwhile: the next read of the manifest will not find it and rebuild
    }
  }
  return result;
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Creates `lockPath` exclusively; returns its release function, or undefined when another process holds it. */
function tryLock(lockPath: string): (() => void) | undefined {
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  try {
    fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
    return () => fs.rmSync(lockPath, { force: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') return () => undefined; // cannot lock: build anyway
    try {
      const holder = Number(fs.readFileSync(lockPath, 'utf8'));
      const stale = Date.now() - fs.statSync(lockPath).mtimeMs > STALE_LOCK_MS || (holder > 0 && !isAlive(holder));
      if (stale) fs.rmSync(lockPath, { force: true });
    } catch {
      // released meanwhile
    }
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function writeAtomic(file: string, data: string): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

function removeStaleBundles(cacheDir: string, id: string, keep: string): void {
  for (const name of fs.readdirSync(cacheDir)) {
    if (name.startsWith(`${id}-`) && name.endsWith('.js') && name !== keep) {
      fs.rmSync(path.join(cacheDir, name), { force: true });
    }
  }
}

/** Webpack's report goes to `info`; keep test output clean and show only warnings and errors. */
const quietLogger: Logger = {
  log(level: LogLevel, message: string, meta?: LogMetadata) {
    if (level === 'WARN' || level === 'ERROR') process.stderr.write(`[workflowBundle] ${level} ${message}${meta ? ` ${JSON.stringify(meta)}` : ''}\n`);
  },
  trace() {},
  debug() {},
  info() {},
  warn(message: string, meta?: LogMetadata) {
    this.log('WARN', message, meta);
  },
  error(message: string, meta?: LogMetadata) {
    this.log('ERROR', message, meta);
  },
};

/** How many times this process ran webpack / read a bundle from the disk cache. */
export function workflowBundleStats(): { builds: number; diskHits: number } {
  return { ...stats };
}

/** Forgets the bundles kept in memory (the disk cache stays); for tests of this module. */
export function clearWorkflowBundleMemoryCache(): void {
  memory.clear();
}
