// `./sigap start` (scripts/start.ts), the README's one command that starts the whole system: embedded
// PostgreSQL and Temporal, the worker and the API come up on a fresh data folder, the demo tenants are
// seeded, the Schedules are created at boot, a demo user gets a report, and Ctrl-C stops everything.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { promisify } from 'node:util';
import { freePorts } from '../../scripts/lib/ports.ts';
import { PROJECT_NODE } from '../../scripts/lib/processes.ts';
import { REPO_ROOT } from '../../scripts/lib/paths.ts';
import { makeTempDir, removeTempDir } from '../support/tmp.ts';
import { eventually } from '../support/eventually.ts';

const run = promisify(execFile);

let dir: string;
let child: ChildProcess | null = null;
let output = '';

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
  }
  removeTempDir(dir);
});

test('starts the whole system on a fresh machine, serves a demo user, and stops on Ctrl-C', async () => {
  dir = makeTempDir('start-');
  chmodSync(dir, 0o755); // as root, the embedded server runs as the postgres user
  const [port, pg, temporal, ui] = await freePorts(4);
  const env: NodeJS.ProcessEnv = {
    ...process.env, PORT: String(port), SIGAP_PG_PORT: String(pg), SIGAP_TEMPORAL_PORT: String(temporal), SIGAP_TEMPORAL_UI_PORT: String(ui),
    SIGAP_DATA_DIR: dir, LOG_LEVEL: 'warn',
  };
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'OIDC_ISSUER', 'PUBLIC_URL'] as const) delete env[name];
  const started = spawn(PROJECT_NODE, ['scripts/start.ts'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child = started;
  started.stdout!.on('data', (b: Buffer) => { output += b.toString(); });
  started.stderr!.on('data', (b: Buffer) => { output += b.toString(); });

  await eventually(() => { if (!/ready in [\d.]+ s/.test(output)) throw new Error(`not ready yet:\n${output.slice(-2000)}`); }, 150_000, 500);

  const { stdout: token } = await run(PROJECT_NODE, ['scripts/token.ts', 'kadis'], { cwd: REPO_ROOT, env });
  const get = (path: string) => fetch(`http://127.0.0.1:${port}/api/v1${path}`, { headers: { Authorization: `Bearer ${token.trim()}` } });
  const pdf = await get('/reports/b?format=pdf');
  expect(pdf.status).toBe(200);
  expect(pdf.headers.get('content-type')).toBe('application/pdf');
  // Created at API boot: the semester evaluation's Schedule (1 January and 1 July).
  await eventually(async () => {
    const schedule = await (await get('/evaluations/schedule')).json() as { exists: boolean; months: number[] };
    expect(schedule).toMatchObject({ exists: true, months: [1, 7] });
  }, 30_000, 500);

  // The console signs in through the demo identity provider with no setup.
  const base = `http://127.0.0.1:${port}`;
  const home = await fetch(`${base}/`, { redirect: 'manual', headers: { accept: 'text/html' } });
  expect(home.status).toBe(303);
  const login = await fetch(`${base}/auth/login?returnTo=%2Finbox`, { redirect: 'manual' });
  expect(login.status).toBe(303);
  expect(login.headers.get('location')).toContain('/demo-idp/');

  started.kill('SIGINT');
  const code = await new Promise<number | null>((r) => started.once('exit', (c) => r(c)));
  expect(code).toBe(130); // stopped by Ctrl-C, after stopping the worker, the API and both servers
  expect(output).not.toMatch(/stopped for good|killing child processes/);
}, 240_000);
