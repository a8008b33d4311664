// The embedded server survives what a laptop or a demo box does to it: restarts on the same data
// dir, a postmaster killed with -9, and a Node process killed with -9 that left its server running.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbeddedPostgres } from '../../db/embeddedPostgres.ts';
import { Tenant } from '../../db/entities/index.ts';
import { closeDatabase, openDatabase } from '../../db/orm.ts';
import { processInfo } from '../../db/postmasterPid.ts';
import { freePort, makeTempDir } from './pg.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

let root: string;
let dataDir: string;
let port: number;

beforeAll(async () => {
  root = await makeTempDir();
  dataDir = path.join(root, 'pgdata');
  port = await freePort();
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function postmasterPid(): Promise<number> {
  return Number((await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

async function waitUntilGone(pid: number): Promise<void> {
  for (let i = 0; i < 200 && (await processInfo(pid)); i++) await new Promise((r) => setTimeout(r, 25));
}

async function tenantNames(url: string): Promise<string[]> {
  const orm = await openDatabase(url);
  try {
    return (await orm.em.fork().find(Tenant, {}, { orderBy: { id: 'asc' } })).map((t) => t.name);
  } finally {
    await closeDatabase(orm);
  }
}

test('initialises once, then restarts on the same data dir with the data kept', async () => {
  const first = await startEmbeddedPostgres({ dataDir, port });
  expect(first.url).toBe(`postgres://sigap:sigap@127.0.0.1:${port}/sigap`);
  const orm = await openDatabase(first.url);
  const em = orm.em.fork();
  em.create(Tenant, { id: 'serang', name: 'Kabupaten Serang', profileId: 'serang', timezone: 'Asia/Jakarta' });
  await em.flush();
  await closeDatabase(orm);
  await first.stop();
  await first.stop(); // idempotent

  const second = await startEmbeddedPostgres({ dataDir, port });
  try {
    expect(await tenantNames(second.url)).toEqual(['Kabupaten Serang']);
  } finally {
    await second.stop();
  }
}, 30_000);

test('starts after the postmaster was killed with -9 (stale postmaster.pid)', async () => {
  const reported: unknown[] = [];
  const first = await startEmbeddedPostgres({ dataDir, port, onError: (e) => reported.push(e) });
  const pid = await postmasterPid();
  process.kill(pid, 'SIGKILL');
  await waitUntilGone(pid);
  for (let i = 0; i < 200 && reported.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
  expect(String(reported[0])).toMatch(/exited unexpectedly \(SIGKILL\)/);
  await expect(fs.access(path.join(dataDir, 'postmaster.pid'))).resolves.toBeUndefined();

  const second = await startEmbeddedPostgres({ dataDir, port });
  try {
    expect(await postmasterPid()).not.toBe(pid);
    expect(await tenantNames(second.url)).toEqual(['Kabupaten Serang']);
    await first.stop(); // its server is long gone: must not hang
  } finally {
    await second.stop();
  }
}, 30_000);

test('takes over from a server orphaned by a Node process killed with -9', async () => {
  const child = spawn(process.execPath, [path.join(here, 'fixtures', 'holdPostgres.ts'), dataDir, String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('ready')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.once('exit', (code) => reject(new Error(`fixture exited (${code}): ${output}`)));
  });
  const orphan = await postmasterPid();
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  expect(await processInfo(orphan)).not.toBeNull();

  const handle = await startEmbeddedPostgres({ dataDir, port });
  try {
    expect(await processInfo(orphan)).toBeNull();
    expect(await tenantNames(handle.url)).toEqual(['Kabupaten Serang']);
  } finally {
    await handle.stop();
  }
}, 30_000);

test('refuses to start a second server on a data dir in use', async () => {
  const handle = await startEmbeddedPostgres({ dataDir, port });
  try {
    await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toThrow(/already running/);
  } finally {
    await handle.stop();
  }
}, 30_000);
