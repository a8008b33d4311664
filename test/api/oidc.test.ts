// Sign-in with a real OpenID Connect provider (oidc-provider, Keycloak-shaped claims) through the
// authorization code flow with PKCE, driven like a browser: the session cookie, /api/v1/me with NIP, unit
// and the roles OIDC_ROLE_MAP gives, the open-redirect guard, refused callbacks (replayed, from another
// browser, a provider error) storing nothing, and bearer access tokens of the same provider: a real one is
// accepted; expired, wrongly signed and wrong-audience ones are refused with 401 invalid_token.
import * as oidc from 'openid-client';
import { applyRoleMap, parseRoleMap } from '../../api/auth/claims.ts';
import { createBrowser, signInThroughProvider, type TestBrowser } from '../support/oidcProvider.ts';
import { problemOf, sha256, startOidcTestApi, type OidcTestApi } from '../support/oidcApi.ts';

let api: OidcTestApi;
beforeAll(async () => { api = await startOidcTestApi(); }, 120_000);
afterAll(async () => { await api?.stop(); }, 60_000);

const count = async (table: string) => Number((await api.sql<{ n: string }>(`select count(*) as n from ${table}`))[0]!.n);
const json = async (browser: TestBrowser, path: string, init: RequestInit = {}) => {
  const res = await browser.fetch(`${api.baseUrl}${path}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
};
const bearer = async (token: string, path = '/api/v1/me') => {
  const res = await fetch(`${api.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('sign-in with the OIDC provider (authorization code + PKCE)', () => {
  it('signs a user in: session cookie, back to returnTo, /api/v1/me with NIP, unit and mapped roles', async () => {
    const browser = createBrowser();
    const { callbackUrl, final, finalUrl } = await signInThroughProvider(browser, api.baseUrl, 'ani', { returnTo: '/kasus?status=open' });
    expect(callbackUrl).toMatch(/[?&]code=/);
    expect(final.status).toBe(303);
    expect(finalUrl).toBe(`${api.baseUrl}/kasus?status=open`);
    const setCookie = final.headers.getSetCookie().find((c) => c.startsWith('sigap_session='))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/i); // PUBLIC_URL is http here

    const me = await json(browser, '/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'user', tenantId: 'serang', username: 'ani', name: 'Ani Wijaya', nip: '198703152011012002', unit: 'Dinas Kominfo' });
    // sigap-admin → administrator; the realm's offline_access and default roles are no Sigap roles.
    expect(me.body.roles).toEqual(['administrator']);

    // The table keeps the SHA-256 of the cookie's id, never the id; the refresh token is sealed.
    const id = browser.cookie('sigap_session')!;
    expect(Buffer.from(id, 'base64url')).toHaveLength(32);
    const [row] = await api.sql<{ username: string; refresh_token_enc: string | null }>('select username, refresh_token_enc from web_session where id_hash = ?', [sha256(id)]);
    expect(row?.username).toBe('ani');
    expect(row?.refresh_token_enc).toMatch(/^v1\./);
    expect(await api.sql('select 1 from web_session where id_hash = ?', [id])).toHaveLength(0);

    const session = await json(browser, '/auth/session');
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ user: { username: 'ani', name: 'Ani Wijaya', nip: '198703152011012002', unit: 'Dinas Kominfo', tenantId: 'serang' }, roles: ['administrator'] });
    expect(session.body.csrfToken).toEqual(expect.any(String));
    expect(Date.parse(session.body.expiresAt)).toBeGreaterThan(Date.now() + 9 * 3_600_000);
    // The user directory learnt the user from the claims.
    expect(await api.sql('select nip, unit from app_user where tenant_id = ? and username = ?', ['serang', 'ani'])).toEqual([{ nip: '198703152011012002', unit: 'Dinas Kominfo' }]);
  });

  it('refuses a replayed callback (same code and state) and stores nothing', async () => {
    const browser = createBrowser();
    const { callbackUrl } = await signInThroughProvider(browser, api.baseUrl, 'budi', { stopAtCallback: true });
    const loginCookie = browser.cookie('sigap_login')!;
    const first = await browser.follow(callbackUrl, (u) => !u.startsWith(`${api.baseUrl}/auth/`));
    expect(first.response.status).toBe(303);
    const sessions = await count('web_session');

    // Same browser, the sign-in cookie put back: the attempt was consumed.
    browser.setCookie('sigap_login', loginCookie, `${api.baseUrl}/auth/callback`);
    const replay = await browser.fetch(callbackUrl, { headers: { 'accept-language': 'id' } });
    expect(replay.status).toBe(400);
    expect(replay.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = await problemOf(replay);
    expect(problem.code).toBe('sign_in_state_invalid');
    expect(problem.detail).toMatch(/Proses masuk ini tidak dikenal/);
    expect(replay.headers.getSetCookie().some((c) => c.startsWith('sigap_session=') && !c.startsWith('sigap_session=;'))).toBe(false);
    expect(await count('web_session')).toBe(sessions);
  });

  it('refuses a callback opened in another browser (login CSRF) and keeps the attempt for its own browser', async () => {
    const browser = createBrowser();
    const { callbackUrl } = await signInThroughProvider(browser, api.baseUrl, 'budi', { stopAtCallback: true });
    const sessions = await count('web_session');
    const other = await createBrowser().fetch(callbackUrl);
    expect(other.status).toBe(400);
    expect((await problemOf(other)).code).toBe('sign_in_state_invalid');
    expect(await count('web_session')).toBe(sessions);
    const own = await browser.follow(callbackUrl, (u) => !u.startsWith(`${api.baseUrl}/auth/`));
    expect(own.response.status).toBe(303);
    expect(await count('web_session')).toBe(sessions + 1);
  });

  it('answers a provider error at the callback with a Bahasa problem and no session', async () => {
    const browser = createBrowser();
    const { url } = await browser.follow(`${api.baseUrl}/auth/login`, (u) => u.startsWith(api.provider.issuer));
    const state = new URL(url).searchParams.get('state')!;
    expect(new URL(url).searchParams.get('code_challenge_method')).toBe('S256');
    const sessions = await count('web_session');
    const res = await browser.fetch(`${api.baseUrl}/auth/callback?error=access_denied&state=${state}`);
    expect(res.status).toBe(400);
    const problem = await problemOf(res);
    expect(problem).toMatchObject({ code: 'sign_in_failed', status: 400 });
    expect(problem.detail).toMatch(/Penyedia identitas tidak menyelesaikan proses masuk \(access_denied\)/);
    expect(await count('web_session')).toBe(sessions);
    expect(await api.sql('select 1 from oidc_login where state_hash = ?', [sha256(state)])).toHaveLength(0);
  });

  it('refuses a returnTo outside Sigap (open redirect)', async () => {
    for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const res = await fetch(`${api.baseUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`, { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect((await problemOf(res)).code).toBe('return_to_invalid');
    }
  });

  it('answers 401 at /auth/session without a session', async () => {
    const res = await fetch(`${api.baseUrl}/auth/session`);
    expect(res.status).toBe(401);
  });
});

describe('bearer access tokens of the provider', () => {
  /** A real access token: the authorization code of a browser sign-in, exchanged by this test as the API would. */
  async function realAccessToken(username: string): Promise<string> {
    const browser = createBrowser();
    const { callbackUrl } = await signInThroughProvider(browser, api.baseUrl, username, { stopAtCallback: true });
    const state = new URL(callbackUrl).searchParams.get('state')!;
    const [login] = await api.sql<{ code_verifier: string; nonce: string }>('select code_verifier, nonce from oidc_login where state_hash = ?', [sha256(state)]);
    const config = await oidc.discovery(new URL(api.provider.issuer), api.provider.clientId, api.provider.clientSecret, undefined, { execute: [oidc.allowInsecureRequests] });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(callbackUrl), { pkceCodeVerifier: login!.code_verifier, expectedState: state, expectedNonce: login!.nonce });
    return tokens.access_token;
  }

  it('accepts a JWT access token of the provider on /api/v1/me', async () => {
    const token = await realAccessToken('budi');
    expect(token.split('.')).toHaveLength(3);
    const me = await bearer(token);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'budi', nip: '199001012015031001', unit: 'Bidang Aplikasi', roles: ['service_desk'] });
  });

  it('refuses an expired, a wrongly signed and a wrong-audience token with 401 invalid_token', async () => {
    const claims = api.provider.claimsOf(api.provider.accounts.get('budi')!);
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    const cases: Array<[string, string]> = [
      [await api.provider.signAccessToken(claims, { issuedAt: hourAgo, expiresIn: 600 }), 'expired'],
      [await api.provider.signAccessToken(claims, { foreignKey: true }), 'signature'],
      [await api.provider.signAccessToken(claims, { audience: 'another-api' }), 'audience'],
    ];
    for (const [token, reason] of cases) {
      const res = await bearer(token);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'invalid_token', reason });
    }
    // The same claims, properly signed for this API, pass: the refusals above are about exactly one thing each.
    expect((await bearer(await api.provider.signAccessToken(claims))).status).toBe(200);
  });
});

describe('OIDC_ROLE_MAP', () => {
  it('maps provider role names to profile role ids and drops unmapped names', () => {
    const map = parseRoleMap('sigap-admin=administrator; kepala = head_of_unit|service_owner\nsigap-admin=service_desk');
    expect(applyRoleMap(['sigap-admin', 'kepala', 'offline_access'], map)).toEqual(['administrator', 'service_desk', 'head_of_unit', 'service_owner']);
    expect(applyRoleMap(['service_desk'], parseRoleMap(undefined))).toEqual(['service_desk']);
    expect(parseRoleMap('  ')).toBeUndefined();
    expect(() => parseRoleMap('no-equals-sign')).toThrow(/OIDC_ROLE_MAP/);
  });
});
