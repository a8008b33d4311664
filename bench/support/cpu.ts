// CPU time (user + system, from /proc/<pid>/stat) of this process and its descendants, grouped by what
// they are: this process (the API and the load generator), the Temporal dev server, PostgreSQL, the
// worker. On a machine where they all share the cores, throughput follows CPU per call, so the split
// says which part a figure is limited by.
import { readdir, readFile } from 'node:fs/promises';

export type CpuByPart = Record<string, number>;

interface Proc { pid: number; ppid: number; comm: string; cmdline: string; cpuMs: number }

async function readProcs(): Promise<Proc[]> {
  const ticksMs = 10; // USER_HZ is 100 on Linux
  const out: Proc[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      out.push({
        pid: Number(entry), ppid: Number(fields[1]), comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), cmdline,
        cpuMs: (Number(fields[11]) + Number(fields[12])) * ticksMs,
      });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

function partOf(p: Proc): string {
  if (p.pid === process.pid) return 'API and load generator (this process)';
  if (p.comm.startsWith('postgres')) return 'PostgreSQL';
  if (p.comm === 'temporal' || p.cmdline.includes('server start-dev')) return 'Temporal server';
  if (p.cmdline.includes('worker/main.ts')) return 'worker';
  return 'other';
}

/** CPU milliseconds used so far by this process and its descendants, by part. */
export async function cpuByPart(): Promise<CpuByPart> {
  const procs = await readProcs();
  const mine = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) if (!mine.has(p.pid) && mine.has(p.ppid)) { mine.add(p.pid); grew = true; }
  }
  const parts: CpuByPart = {};
  for (const p of procs) if (mine.has(p.pid)) parts[partOf(p)] = (parts[partOf(p)] ?? 0) + p.cpuMs;
  return parts;
}

/** CPU ms per call of each part between two readings (`after - before`, divided by `calls`). */
export function cpuPerCall(before: CpuByPart, after: CpuByPart, calls: number): CpuByPart {
  return Object.fromEntries(Object.keys(after).map((k) => [k, Math.round(((after[k]! - (before[k] ?? 0)) / calls) * 100) / 100]));
}

/** Sum of the parts. */
export function cpuTotal(parts: CpuByPart): number {
  return Math.round(Object.values(parts).reduce((a, b) => a + b, 0) * 100) / 100;
}
