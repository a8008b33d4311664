// Test helpers: a throw-away embedded PostgreSQL in a temp dir on a free port.
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../db/embeddedPostgres.ts';

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A private temp dir; readable by all, since as root the server runs as the postgres user. */
export async function makeTempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sigap-db-test-'));
  await fs.chmod(dir, 0o755);
  return dir;
}

export interface TestPostgres extends EmbeddedPostgresHandle {
  root: string;
  dataDir: string;
  port: number;
  /** Stops the server and removes the temp dir. */
  cleanup(): Promise<void>;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  const root = await makeTempDir();
  const dataDir = path.join(root, 'pgdata');
  const port = await freePort();
  const handle = await startEmbeddedPostgres({ dataDir, port });
  return {
    ...handle,
    root,
    dataDir,
    port,
    cleanup: async () => {
      await handle.stop();
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}

/** The URL of another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
