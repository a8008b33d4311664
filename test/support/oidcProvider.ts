// A real OpenID Connect provider for tests (the `oidc-provider` package) on a free local port, shaped like a
// Keycloak realm: accounts with `preferred_username`, `name`, `nip`, `unit`, `realm_access.roles` and
// `tenant`; JWT access tokens for the Sigap API (a resource indicator the provider picks by default, so the
// client sends no `resource` parameter, like with Keycloak); refresh tokens that rotate; RP-initiated
// logout; PKCE required. Sign-in goes through the provider's development login and consent forms, which
// `createBrowser` fills like a person with a browser would (plain fetch, a cookie jar, manual redirects).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseSetCookie } from 'cookie';
import { exportJWK, generateKeyPair, SignJWT, calculateJwkThumbprint, type CryptoKey, type JWK } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';

export interface TestAccount {
  username: string;
  name: string;
  nip?: string;
  unit?: string;
  /** Role names as the provider knows them (realm roles). */
  roles: string[];
  tenant?: string;
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** `aud` of the access tokens for the API (OIDC_AUDIENCE). */
  audience: string;
  /** Accounts by username; change them to see a refresh pick up new roles. */
  accounts: Map<string, TestAccount>;
  /** The claims an access token carries for an account (what the provider adds to its JWT access tokens). */
  claimsOf(account: TestAccount): Record<string, unknown>;
  /** Signs an access token with the provider's own key (for expired or wrong-audience tokens) or a foreign key with the provider's kid. */
  signAccessToken(claims: Record<string, unknown>, options?: { expiresIn?: number; issuedAt?: number; audience?: string; foreignKey?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export interface TestOidcProviderOptions {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  accounts: TestAccount[];
  accessTokenTtlSeconds?: number;
}

const RESOURCE = 'https://sigap.test/api';

async function signingKey(alg: 'RS256' | 'ES256'): Promise<{ jwk: JWK; privateKey: CryptoKey }> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { jwk: { ...jwk, alg, use: 'sig', kid: await calculateJwkThumbprint(jwk) }, privateKey };
}

export async function startTestOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'sigap-console';
  const clientSecret = 'sigap-console-secret-for-tests-only';
  const audience = 'sigap-api';
  const accounts = new Map(options.accounts.map((a) => [a.username, a]));
  const [rsa, ec] = await Promise.all([signingKey('RS256'), signingKey('ES256')]);

  const claimsOf = (a: TestAccount): Record<string, unknown> => ({
    preferred_username: a.username,
    name: a.name,
    realm_access: { roles: [...a.roles] },
    ...(a.nip ? { nip: a.nip } : {}),
    ...(a.unit ? { unit: a.unit } : {}),
    ...(a.tenant ? { tenant: a.tenant } : {}),
  });

  const configuration: Configuration = {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: options.redirectUris,
      post_logout_redirect_uris: options.postLogoutRedirectUris,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [rsa.jwk, ec.jwk] as never },
    cookies: { keys: ['oidc-provider-test-cookie-key'] },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'nip', 'unit', 'realm_access', 'tenant'] },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...claimsOf(account) }) };
    },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Keycloak issues the API's access token without a `resource` parameter: pick it by default.
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'sigap', audience, accessTokenFormat: 'jwt', accessTokenTTL: options.accessTokenTtlSeconds ?? 300, jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
    // Keycloak puts the user's attributes and realm roles in the access token itself.
    async extraTokenClaims(_ctx, token) {
      const account = 'accountId' in token && typeof token.accountId === 'string' ? accounts.get(token.accountId) : undefined;
      return account ? claimsOf(account) : undefined;
    },
    // Refresh tokens without `offline_access` (which oidc-provider grants only with prompt=consent).
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    ttl: { AccessToken: 300, AuthorizationCode: 60, IdToken: 300, RefreshToken: 3600, Interaction: 600, Session: 3600, Grant: 3600 },
  };
  // oidc-provider warns (console.warn) about its in-memory adapter and development forms: meant for tests.
  const warn = console.warn;
  console.warn = () => undefined;
  let provider: Provider;
  try {
    provider = new Provider(issuer, configuration);
  } finally {
    console.warn = warn;
  }
  const handle = provider.callback();
  server.on('request', (req, res) => { void handle(req, res); });

  return {
    issuer, clientId, clientSecret, audience, accounts, claimsOf,
    async signAccessToken(claims, opts = {}) {
      const now = opts.issuedAt ?? Math.floor(Date.now() / 1000);
      const key = opts.foreignKey ? (await signingKey('ES256')).privateKey : ec.privateKey;
      return new SignJWT({ ...claims, client_id: clientId, scope: 'sigap' })
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: ec.jwk.kid as string })
        .setIssuer(issuer)
        .setSubject(String(claims.preferred_username ?? 'someone'))
        .setAudience(opts.audience ?? audience)
        .setIssuedAt(now)
        .setExpirationTime(now + (opts.expiresIn ?? 300))
        .sign(key);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

type StoredCookie = { name: string; value: string; host: string; path: string };

/** A browser stand-in: a cookie jar over fetch that never follows redirects by itself. */
export interface TestBrowser {
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /** Follows redirects from `url` while `until(url)` is false; returns the last response (a redirect to the matching URL, or a page). */
  follow(url: string, until?: (location: string) => boolean, init?: RequestInit): Promise<{ response: Response; url: string }>;
  cookie(name: string): string | undefined;
  setCookie(name: string, value: string, url: string): void;
  deleteCookie(name: string): void;
}

export function createBrowser(): TestBrowser {
  const jar: StoredCookie[] = [];
  const store = (url: URL, header: string) => {
    const c = parseSetCookie(header);
    const path = c.path ?? '/';
    const i = jar.findIndex((s) => s.name === c.name && s.host === url.host && s.path === path);
    if (i >= 0) jar.splice(i, 1);
    const expired = (c.expires && c.expires.getTime() <= Date.now()) || (c.maxAge !== undefined && c.maxAge <= 0);
    if (!expired) jar.push({ name: c.name, value: c.value ?? '', host: url.host, path });
  };
  const cookieHeader = (url: URL) => jar
    .filter((c) => c.host === url.host && (url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)))
    .map((c) => `${c.name}=${c.value}`).join('; ');

  const browser: TestBrowser = {
    async fetch(url, init = {}) {
      const u = new URL(url);
      const headers = new Headers(init.headers);
      const cookies = cookieHeader(u);
      if (cookies) headers.set('cookie', cookies);
      const res = await fetch(u, { ...init, headers, redirect: 'manual' });
      for (const h of res.headers.getSetCookie()) store(u, h);
      return res;
    },
    async follow(url, until = () => false, init) {
      let current = url;
      let res = await browser.fetch(current, init);
      for (let hops = 0; res.status >= 300 && res.status < 400 && hops < 20; hops++) {
        const next = new URL(res.headers.get('location') as string, current).href;
        if (until(next)) return { response: res, url: next };
        await res.arrayBuffer();
        current = next;
        res = await browser.fetch(current);
      }
      return { response: res, url: current };
    },
    cookie: (name) => jar.find((c) => c.name === name)?.value,
    setCookie: (name, value, url) => { const u = new URL(url); jar.push({ name, value, host: u.host, path: '/' }); },
    deleteCookie: (name) => { for (let i = jar.length - 1; i >= 0; i--) if (jar[i]?.name === name) jar.splice(i, 1); },
  };
  return browser;
}

/**
 * Signs `username` in at the API like a person would: /auth/login → the provider's login form → its consent
 * form → the API's /auth/callback. Stops before the callback and returns its URL when `stopAtCallback`.
 */
export async function signInThroughProvider(browser: TestBrowser, apiBase: string, username: string, options: { returnTo?: string; stopAtCallback?: boolean } = {}): Promise<{ callbackUrl: string; final: Response; finalUrl: string }> {
  const isCallback = (u: string) => u.startsWith(`${apiBase}/auth/callback`);
  const start = `${apiBase}/auth/login${options.returnTo ? `?returnTo=${encodeURIComponent(options.returnTo)}` : ''}`;
  let step = await browser.follow(start, isCallback);
  for (let i = 0; i < 4 && !isCallback(step.url); i++) {
    const html = await step.response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected provider page at ${step.url} (${step.response.status}): ${html.slice(0, 300)}`);
    const form = new URLSearchParams({ prompt, ...(prompt === 'login' ? { login: username, password: 'any' } : {}) });
    step = await browser.follow(new URL(action.replaceAll('&amp;', '&'), step.url).href, isCallback, {
      method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
  if (!isCallback(step.url)) throw new Error(`sign-in did not come back to the API: ${step.url}`);
  if (options.stopAtCallback) return { callbackUrl: step.url, final: step.response, finalUrl: step.url };
  const final = await browser.follow(step.url, (u) => !u.startsWith(`${apiBase}/auth/`));
  return { callbackUrl: step.url, final: final.response, finalUrl: final.url };
}
