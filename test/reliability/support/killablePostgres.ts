// An embedded PostgreSQL that a reliability test can kill -9 and start again on the same data folder and
// port, like a database server that crashes and is restarted by its supervisor: every process of the
// cluster (the postmaster and its backends) gets SIGKILL at once, nothing is flushed or shut down cleanly,
// and the restart goes through crash recovery (WAL replay).
import fs from 'node:fs/promises';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../../db/embeddedPostgres.ts';
import { freePort, makeTempDir } from '../../db/pg.ts';

export interface KillablePostgres {
  url: string;
  port: number;
  /** SIGKILL to the postmaster and every backend; resolves when they are gone. */
  kill(): Promise<void>;
  /** Starts the server again on the same data folder and port (crash recovery). */
  restart(): Promise<void>;
  /** Stops the server (if running) and removes its folder. */
  cleanup(): Promise<void>;
}

async function postmasterPid(dataDir: string): Promise<number | null> {
  try {
    const pid = Number.parseInt((await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '', 10);
    return Number.isSafeInteger(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** The pids of a process's children (Linux: /proc/<pid>/task/*\/children). */
async function childrenOf(pid: number): Promise<number[]> {
  const tasks = await fs.readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const lists = await Promise.all(tasks.map((t) => fs.readFile(`/proc/${pid}/task/${t}/children`, 'utf8').catch(() => '')));
  return lists.flatMap((l) => l.split(/\s+/).filter(Boolean).map(Number));
}

async function alive(pid: number): Promise<boolean> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    return !/^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
  } catch {
    return false;
  }
}

export async function startKillablePostgres(): Promise<KillablePostgres> {
  const root = await makeTempDir();
  const dataDir = path.join(root, 'pgdata');
  const port = await freePort();
  let killed = false;
  // The crash we cause is expected; any other exit is reported by embeddedPostgres.ts itself.
  const onError = (err: unknown) => { if (!killed) console.error('[reliability postgres]', err); };
  let handle: EmbeddedPostgresHandle | undefined = await startEmbeddedPostgres({ dataDir, port, onError });
  const url = handle.url;
  return {
    url,
    port,
    async kill() {
      const pid = await postmasterPid(dataDir);
      if (pid === null) throw new Error(`no postmaster.pid in ${dataDir}`);
      killed = true;
      const victims = [pid, ...(await childrenOf(pid))];
      for (const p of victims) { try { process.kill(p, 'SIGKILL'); } catch { /* already gone */ } }
      for (let i = 0; i < 200 && (await Promise.all(victims.map(alive))).some(Boolean); i++) await new Promise((r) => setTimeout(r, 25));
      handle = undefined;
    },
    async restart() {
      handle = await startEmbeddedPostgres({ dataDir, port, onError });
      killed = false;
    },
    async cleanup() {
      killed = true;
      await handle?.stop();
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}
