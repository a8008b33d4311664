// Process supervision used by `./sigap start`: prefixed output or log file, restart on crash, stop, signals.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_NODE, spawnNodeScript } from '../../scripts/lib/processes.ts';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';
import { makeTempDir, removeTempDir } from '../support/tmp.ts';

let dir: string;

beforeAll(() => {
  dir = makeTempDir('processes-');
});

afterAll(() => {
  removeTempDir(dir);
});

function script(name: string, source: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, source);
  return file;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('runs a TypeScript file with the project Node and prefixes its output lines', async () => {
  const file = script('hello.ts', "const who: string = 'world';\nconsole.log(`hello ${who}`);\nconsole.error('oops');\nconsole.log(process.version);\n");
  const written: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  const originalErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => written.push(`out:${chunk}`) > 0) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => written.push(`err:${chunk}`) > 0) as typeof process.stderr.write;
  try {
    const proc = spawnNodeScript({ name: 'hello', script: file });
    expect(await proc.exited).toEqual({ code: 0, signal: null });
  } finally {
    process.stdout.write = original;
    process.stderr.write = originalErr;
  }
  expect(written).toContain('out:hello   | hello world\n');
  expect(written).toContain('err:hello   | oops\n');
  expect(written.some((l) => /\| v(\d+)\./.exec(l) && Number(/\| v(\d+)\./.exec(l)?.[1]) >= 24)).toBe(true);
}, 30_000);

test('writes output to a log file when asked, and passes env and args', async () => {
  const file = script('env.ts', 'console.log(process.env.SIGAP_X, process.argv.slice(2).join(","));\n');
  const logFile = path.join(dir, 'logs', 'env.log');
  const proc = spawnNodeScript({ name: 'env', script: file, args: ['a', 'b'], env: { SIGAP_X: 'x1' }, logFile });
  expect((await proc.exited).code).toBe(0);
  expect(fs.readFileSync(logFile, 'utf8')).toBe('x1 a,b\n');
}, 30_000);

test('does not restart a crashed process by default; restarts it when asked, up to a limit', async () => {
  const counter = path.join(dir, 'runs.txt');
  const file = script('crash.ts', `import fs from 'node:fs';\nfs.appendFileSync(${JSON.stringify(counter)}, 'x');\nprocess.exit(3);\n`);

  const once = spawnNodeScript({ name: 'crash', script: file, logFile: path.join(dir, 'crash.log') });
  expect(await once.exited).toEqual({ code: 3, signal: null });
  expect(fs.readFileSync(counter, 'utf8')).toBe('x');

  fs.writeFileSync(counter, '');
  const exits: boolean[] = [];
  const restarting = spawnNodeScript({
    name: 'crash',
    script: file,
    logFile: path.join(dir, 'crash.log'),
    restartOnCrash: { maxRestarts: 2, delayMs: 20 },
    onExit: (_info, willRestart) => exits.push(willRestart),
  });
  expect(await restarting.exited).toEqual({ code: 3, signal: null });
  expect(fs.readFileSync(counter, 'utf8')).toBe('xxx');
  expect(restarting.restarts).toBe(2);
  expect(exits).toEqual([true, true, false]);
}, 30_000);

test('stop() sends SIGTERM, then SIGKILL to a process that ignores it', async () => {
  const polite = spawnNodeScript({ name: 'polite', script: script('polite.ts', 'setInterval(() => {}, 1000);\n') });
  await waitFor('the process to start', () => polite.pid !== undefined);
  expect(await polite.stop()).toEqual({ code: null, signal: 'SIGTERM' });

  const ready = path.join(dir, 'stubborn.ready');
  const stubborn = spawnNodeScript({
    name: 'stubborn',
    script: script('stubborn.ts', `import fs from 'node:fs';\nprocess.on('SIGTERM', () => {});\nfs.writeFileSync(${JSON.stringify(ready)}, '');\nsetInterval(() => {}, 1000);\n`),
    killAfterMs: 300,
  });
  await waitFor('the SIGTERM handler', () => fs.existsSync(ready));
  const started = Date.now();
  expect(await stubborn.stop()).toEqual({ code: null, signal: 'SIGKILL' });
  expect(Date.now() - started).toBeGreaterThanOrEqual(250);
}, 30_000);

test('a supervisor stops its children when it gets SIGTERM', async () => {
  const pidFile = path.join(dir, 'child.pid');
  const child = script('child.ts', `import fs from 'node:fs';\nfs.writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nsetInterval(() => {}, 1000);\n`);
  const supervisor = script(
    'supervisor.ts',
    `import { handleShutdownSignals, spawnNodeScript } from ${JSON.stringify(path.join(REPO_ROOT, 'scripts', 'lib', 'processes.ts'))};
handleShutdownSignals({ log: () => {} });
spawnNodeScript({ name: 'child', script: ${JSON.stringify(child)} });
`,
  );
  const parent = spawn(PROJECT_NODE, [supervisor], { stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => parent.once('exit', (code) => resolve(code)));
  await waitFor('the child to start', () => fs.existsSync(pidFile) && fs.readFileSync(pidFile, 'utf8') !== '');
  const childPid = Number(fs.readFileSync(pidFile, 'utf8'));
  expect(alive(childPid)).toBe(true);
  parent.kill('SIGTERM');
  expect(await exited).toBe(143);
  await waitFor('the child to be gone', () => !alive(childPid), 5_000);
}, 30_000);
