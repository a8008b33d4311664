// Console sessions after a sign-in with a real OIDC provider: a cookie alone never changes state (CSRF
// token by header or form field), an expired access token is refreshed once under a row lock (new roles
// picked up, the rotated refresh token stored sealed), a refresh the provider refuses ends the session,
// the absolute lifetime holds, logout ends the session and sends the browser to the provider's logout,
// and bearer requests never look at cookies.
import { createBrowser, signInThroughProvider, type TestBrowser } from '../support/oidcProvider.ts';
import { problemOf, sha256, startOidcTestApi, type OidcTestApi } from '../support/oidcApi.ts';

let api: OidcTestApi;
beforeAll(async () => { api = await startOidcTestApi(); }, 120_000);
afterAll(async () => { await api?.stop(); }, 60_000);

type Row = { refresh_token_enc: string; access_expires_at: Date | null; ended_at: Date | null; principal: { roles: string[] } };
const rowOf = async (browser: TestBrowser) =>
  (await api.sql<Row>('select refresh_token_enc, access_expires_at, ended_at, principal from web_session where id_hash = ?', [sha256(browser.cookie('sigap_session')!)]))[0]!;
const expireAccessToken = (browser: TestBrowser) =>
  api.sql('update web_session set access_expires_at = now() - interval \'1 minute\' where id_hash = ?', [sha256(browser.cookie('sigap_session')!)]);
const call = async (browser: TestBrowser, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const res = await browser.fetch(`${api.baseUrl}${path}`, {
    method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), 'accept-language': 'id', ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
};
const signedIn = async (username: string) => {
  const browser = createBrowser();
  await signInThroughProvider(browser, api.baseUrl, username);
  const session = await call(browser, 'GET', '/auth/session');
  expect(session.status).toBe(200);
  return { browser, csrf: session.body.csrfToken as string };
};

describe('CSRF protection of console sessions', () => {
  it('refuses a state-changing request with the cookie alone, accepts it with the session\'s token', async () => {
    const { browser, csrf } = await signedIn('ani');
    const hook = { url: 'http://127.0.0.1:9/hook', description: 'CSRF test' };
    const before = Number((await api.sql<{ n: string }>('select count(*) as n from webhook_subscription'))[0]!.n);

    const bare = await call(browser, 'POST', '/api/v1/webhooks', hook);
    expect(bare.status).toBe(403);
    expect(bare.body).toMatchObject({ code: 'csrf_token_invalid' });
    expect(bare.body.detail).toMatch(/token CSRF/);
    const wrong = await call(browser, 'POST', '/api/v1/webhooks', hook, { 'x-csrf-token': `${csrf.slice(0, -2)}xx` });
    expect(wrong.status).toBe(403);
    expect(Number((await api.sql<{ n: string }>('select count(*) as n from webhook_subscription'))[0]!.n)).toBe(before);

    const ok = await call(browser, 'POST', '/api/v1/webhooks', hook, { 'x-csrf-token': csrf });
    expect(ok.status).toBe(201);
    expect(ok.body.url).toBe(hook.url);
    // Reading needs no token.
    expect((await call(browser, 'GET', '/api/v1/me')).status).toBe(200);
  });

  it('never looks at cookies on bearer requests', async () => {
    const { browser } = await signedIn('budi');
    const token = await api.provider.signAccessToken(api.provider.claimsOf(api.provider.accounts.get('ani')!));
    const me = await call(browser, 'GET', '/api/v1/me', undefined, { authorization: `Bearer ${token}` });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('ani');
    expect(me.body.sessionId).toBeUndefined();
  });
});

describe('refresh of the provider\'s tokens', () => {
  it('refreshes an expired access token once, picks up new roles and stores the rotated refresh token sealed', async () => {
    const { browser } = await signedIn('budi');
    const before = await rowOf(browser);
    expect(before.principal.roles).toEqual(['service_desk']);
    api.provider.accounts.get('budi')!.roles.push('sigap-kadis');
    await expireAccessToken(browser);

    // Concurrent requests of the same browser: one refresh (a second one would replay a rotated token,
    // which the provider answers by revoking the grant), every request served.
    const answers = await Promise.all([1, 2, 3, 4].map(() => call(browser, 'GET', '/api/v1/me')));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(answers.every((a) => a.body.roles.includes('head_of_unit'))).toBe(true);

    const after = await rowOf(browser);
    expect(after.refresh_token_enc).toMatch(/^v1\./);
    expect(after.refresh_token_enc).not.toBe(before.refresh_token_enc);
    expect(new Date(after.access_expires_at!).getTime()).toBeGreaterThan(Date.now());
    expect(after.principal.roles).toEqual(['service_desk', 'head_of_unit']);
    // The grant is still good: another refresh works.
    await expireAccessToken(browser);
    expect((await call(browser, 'GET', '/api/v1/me')).status).toBe(200);
  });

  it('ends the session when the provider refuses the refresh', async () => {
    const { browser } = await signedIn('ani');
    const first = await rowOf(browser);
    await expireAccessToken(browser);
    expect((await call(browser, 'GET', '/api/v1/me')).status).toBe(200);
    // Put the refresh token that was rotated away back: the provider refuses it (invalid_grant).
    await api.sql('update web_session set refresh_token_enc = ?, access_expires_at = now() - interval \'1 minute\' where id_hash = ?', [first.refresh_token_enc, sha256(browser.cookie('sigap_session')!)]);
    const refused = await call(browser, 'GET', '/api/v1/me');
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ code: 'session_expired' });
    expect(refused.body.detail).toMatch(/Sesi Anda sudah berakhir/);
    expect((await rowOf(browser)).ended_at).not.toBeNull();
    expect((await call(browser, 'GET', '/auth/session')).status).toBe(401);
  });

  it('ends a session at its absolute lifetime', async () => {
    const { browser } = await signedIn('budi');
    await api.sql('update web_session set expires_at = now() - interval \'1 second\' where id_hash = ?', [sha256(browser.cookie('sigap_session')!)]);
    const res = await call(browser, 'GET', '/api/v1/me');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('session_expired');
  });
});

describe('logout', () => {
  it('needs the CSRF token, ends the session and sends the browser to the provider\'s logout', async () => {
    const { browser, csrf } = await signedIn('ani');
    const cookie = browser.cookie('sigap_session')!;

    const forged = await browser.fetch(`${api.baseUrl}/auth/logout`, { method: 'POST' });
    expect(forged.status).toBe(403);
    expect((await problemOf(forged)).code).toBe('csrf_token_invalid');
    expect((await call(browser, 'GET', '/api/v1/me')).status).toBe(200);

    // The console's form post: the token in the `_csrf` field.
    const res = await browser.fetch(`${api.baseUrl}/auth/logout`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf }),
    });
    expect(res.status).toBe(303);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin).toBe(api.provider.issuer);
    expect(location.searchParams.get('post_logout_redirect_uri')).toBe(`${api.baseUrl}/`);
    expect(location.searchParams.get('id_token_hint')).toEqual(expect.any(String));
    expect(browser.cookie('sigap_session')).toBeUndefined();

    // The old cookie is worth nothing any more.
    const after = await fetch(`${api.baseUrl}/api/v1/me`, { headers: { cookie: `sigap_session=${cookie}` } });
    expect(after.status).toBe(401);
    expect((await problemOf(after)).code).toBe('session_expired');
  });
});
