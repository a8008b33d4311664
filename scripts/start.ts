// `./sigap start`: brings the whole system up on this machine and keeps it running until Ctrl-C.
//   embedded PostgreSQL (unless DATABASE_URL) → migrations → demo tenants → embedded Temporal dev
//   server (unless TEMPORAL_ADDRESS) → worker and API processes (restarted if they crash).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/index.ts';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../db/embeddedPostgres.ts';
import { closeDatabase, openDatabase } from '../db/orm.ts';
import { ensureDemoKeys } from '../api/auth/demoKeys.ts';
import { startTemporalDevServer, type TemporalDevServer } from './lib/temporalDevServer.ts';
import { firstExit, handleShutdownSignals, spawnNodeScript } from './lib/processes.ts';
import { demoTenants, seedDemoTenants } from './demo.ts';

const started = Date.now();
const config = loadConfig();
const dataDir = resolve(config.SIGAP_DATA_DIR);
mkdirSync(dataDir, { recursive: true });
const say = (m: string) => process.stdout.write(`[sigap] ${m}\n`);

let postgres: EmbeddedPostgresHandle | undefined;
let temporal: TemporalDevServer | undefined;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => { stopping = true; });
handleShutdownSignals({
  afterStop: async () => {
    await temporal?.stop();
    await postgres?.stop();
  },
  log: say,
});

let databaseUrl = config.DATABASE_URL;
if (!databaseUrl) {
  say(`starting embedded PostgreSQL on 127.0.0.1:${config.SIGAP_PG_PORT} (data in ${join(dataDir, 'postgres')})`);
  postgres = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres'), port: config.SIGAP_PG_PORT });
  databaseUrl = postgres.url;
}
const orm = await openDatabase(databaseUrl, { onMigrated: (names) => say(`migrations applied: ${names.join(', ')}`) });
if (config.demo) {
  await seedDemoTenants(orm);
  await ensureDemoKeys(dataDir);
}
await closeDatabase(orm);

let temporalAddress = config.TEMPORAL_ADDRESS;
let temporalUi = config.temporalUiUrl;
if (!temporalAddress) {
  say(`starting embedded Temporal dev server on 127.0.0.1:${config.SIGAP_TEMPORAL_PORT} (SQLite in ${join(dataDir, 'temporal')})`);
  temporal = await startTemporalDevServer({
    dataDir: join(dataDir, 'temporal'), port: config.SIGAP_TEMPORAL_PORT, uiPort: config.SIGAP_TEMPORAL_UI_PORT,
    namespace: config.TEMPORAL_NAMESPACE, logFile: join(dataDir, 'temporal.log'),
  });
  temporalAddress = temporal.address;
  temporalUi = temporal.uiUrl ?? temporalUi;
}

const childEnv = { DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, TEMPORAL_UI_URL: temporalUi, SIGAP_DATA_DIR: dataDir };
const worker = spawnNodeScript({ name: 'worker', script: 'worker/main.ts', env: childEnv, restartOnCrash: { maxRestarts: 20 } });
const api = spawnNodeScript({ name: 'api', script: 'api/server.ts', env: childEnv, restartOnCrash: { maxRestarts: 20 } });

await waitForReady(`http://127.0.0.1:${config.PORT}/health/ready`, 120_000);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const tenant = demoTenants().find((t) => t.id === config.SIGAP_DEFAULT_TENANT);
say(`ready in ${seconds} s
  Console        ${config.publicUrl}/   (${config.demo && !config.OIDC_ISSUER ? 'sign in as a demo user' : 'sign in through your identity provider'})
  API            ${config.publicUrl}/api/v1   (OpenAPI: ${config.publicUrl}/api/v1/openapi.json)
  Temporal UI    ${temporalUi}
  Temporal gRPC  ${temporalAddress} (namespace ${config.TEMPORAL_NAMESPACE}, task queue ${config.TEMPORAL_TASK_QUEUE})
  PostgreSQL     ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}
${config.demo && tenant ? `  Demo tenant "${tenant.id}" (${tenant.profile.id} profile); a token for a user:  npm run token -- <username>
${tenant.users.map((u) => `    ${u.username.padEnd(12)} ${u.roles.join(', ').padEnd(22)} ${u.name}`).join('\n')}
  Other tenant: dpr  (npm run token -- pemohon --tenant dpr)` : '  Sign in through your identity provider (OIDC_ISSUER).'}
  Stop with Ctrl-C.`);

const { process: died } = await firstExit([worker, api]);
// Ctrl-C stops the children too: then the shutdown already under way ends the process (exit 130).
if (!stopping) {
  say(`${died.name} stopped for good; shutting down`);
  process.kill(process.pid, 'SIGTERM');
}

async function waitForReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the API did not become ready at ${url}: ${last}`);
}
