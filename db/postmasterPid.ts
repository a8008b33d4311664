// Deals with a postmaster.pid left behind by an earlier run, so a restart after a crash or kill -9
// does not fail with "lock file already exists".
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Written next to postmaster.pid: the Node process that started the server. */
export const OWNER_FILE = 'sigap-owner.pid';

interface ProcessInfo {
  ppid: number;
  /** Command line, for telling our postmaster from a process that reused its pid. */
  args: string[];
}

/** A running (non-zombie) process, or null. Linux reads /proc; other systems ask `ps`. */
export async function processInfo(pid: number): Promise<ProcessInfo | null> {
  if (!Number.isSafeInteger(pid) || pid <= 0) return null;
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ')'.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state === 'Z' || state === 'X') return null;
    const args = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
    return { ppid: Number(ppid), args };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ESRCH') return null; // gone, or going while we read
    if (process.platform === 'linux') throw err;
  }
  try {
    const out = execFileSync('ps', ['-o', 'stat=,ppid=,command=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    const match = /^(\S+)\s+(\d+)\s+(.*)$/.exec(out);
    if (!match || match[1]!.startsWith('Z')) return null;
    return { ppid: Number(match[2]), args: match[3]!.split(/\s+/) };
  } catch {
    return null; // ps exits non-zero when the pid does not exist
  }
}

function isPostmasterOf(info: ProcessInfo, dataDir: string): boolean {
  const d = info.args.indexOf('-D');
  return d >= 0 && path.resolve(info.args[d + 1] ?? '') === dataDir;
}

async function readPid(file: string): Promise<number | null> {
  try {
    const first = (await fs.readFile(file, 'utf8')).split('\n')[0] ?? '';
    const pid = Number.parseInt(first.trim(), 10);
    return Number.isSafeInteger(pid) ? pid : NaN;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Sends a signal; false when the process is already gone. */
function signal(pid: number, sig: NodeJS.Signals): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw err;
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await processInfo(pid))) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/**
 * Makes the data directory startable again:
 * - no pid file, or the recorded process is gone, a zombie, or not a postmaster of this directory
 *   (pid reused): the stale file is removed;
 * - a live postmaster whose starter (OWNER_FILE) is still its parent: it is in use, so this throws;
 * - a live postmaster orphaned by a killed Node process: it is shut down (fast, then immediate).
 */
export async function clearStalePostmaster(dataDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const pid = await readPid(pidFile);
  if (pid === null) return;
  const info = Number.isNaN(pid) ? null : await processInfo(pid);
  if (!info || !isPostmasterOf(info, dataDir)) {
    log(`removing stale ${pidFile} (pid ${pid} is not a running server of this directory)`);
    await fs.rm(pidFile, { force: true });
    return;
  }
  const owner = await readPid(path.join(dataDir, OWNER_FILE));
  if (owner !== null && owner === info.ppid && (owner === process.pid || (await processInfo(owner)))) {
    throw new Error(`PostgreSQL is already running on ${dataDir} (pid ${pid}, started by pid ${owner})`);
  }
  log(`stopping orphaned PostgreSQL pid ${pid} on ${dataDir}`);
  if (signal(pid, 'SIGINT') && !(await waitForExit(pid, 15_000)) && signal(pid, 'SIGQUIT')) await waitForExit(pid, 5_000);
  if (!(await processInfo(pid))) return;
  throw new Error(`Could not stop orphaned PostgreSQL pid ${pid} on ${dataDir}`);
}
