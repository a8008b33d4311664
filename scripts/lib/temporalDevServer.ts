// Runs the embedded Temporal server (`temporal server start-dev` from .tools/temporal) for `./sigap start`
// and the infrastructure tests: persisted in SQLite under a data folder, with Sigap's search attributes.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { REPO_ROOT } from './paths.ts';
import { freePorts, isPortFree } from './ports.ts';
import { INDEXED_VALUE_TYPE, SIGAP_SEARCH_ATTRIBUTES, searchAttributeArgs } from './searchAttributes.ts';
import type { CliSearchAttributeType } from './searchAttributes.ts';

export { REPO_ROOT };

export interface TemporalBinaries {
  /** Temporal CLI (`temporal server start-dev`, `temporal operator …`). */
  temporal: string;
  /** Java time-skipping test server, for `TestWorkflowEnvironment.createTimeSkipping`. */
  testServer: string;
}

/** Absolute paths of the Temporal binaries installed by `./sigap setup`; throws a clear error when one is missing. */
export function temporalBinaries(root: string = REPO_ROOT): TemporalBinaries {
  const bin = path.join(root, '.tools', 'temporal', 'bin');
  const result: TemporalBinaries = {
    temporal: path.join(bin, 'temporal'),
    testServer: path.join(bin, 'temporal-test-server'),
  };
  const missing = Object.values(result).filter((file) => !isExecutable(file));
  if (missing.length > 0) {
    throw new Error(
      `Temporal binaries missing: ${missing.join(', ')}.\n` +
        'Run `./sigap setup` in the repository root: it installs Node, the Temporal CLI, ' +
        'the Temporal test server and the npm dependencies into git-ignored folders.',
    );
  }
  return result;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export interface TemporalDevServerOptions {
  /**
   * Folder for the SQLite file `<dataDir>/temporal.db` (created if needed); workflows survive restarts.
   * `null` = in-memory: everything is lost when the server stops.
   */
  dataDir: string | null;
  /** gRPC front-end port; 0 = pick a free port. Default 7233. */
  port?: number;
  /** Web UI port; 0 = pick a free port. Default 8233. Ignored when `ui` is false. */
  uiPort?: number;
  /** Serve the Web UI. Default true. */
  ui?: boolean;
  /** HTTP API port; default (or 0) = a free port. */
  httpPort?: number;
  /** Prometheus `/metrics` port; default (or 0) = a free port. */
  metricsPort?: number;
  /** Address the server binds. Default 127.0.0.1 (not reachable from other machines). */
  ip?: string;
  /** Namespace created at start (the `default` namespace always exists too). Default 'default'. */
  namespace?: string;
  /** Custom search attributes registered at start. Default: Sigap's ({@link SIGAP_SEARCH_ATTRIBUTES}). */
  searchAttributes?: Readonly<Record<string, CliSearchAttributeType>>;
  /** Append the server's stdout and stderr to this file. Default: kept in memory, shown if start fails. */
  logFile?: string;
  /** Called with each output line when there is no `logFile` (e.g. to print it with a prefix). */
  onOutput?: (line: string) => void;
  /** Server log level. Default 'warn'. */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** How long to wait for the server to answer. Default 60 000 ms. */
  readyTimeoutMs?: number;
  /** Extra `temporal server start-dev` arguments (e.g. `--dynamic-config-value K=V`). */
  extraArgs?: string[];
  /** Path of the `temporal` CLI. Default: from {@link temporalBinaries}. */
  executable?: string;
  /**
   * Run the server in its own process group, so Ctrl-C in a terminal reaches only the parent, which
   * can then stop the worker and API first and Temporal last. Default false (Ctrl-C stops it directly).
   */
  detached?: boolean;
}

export interface TemporalDevServer {
  /** gRPC address for `Connection.connect({ address })`/`NativeConnection.connect`, e.g. `127.0.0.1:7233`. */
  address: string;
  namespace: string;
  /** Web UI URL, or undefined when started with `ui: false`. */
  uiUrl: string | undefined;
  port: number;
  uiPort: number | undefined;
  httpPort: number;
  metricsPort: number;
  /** SQLite file, or undefined when in-memory. */
  dbFile: string | undefined;
  pid: number;
  /** Milliseconds from spawn to ready. */
  readyMs: number;
  /** The full command line used. */
  args: readonly string[];
  /** Resolves with the exit code (or signal name) when the server process ends, for whatever reason. */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

const SIGKILL_AFTER_MS = 5_000;
const OUTPUT_TAIL_LINES = 60;

const liveServers = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort if the owner exits without stop(): do not leave a server holding the port and the SQLite file.
  process.once('exit', () => {
    for (const child of liveServers) child.kill('SIGTERM');
  });
}

/**
 * Starts `temporal server start-dev` and resolves once it serves the namespace with all requested
 * search attributes registered. Rejects (and kills the process) when it exits early or is not ready in time.
 */
export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<TemporalDevServer> {
  const ip = options.ip ?? '127.0.0.1';
  const connectHost = ip === '0.0.0.0' || ip === '::' ? '127.0.0.1' : ip;
  const namespace = options.namespace ?? 'default';
  const ui = options.ui ?? true;
  const searchAttributes = options.searchAttributes ?? SIGAP_SEARCH_ATTRIBUTES;
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const executable = options.executable ?? temporalBinaries().temporal;

  const wanted = {
    port: options.port ?? 7233,
    uiPort: ui ? (options.uiPort ?? 8233) : undefined,
    httpPort: options.httpPort ?? 0,
    metricsPort: options.metricsPort ?? 0,
  };
  const zeroCount = Object.values(wanted).filter((p) => p === 0).length;
  const free = await freePorts(zeroCount, connectHost);
  const pick = (p: number | undefined): number | undefined => (p === 0 ? free.shift() : p);
  const port = pick(wanted.port) as number;
  const uiPort = pick(wanted.uiPort);
  const httpPort = pick(wanted.httpPort) as number;
  const metricsPort = pick(wanted.metricsPort) as number;

  for (const [what, p] of [['gRPC', port], ['Web UI', uiPort], ['HTTP API', httpPort], ['metrics', metricsPort]] as const) {
    if (p !== undefined && !(await isPortFree(p, connectHost))) {
      throw new Error(
        `Cannot start the Temporal dev server: ${what} port ${p} on ${connectHost} is already in use ` +
          '(another Temporal server, or an earlier `./sigap start` still running?). ' +
          'Stop it, or choose other ports (SIGAP_TEMPORAL_PORT / SIGAP_TEMPORAL_UI_PORT), or point TEMPORAL_ADDRESS at a running server.',
      );
    }
  }

  let dbFile: string | undefined;
  if (options.dataDir !== null) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    dbFile = path.resolve(options.dataDir, 'temporal.db');
  }

  const args = [
    'server',
    'start-dev',
    ...(dbFile ? ['--db-filename', dbFile] : []),
    '--ip', ip,
    '--port', String(port),
    '--http-port', String(httpPort),
    '--metrics-port', String(metricsPort),
    ...(ui ? ['--ui-port', String(uiPort), '--ui-disable-news-fetch'] : ['--headless']),
    '--namespace', namespace,
    ...searchAttributeArgs(searchAttributes),
    '--log-level', options.logLevel ?? 'warn',
    '--log-format', 'text',
    '--color', 'never',
    ...(options.extraArgs ?? []),
  ];

  // Output: appended to the log file, or kept (last lines) in memory for error messages.
  const tail: string[] = [];
  const remember = (line: string): void => {
    tail.push(line);
    if (tail.length > OUTPUT_TAIL_LINES) tail.shift();
    options.onOutput?.(line);
  };
  let logFd: number | undefined;
  if (options.logFile) {
    fs.mkdirSync(path.dirname(path.resolve(options.logFile)), { recursive: true });
    logFd = fs.openSync(options.logFile, 'a');
  }

  const started = Date.now();
  const child = spawn(executable, args, {
    stdio: logFd !== undefined ? ['ignore', logFd, logFd] : ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TEMPORAL_ADDRESS: undefined, TEMPORAL_NAMESPACE: undefined },
    detached: options.detached ?? false,
  });
  if (logFd !== undefined) fs.closeSync(logFd);
  liveServers.add(child);
  installExitHook();
  if (logFd === undefined) {
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) remember(line);
      });
      stream?.on('end', () => {
        if (partial) remember(partial);
        partial = '';
      });
    }
  }

  let exitInfo: number | string | undefined;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      liveServers.delete(child);
      exitInfo = code ?? signal ?? 'unknown';
      resolve(exitInfo);
    });
    child.once('error', (err) => {
      liveServers.delete(child);
      exitInfo = `spawn error: ${err.message}`;
      resolve(exitInfo);
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (exitInfo !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), SIGKILL_AFTER_MS);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  };

  const address = `${connectHost.includes(':') ? `[${connectHost}]` : connectHost}:${port}`;
  const outputTail = (): string => {
    const lines = options.logFile ? readTail(options.logFile, OUTPUT_TAIL_LINES) : tail;
    return lines.filter((l) => l.trim() !== '').join('\n');
  };

  try {
    await waitUntilReady({ address, namespace, searchAttributes, deadline: started + readyTimeoutMs, exited: () => exitInfo });
  } catch (err) {
    await stop();
    const where = options.logFile ? ` (log: ${options.logFile})` : '';
    throw new Error(
      `Temporal dev server did not start${where}: ${(err as Error).message}\n` +
        `command: ${executable} ${args.join(' ')}\n--- last output ---\n${outputTail()}`,
    );
  }

  const uiHost = ip === '127.0.0.1' || ip === '0.0.0.0' || ip === '::' ? 'localhost' : ip;
  return {
    address,
    namespace,
    uiUrl: ui ? `http://${uiHost}:${uiPort}` : undefined,
    port,
    uiPort,
    httpPort,
    metricsPort,
    dbFile,
    pid: child.pid as number,
    readyMs: Date.now() - started,
    args: [executable, ...args],
    exited,
    stop,
  };
}

interface ReadyCheck {
  address: string;
  namespace: string;
  searchAttributes: Readonly<Record<string, CliSearchAttributeType>>;
  deadline: number;
  /** Exit code/signal once the process has ended, else undefined. */
  exited: () => number | string | undefined;
}

/** Polls until the namespace is served and lists every wanted search attribute (with the right type). */
async function waitUntilReady(check: ReadyCheck): Promise<void> {
  const [host, portText] = splitAddress(check.address);
  let lastError = 'no answer yet';
  while (Date.now() < check.deadline) {
    const code = check.exited();
    if (code !== undefined) throw new Error(`the server process exited (${code})`);
    // A cheap TCP probe first: a gRPC connect to a closed port would wait for its own timeout.
    if (await tcpAccepts(host, Number(portText))) {
      let connection: Connection | undefined;
      try {
        connection = await Connection.connect({ address: check.address, connectTimeout: 2_000 });
        await connection.workflowService.getSystemInfo({});
        await connection.workflowService.describeNamespace({ namespace: check.namespace });
        const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: check.namespace });
        const missing: string[] = [];
        for (const [name, type] of Object.entries(check.searchAttributes)) {
          const actual = customAttributes?.[name];
          if (actual === undefined || actual === null) missing.push(name);
          else if (Number(actual) !== INDEXED_VALUE_TYPE[type]) {
            throw new FatalError(
              `search attribute ${name} is registered with type #${String(actual)}, not ${type}; ` +
                'use a fresh data folder or rename the attribute',
            );
          }
        }
        if (missing.length === 0) return;
        lastError = `search attributes not registered yet: ${missing.join(', ')}`;
      } catch (err) {
        if (err instanceof FatalError) throw err;
        lastError = (err as Error).message;
      } finally {
        await connection?.close().catch(() => undefined);
      }
    } else {
      lastError = `nothing listening on ${check.address} yet`;
    }
    await sleep(150);
  }
  throw new Error(`not ready within the deadline; last check: ${lastError}`);
}

class FatalError extends Error {}

function splitAddress(address: string): [string, string] {
  const i = address.lastIndexOf(':');
  return [address.slice(0, i).replace(/^\[|\]$/g, ''), address.slice(i + 1)];
}

function tcpAccepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function readTail(file: string, lines: number): string[] {
  try {
    const size = fs.statSync(file).size;
    const length = Math.min(size, 16_384);
    const buffer = Buffer.alloc(length);
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, buffer, 0, length, size - length);
    } finally {
      fs.closeSync(fd);
    }
    return buffer.toString('utf8').split('\n').slice(-lines);
  } catch {
    return [];
  }
}
