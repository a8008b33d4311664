// Child-process supervision for `./sigap start`: runs TypeScript entry points with the project Node
// (scripts/node), prefixes their output with a name (or appends it to a log file), optionally restarts
// them when they crash, and stops every child when the parent gets SIGINT/SIGTERM.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths.ts';

/** The project's Node launcher (Node 24 from .tools/node when the system Node is older). */
export const PROJECT_NODE: string = path.join(REPO_ROOT, 'scripts', 'node');

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RestartPolicy {
  /** Give up after this many restarts. Default 5. */
  maxRestarts?: number;
  /** Delay before the first restart, doubled each time up to 10 s. Default 1000 ms. */
  delayMs?: number;
}

export interface ProcessOptions {
  /** Short name used as output prefix, e.g. 'api', 'worker'. */
  name: string;
  /** Working directory. Default: the repository root. */
  cwd?: string;
  /** Added to (and overriding) the parent's environment. A value of undefined removes the variable. */
  env?: Record<string, string | undefined>;
  /** Append stdout and stderr to this file instead of printing them with a prefix. */
  logFile?: string;
  /** Restart when the process exits with a failure (non-zero code or signal) on its own. Default false. */
  restartOnCrash?: boolean | RestartPolicy;
  /** Time between SIGTERM and SIGKILL in stop(). Default 5000 ms. */
  killAfterMs?: number;
  /**
   * Own process group: Ctrl-C in a terminal then reaches only the parent, which stops children in the
   * order it chooses (see handleShutdownSignals). Default false: the child gets Ctrl-C directly too.
   */
  detached?: boolean;
  /** Called each time the process exits (also before a restart), with whether it will be restarted. */
  onExit?: (info: ExitInfo, willRestart: boolean) => void;
}

export interface ManagedProcess {
  readonly name: string;
  /** Pid of the current incarnation (changes after a restart). */
  readonly pid: number | undefined;
  /** Number of restarts so far. */
  readonly restarts: number;
  /** Resolves when the process has exited for good (stopped, or crashed with no restart left). */
  readonly exited: Promise<ExitInfo>;
  /** SIGTERM (or `signal`), then SIGKILL after `killAfterMs`; no restart afterwards. Safe to call twice. */
  stop(signal?: NodeJS.Signals): Promise<ExitInfo>;
}

const children = new Set<ManagedProcess>();

/** Children started by this module and not yet exited for good. */
export function runningProcesses(): ManagedProcess[] {
  return [...children];
}

/** Runs `scripts/node <script> ...args`: a TypeScript (or JS) file with the project Node. */
export function spawnNodeScript(
  options: ProcessOptions & { script: string; args?: string[]; nodeArgs?: string[] },
): ManagedProcess {
  const script = path.resolve(options.cwd ?? REPO_ROOT, options.script);
  return spawnProcess({ ...options, command: PROJECT_NODE, args: [...(options.nodeArgs ?? []), script, ...(options.args ?? [])] });
}

/** Runs any executable under supervision (same output, restart and stop behaviour as {@link spawnNodeScript}). */
export function spawnProcess(options: ProcessOptions & { command: string; args?: string[] }): ManagedProcess {
  const policy = options.restartOnCrash === true ? {} : options.restartOnCrash || undefined;
  const maxRestarts = policy?.maxRestarts ?? 5;
  const killAfterMs = options.killAfterMs ?? 5_000;
  const prefixer = options.logFile ? undefined : makePrefixer(options.name);

  let child: ChildProcess | undefined;
  let restarts = 0;
  let delay = policy?.delayMs ?? 1_000;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | undefined;
  let resolveExited: (info: ExitInfo) => void = () => undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    resolveExited = resolve;
  });
  let currentExit: Promise<ExitInfo> = Promise.resolve({ code: null, signal: null });

  const launch = (): void => {
    let fd: number | undefined;
    if (options.logFile) {
      fs.mkdirSync(path.dirname(path.resolve(options.logFile)), { recursive: true });
      fd = fs.openSync(options.logFile, 'a');
    }
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const [key, value] of Object.entries(options.env ?? {})) {
      if (value === undefined) delete env[key];
      else env[key] = value;
    }
    if (prefixer?.color && env.FORCE_COLOR === undefined && env.NO_COLOR === undefined) env.FORCE_COLOR = '1';
    const proc = spawn(options.command, options.args ?? [], {
      cwd: options.cwd ?? REPO_ROOT,
      env,
      stdio: fd !== undefined ? ['ignore', fd, fd] : ['ignore', 'pipe', 'pipe'],
      detached: options.detached ?? false,
    });
    if (fd !== undefined) fs.closeSync(fd);
    child = proc;
    if (prefixer) {
      pipeLines(proc.stdout, (line) => process.stdout.write(prefixer.format(line)));
      pipeLines(proc.stderr, (line) => process.stderr.write(prefixer.format(line)));
    }
    currentExit = new Promise<ExitInfo>((resolve) => {
      let done = false;
      const finish = (info: ExitInfo): void => {
        if (done) return;
        done = true;
        resolve(info);
        onChildExit(info);
      };
      // 'close' (not 'exit'): the output pipes are drained by then.
      proc.once('close', (code, signal) => finish({ code, signal }));
      proc.once('error', (err) => {
        process.stderr.write(`[${options.name}] could not start ${options.command}: ${err.message}\n`);
        finish({ code: 127, signal: null });
      });
    });
  };

  const onChildExit = (info: ExitInfo): void => {
    const failed = info.signal !== null || (info.code !== null && info.code !== 0);
    const willRestart = !stopping && policy !== undefined && failed && restarts < maxRestarts;
    options.onExit?.(info, willRestart);
    if (!stopping && failed) {
      const how = info.signal ? `signal ${info.signal}` : `code ${info.code}`;
      process.stderr.write(
        `[${options.name}] exited with ${how}${willRestart ? `; restarting in ${delay} ms (${restarts + 1}/${maxRestarts})` : ''}\n`,
      );
    }
    if (willRestart) {
      restartTimer = setTimeout(() => {
        restartTimer = undefined;
        if (stopping) {
          finalize(info);
          return;
        }
        restarts++;
        delay = Math.min(delay * 2, 10_000);
        launch();
      }, delay);
    } else {
      finalize(info);
    }
  };

  const finalize = (info: ExitInfo): void => {
    children.delete(managed);
    resolveExited(info);
  };

  let stopPromise: Promise<ExitInfo> | undefined;
  const managed: ManagedProcess = {
    name: options.name,
    get pid() {
      return child?.pid;
    },
    get restarts() {
      return restarts;
    },
    exited,
    stop(signal: NodeJS.Signals = 'SIGTERM') {
      stopPromise ??= (async () => {
        stopping = true;
        if (restartTimer) {
          clearTimeout(restartTimer);
          restartTimer = undefined;
          finalize({ code: null, signal: null });
          return exited;
        }
        const proc = child;
        if (proc && proc.exitCode === null && proc.signalCode === null) {
          proc.kill(signal);
          const timer = setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
          await currentExit;
          clearTimeout(timer);
        }
        return exited;
      })();
      return stopPromise;
    },
  };
  children.add(managed);
  launch();
  return managed;
}

/** Stops every running child in parallel (SIGTERM, then SIGKILL after each one's `killAfterMs`). */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all(runningProcesses().map((p) => p.stop()));
}

/** Resolves with the first of `processes` to exit for good. */
export function firstExit(processes: readonly ManagedProcess[]): Promise<{ process: ManagedProcess; info: ExitInfo }> {
  return Promise.race(processes.map((p) => p.exited.then((info) => ({ process: p, info }))));
}

let shutdownInstalled = false;

/**
 * On SIGINT/SIGTERM (or SIGHUP): runs `beforeStop` (e.g. stop the API from accepting work), stops all
 * children, runs `afterStop` (e.g. stop the embedded Temporal and PostgreSQL servers), then exits with
 * 130/143. A second signal kills the children at once and exits. Also kills children if the parent exits.
 * Returns a function that triggers the same shutdown programmatically (resolves when done, does not exit).
 */
export function handleShutdownSignals(hooks: {
  beforeStop?: () => Promise<void> | void;
  afterStop?: () => Promise<void> | void;
  log?: (message: string) => void;
} = {}): () => Promise<void> {
  const log = hooks.log ?? ((message: string) => process.stderr.write(`[sigap] ${message}\n`));
  let shuttingDown: Promise<void> | undefined;
  const shutdown = (): Promise<void> => {
    shuttingDown ??= (async () => {
      try {
        await hooks.beforeStop?.();
      } catch (err) {
        log(`error while stopping: ${(err as Error).message}`);
      }
      await stopAllProcesses();
      try {
        await hooks.afterStop?.();
      } catch (err) {
        log(`error while stopping: ${(err as Error).message}`);
      }
    })();
    return shuttingDown;
  };
  if (!shutdownInstalled) {
    shutdownInstalled = true;
    const exitCodes: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        if (shuttingDown) {
          log(`${signal} again: killing child processes`);
          for (const p of runningProcesses()) void p.stop('SIGKILL');
          process.exit(exitCodes[signal]);
        }
        log(`${signal}: stopping (press Ctrl-C again to force)`);
        void shutdown().finally(() => process.exit(exitCodes[signal]));
      });
    }
    process.once('exit', () => {
      for (const p of runningProcesses()) {
        if (p.pid !== undefined) {
          try {
            process.kill(p.pid, 'SIGTERM');
          } catch {
            // already gone
          }
        }
      }
    });
  }
  return shutdown;
}

const COLORS = [36, 35, 33, 32, 34, 91, 96, 95];
let colorIndex = 0;

function makePrefixer(name: string): { color: boolean; format: (line: string) => string } {
  const color = Boolean(process.stdout.isTTY) && process.env.NO_COLOR === undefined;
  const code = COLORS[colorIndex++ % COLORS.length] ?? 36;
  const label = name.padEnd(8);
  const prefix = color ? `\x1b[${code}m${label}|\x1b[0m ` : `${label}| `;
  return { color, format: (line) => `${prefix}${line}\n` };
}

function pipeLines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  if (!stream) return;
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) onLine(line.replace(/\r$/, ''));
  });
  stream.on('end', () => {
    if (partial) onLine(partial);
    partial = '';
  });
}
