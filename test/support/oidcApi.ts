// The Sigap API configured for a real OIDC provider (test/support/oidcProvider.ts): embedded PostgreSQL with
// the demo tenants, the app on a free port with OIDC_ISSUER, the console client and PUBLIC_URL pointing at
// it. Sign-in needs no Temporal: the Temporal client is lazy and never connects.
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { pino } from 'pino';
import { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig, type Config } from '../../config/index.ts';
import { closeDatabase, openDatabase } from '../../db/orm.ts';
import { createJwtVerifierFromConfig } from '../../api/auth/jwt.ts';
import { createApp } from '../../api/app.ts';
import type { ApiDeps } from '../../api/deps.ts';
import { seedDemoTenants } from '../../scripts/demo.ts';
import { freePort, startTestPostgres, type TestPostgres } from '../db/pg.ts';
import { makeTempDir, removeTempDir } from './tmp.ts';
import { startTestOidcProvider, type TestAccount, type TestOidcProvider } from './oidcProvider.ts';

/** A problem+json answer as the sign-in tests read it. */
export type Problem = { code: string; status: number; detail: string; reason?: string };
export const problemOf = async (res: Response) => (await res.json()) as Problem;
export const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

export interface OidcTestApi {
  baseUrl: string;
  config: Config;
  orm: MikroORM;
  provider: TestOidcProvider;
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export const ROLE_MAP = 'sigap-admin=administrator,sigap-pengelola=service_desk,sigap-kadis=head_of_unit';

/** Keycloak-shaped accounts: realm role names mapped by ROLE_MAP, plus the realm's housekeeping roles. */
export const TEST_ACCOUNTS: TestAccount[] = [
  { username: 'ani', name: 'Ani Wijaya', nip: '198703152011012002', unit: 'Dinas Kominfo', roles: ['sigap-admin', 'offline_access', 'default-roles-serang'], tenant: 'serang' },
  { username: 'budi', name: 'Budi Santoso', nip: '199001012015031001', unit: 'Bidang Aplikasi', roles: ['sigap-pengelola', 'uma_authorization'], tenant: 'serang' },
];

export async function startOidcTestApi(env: Record<string, string> = {}): Promise<OidcTestApi> {
  const pg: TestPostgres = await startTestPostgres();
  const dataDir = makeTempDir('sigap-oidc-');
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const provider = await startTestOidcProvider({
    redirectUris: [`${baseUrl}/auth/callback`], postLogoutRedirectUris: [`${baseUrl}/`], accounts: TEST_ACCOUNTS.map((a) => ({ ...a, roles: [...a.roles] })),
  });
  const config = loadConfig({
    DATABASE_URL: pg.url, SIGAP_DATA_DIR: dataDir, SIGAP_DEMO: 'false', LOG_LEVEL: 'warn', PORT: String(port), PUBLIC_URL: baseUrl,
    OIDC_ISSUER: provider.issuer, OIDC_AUDIENCE: provider.audience, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_SCOPES: 'openid profile', OIDC_ROLE_MAP: ROLE_MAP, SESSION_SECRET: 'a-test-session-secret-of-at-least-32-characters',
    WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', ...env,
  });
  const orm = await openDatabase(pg.url);
  await seedDemoTenants(orm);
  const deps: ApiDeps = { config, orm, temporal: new Client(), now: () => Date.now() };
  const app = createApp(deps, { verifyJwt: createJwtVerifierFromConfig(config), logger: pino({ level: process.env.SIGAP_TEST_API_LOG ?? 'silent' }) });
  const server: Server = await new Promise((resolve) => { const s = app.listen(port, '127.0.0.1', () => resolve(s)); });
  return {
    baseUrl, config, orm, provider,
    sql: (query, params = []) => orm.em.fork().execute(query, params),
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await provider.close();
      await closeDatabase(orm);
      await pg.cleanup();
      removeTempDir(dataDir);
    },
  };
}
