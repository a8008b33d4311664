// The demo identity provider in a real browser: in demo mode without OIDC_ISSUER, /auth/login goes to
// Sigap's own OpenID Connect provider at /demo-idp, a demo user is picked on its (accessible, clearly
// demo-only) page, and the console session carries that user's roles, NIP and unit from a Keycloak-shaped
// JWT access token; the session refreshes through the provider, and signing out ends the provider's
// session too. With OIDC_ISSUER set, or outside demo mode, nothing answers at /demo-idp.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { Client } from '@temporalio/client';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../../config/index.ts';
import { closeDatabase, openDatabase } from '../../../db/orm.ts';
import { ensureDemoKeys } from '../../../api/auth/demoKeys.ts';
import { createJwtVerifierFromConfig } from '../../../api/auth/jwt.ts';
import { demoIdentityProviderEnabled } from '../../../api/auth/demoIdentityProvider.ts';
import { createApp } from '../../../api/app.ts';
import type { ApiDeps } from '../../../api/deps.ts';
import { seedDemoTenants } from '../../../scripts/demo.ts';
import { startTestPostgres, type TestPostgres } from '../../db/pg.ts';
import { makeTempDir, removeTempDir } from '../../support/tmp.ts';
import { axeViolations, launchBrowser, newContext, screenshot, signIn } from '../../support/browser.ts';

/** Sigap in demo mode on a free port with PUBLIC_URL pointing at it; no Temporal (sign-in needs none). */
async function listen(env: Record<string, string>, pgUrl: string, orm: MikroORM, dataDir: string) {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({ DATABASE_URL: pgUrl, SIGAP_DATA_DIR: dataDir, LOG_LEVEL: 'warn', PORT: String(port), PUBLIC_URL: baseUrl, ...env });
  const deps: ApiDeps = { config, orm, temporal: new Client(), now: () => Date.now() };
  const verifyJwt = config.demo ? createJwtVerifierFromConfig(config, { demoKeys: await ensureDemoKeys(dataDir) }) : async () => { throw new Error('no bearer tokens here'); };
  server.on('request', createApp(deps, { verifyJwt, logger: pino({ level: 'silent' }) }));
  return {
    baseUrl, config,
    close: async () => { server.closeAllConnections(); await new Promise((r) => server.close(r)); },
  };
}

let pg: TestPostgres;
let orm: MikroORM;
let dataDir: string;
let app: Awaited<ReturnType<typeof listen>>;
let browser: Browser;

beforeAll(async () => {
  pg = await startTestPostgres();
  dataDir = makeTempDir('sigap-demo-idp-');
  orm = await openDatabase(pg.url);
  await seedDemoTenants(orm);
  app = await listen({ SIGAP_DEMO: 'true' }, pg.url, orm, dataDir);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (orm) await closeDatabase(orm);
  await pg?.cleanup();
  if (dataDir) removeTempDir(dataDir);
}, 60_000);

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

describe('the demo identity provider', () => {
  it('signs a demo user in through /auth/login with their roles, NIP and unit, refreshes, and signs out at the provider', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/auth/login?returnTo=${encodeURIComponent('/auth/session')}`);
    // The provider's own page, saying what it is.
    expect(new URL(page.url()).pathname).toMatch(/^\/demo-idp\/interaction\//);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/demo/i);
    await expect(page.getByRole('note').textContent()).resolves.toMatch(/tanpa kata sandi/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'demo-idp-login');

    await signIn(page, app.baseUrl, 'serang:kadis', '/auth/session');
    const session = await page.request.get(`${app.baseUrl}/auth/session`);
    expect(session.status()).toBe(200);
    const body = await session.json() as { user: Record<string, string>; roles: string[]; csrfToken: string };
    expect(body.user).toMatchObject({ username: 'kadis', name: 'Dr. Ahmad Fauzi', tenantId: 'serang', unit: 'Unit Pengelola TIK' });
    expect(body.user.nip).toMatch(/^\d{18}$/);
    expect(body.roles).toEqual(['head_of_unit']);

    // An expired access token is refreshed at the provider (rotated refresh token, same principal).
    const cookie = (await context.cookies()).find((c) => c.name === 'sigap_session')!.value;
    const [before] = await orm.em.fork().execute<Array<{ refresh_token_enc: string }>>('select refresh_token_enc from web_session where id_hash = ?', [sha256(cookie)]);
    expect(before?.refresh_token_enc).toBeTruthy();
    await orm.em.fork().execute('update web_session set access_expires_at = now() - interval \'1 minute\' where id_hash = ?', [sha256(cookie)]);
    const refreshed = await page.request.get(`${app.baseUrl}/auth/session`);
    expect(refreshed.status()).toBe(200);
    expect((await refreshed.json() as { roles: string[] }).roles).toEqual(['head_of_unit']);
    const [after] = await orm.em.fork().execute<Array<{ refresh_token_enc: string; access_expires_at: Date }>>('select refresh_token_enc, access_expires_at from web_session where id_hash = ?', [sha256(cookie)]);
    expect(after?.refresh_token_enc).not.toBe(before?.refresh_token_enc);
    expect(new Date(after!.access_expires_at).getTime()).toBeGreaterThan(Date.now());

    // Sign out: the console session ends, then the provider asks (in Bahasa) and ends its own.
    const logout = await page.request.post(`${app.baseUrl}/auth/logout`, { form: { _csrf: body.csrfToken }, maxRedirects: 0 });
    expect(logout.status()).toBe(303);
    const endSession = new URL(logout.headers().location!, app.baseUrl);
    expect(endSession.pathname.startsWith('/demo-idp/')).toBe(true);
    await page.goto(endSession.href);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ya, keluar' }).click();
    await page.waitForURL((url) => url.href.startsWith(app.baseUrl) && !url.pathname.startsWith('/demo-idp/session'));
    expect((await page.request.get(`${app.baseUrl}/auth/session`)).status()).toBe(401);
    // The provider forgot the user: the next sign-in asks again.
    await page.goto(`${app.baseUrl}/auth/login`);
    await expect(page.getByLabel('Pengguna demo').isVisible()).resolves.toBe(true);
    await context.close();
  }, 60_000);

  it('refuses an account that is not a demo user, and a sign-in page opened in another browser', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/auth/login`);
    const action = await page.locator('form').getAttribute('action');
    const res = await page.request.post(new URL(action!, app.baseUrl).href, { form: { account: 'serang:nobody' }, maxRedirects: 0 });
    expect(res.status()).toBe(400);
    expect(await res.text()).toContain('Pilih salah satu pengguna demo.');
    // A sign-in page without its browser's interaction cookie leads back to the start.
    const stale = await (await newContext(browser)).newPage();
    const response = await stale.goto(new URL(action!.replace(/\/login$/, ''), app.baseUrl).href);
    expect(response?.status()).toBe(400);
    await expect(stale.getByRole('link', { name: 'Masuk lagi' }).getAttribute('href')).resolves.toBe('/auth/login');
    await stale.context().close();
    await context.close();
  }, 30_000);

  it('is mounted only in demo mode without OIDC_ISSUER', async () => {
    expect(demoIdentityProviderEnabled({ demo: true, OIDC_ISSUER: undefined })).toBe(true);
    expect(demoIdentityProviderEnabled({ demo: true, OIDC_ISSUER: 'https://sso.example.go.id/realms/x' })).toBe(false);
    expect(demoIdentityProviderEnabled({ demo: false, OIDC_ISSUER: undefined })).toBe(false);
    expect((await fetch(`${app.baseUrl}/demo-idp/.well-known/openid-configuration`)).status).toBe(200);

    const issuer = 'http://127.0.0.1:9/realms/serang';
    const configs: Array<Record<string, string>> = [{ SIGAP_DEMO: 'true', OIDC_ISSUER: issuer }, { SIGAP_DEMO: 'false', OIDC_ISSUER: issuer, OIDC_CLIENT_ID: 'sigap', SESSION_SECRET: 'x'.repeat(32) }];
    for (const env of configs) {
      const other = await listen(env, pg.url, orm, dataDir);
      try {
        const res = await fetch(`${other.baseUrl}/demo-idp/.well-known/openid-configuration`, { headers: { accept: 'application/json' } });
        expect(res.status).toBe(404);
      } finally {
        await other.close();
      }
    }
  }, 30_000);
});
