// Demo identity provider: in demo mode without OIDC_ISSUER, a real OpenID Connect provider (`oidc-provider`)
// is mounted at /demo-idp on Sigap's own server, with the seeded demo users as accounts. The console signs in
// through the same authorization code + PKCE flow as with the agency's Keycloak, and its JWT access tokens
// carry the same claims (preferred_username, name, nip, unit, realm_access.roles, tenant) at the paths of
// OIDC_CLAIM_*. Anyone may pick any demo user on its sign-in page: it is never mounted when OIDC_ISSUER is
// set or demo mode is off. Keys, provider sessions and refresh tokens live in memory (a restart signs
// everyone out of the provider; console sessions end at their next refresh).
import { randomBytes } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
import type { Config } from '../../config/index.ts';
import { demoTenants } from '../../scripts/demo.ts';
import { claimPathsFromConfig, setClaim } from './claims.ts';

export const DEMO_IDP_PATH = '/demo-idp';
/** The console's client at the demo provider: public (PKCE alone), like a public Keycloak client. */
export const DEMO_CLIENT_ID = 'sigap-console';
/** `aud` of the demo provider's access tokens. */
export const DEMO_AUDIENCE = 'sigap-demo-api';
/** Resource indicator the provider picks by default (Keycloak issues the API's token without one). */
const RESOURCE = 'urn:sigap:api';

export interface DemoAccount {
  /** `sub`: usernames repeat across the demo tenants. */
  id: string;
  username: string;
  name: string;
  email: string;
  nip: string;
  unit: string;
  roles: string[];
  /** The roles' titles in the tenant's profile, for the sign-in page. */
  roleTitles: { id: string[]; en: string[] };
  tenantId: string;
  tenantName: string;
}

/** Mounted only in demo mode without an agency provider. */
export function demoIdentityProviderEnabled(config: Pick<Config, 'demo' | 'OIDC_ISSUER'>): boolean {
  return config.demo && !config.OIDC_ISSUER;
}

export function demoIssuer(config: Pick<Config, 'publicUrl'>): string {
  return `${config.publicUrl.replace(/\/+$/, '')}${DEMO_IDP_PATH}`;
}

/** The seeded demo users of every demo tenant (scripts/demo.ts, the same as `npm run token`). */
export function demoAccounts(): DemoAccount[] {
  return demoTenants().flatMap((t) => t.users.map((u) => {
    const titles = (lang: 'id' | 'en') => u.roles.map((r) => t.profile.roles.find((p) => p.id === r)?.title[lang] ?? r);
    return {
      id: `${t.id}:${u.username}`, username: u.username, name: u.name, email: u.email, nip: u.nip, unit: u.unit,
      roles: [...u.roles], roleTitles: { id: titles('id'), en: titles('en') }, tenantId: t.id, tenantName: t.name,
    };
  }));
}

async function signingKey(alg: 'RS256' | 'ES256'): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, alg, use: 'sig', kid: await calculateJwkThumbprint(jwk) };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

type Lang = 'id' | 'en';
const TEXTS = {
  title: { id: 'Masuk ke Sigap (demo)', en: 'Sign in to Sigap (demo)' },
  warning: {
    id: 'Penyedia identitas demo: siapa pun dapat masuk sebagai pengguna demo mana pun tanpa kata sandi. Jangan gunakan untuk data sungguhan; di produksi Sigap memakai penyedia identitas instansi (OIDC_ISSUER).',
    en: 'Demo identity provider: anyone can sign in as any demo user without a password. Do not use it for real data; in production Sigap uses the agency\'s identity provider (OIDC_ISSUER).',
  },
  user: { id: 'Pengguna demo', en: 'Demo user' },
  submit: { id: 'Masuk', en: 'Sign in' },
  unknown: { id: 'Pilih salah satu pengguna demo.', en: 'Choose one of the demo users.' },
  logoutTitle: { id: 'Keluar dari penyedia identitas demo?', en: 'Sign out of the demo identity provider?' },
  logoutYes: { id: 'Ya, keluar', en: 'Yes, sign out' },
  logoutNo: { id: 'Tidak', en: 'No' },
  expired: { id: 'Proses masuk ini sudah kedaluwarsa atau dibuka di peramban lain.', en: 'This sign-in has expired or was opened in another browser.' },
  again: { id: 'Masuk lagi', en: 'Sign in again' },
} satisfies Record<string, Record<Lang, string>>;

/** The console's language cookie (web/i18n.ts) is on the same origin: the provider's pages follow it. */
function langOf(cookieHeader: string | undefined): Lang {
  return /(?:^|;\s*)sigap_lang=en(?:;|$)/.test(cookieHeader ?? '') ? 'en' : 'id';
}

function pageHtml(lang: Lang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Sigap</title><link rel="stylesheet" href="/static/console.css"></head>
<body><main id="main"><h1>${escapeHtml(title)}</h1>
<p class="notice" role="note">${escapeHtml(TEXTS.warning[lang])}</p>
${body}
</main></body></html>`;
}

function loginPage(lang: Lang, action: string, accounts: DemoAccount[], error?: string): string {
  const groups = new Map<string, DemoAccount[]>();
  for (const a of accounts) groups.set(a.tenantName, [...(groups.get(a.tenantName) ?? []), a]);
  const options = [...groups].map(([tenant, list]) => `<optgroup label="${escapeHtml(tenant)}">${list
    .map((a) => `<option value="${escapeHtml(a.id)}">${escapeHtml(`${a.name} (${a.username}) — ${a.roleTitles[lang].join(', ')}`)}</option>`).join('')}</optgroup>`).join('\n');
  const invalid = error ? ' aria-invalid="true" aria-describedby="account-error"' : '';
  return pageHtml(lang, TEXTS.title[lang], `<form method="post" action="${escapeHtml(action)}">
<label for="account">${escapeHtml(TEXTS.user[lang])}</label>
${error ? `<p class="field-error" id="account-error">${escapeHtml(error)}</p>` : ''}
<select id="account" name="account" required${invalid}>${options}</select>
<p><button type="submit">${escapeHtml(TEXTS.submit[lang])}</button></p>
</form>`);
}

export interface DemoIdentityProviderOptions {
  /** Accounts offered on the sign-in page (default: the seeded demo users). */
  accounts?: DemoAccount[];
  /** Seconds an access token lives; the console refreshes after that (default 15 minutes). */
  accessTokenTtlSeconds?: number;
}

async function createProvider(config: Config, accounts: Map<string, DemoAccount>, options: DemoIdentityProviderOptions): Promise<Provider> {
  const issuer = demoIssuer(config);
  const base = config.publicUrl.replace(/\/+$/, '');
  const paths = claimPathsFromConfig(config);
  const rolesPath = (paths.roles.split(',')[0] ?? paths.roles).trim();
  // The claims a Keycloak realm would put in the access token, written where OIDC_CLAIM_* reads them.
  const claimsOf = (a: DemoAccount): Record<string, unknown> => {
    const claims: Record<string, unknown> = { email: a.email, email_verified: true };
    setClaim(claims, paths.username, a.username);
    setClaim(claims, paths.name, a.name);
    setClaim(claims, rolesPath, [...a.roles]);
    setClaim(claims, paths.tenant, a.tenantId);
    setClaim(claims, paths.unit, a.unit);
    setClaim(claims, paths.nip, a.nip);
    return claims;
  };
  const profileClaims = [...new Set([paths.username, paths.name, rolesPath, paths.tenant, paths.unit, paths.nip].map((p) => p.split('.')[0] as string))];
  const accessTtl = options.accessTokenTtlSeconds ?? 15 * 60;
  const sessionTtl = config.SESSION_MAX_AGE_HOURS * 3600;
  const [rsa, ec] = await Promise.all([signingKey('RS256'), signingKey('ES256')]);
  const lang = (ctx: { get(name: string): string }) => langOf(ctx.get('cookie'));

  const configuration: Configuration = {
    clients: [{
      client_id: DEMO_CLIENT_ID,
      redirect_uris: [`${base}/auth/callback`],
      post_logout_redirect_uris: [`${base}/`],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    }],
    jwks: { keys: [rsa, ec] as never },
    // Per process, like the in-memory sessions the cookies point to.
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], profile: profileClaims, email: ['email', 'email_verified'] },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...claimsOf(account) }) };
    },
    interactions: { url: (_ctx, interaction) => `${new URL(issuer).pathname}/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx, form) {
          const l = lang(ctx);
          // `form` is the provider's own (with its CSRF field); the buttons submit it.
          ctx.body = pageHtml(l, TEXTS.logoutTitle[l], `${form}
<p><button type="submit" form="op.logoutForm" name="logout" value="yes">${escapeHtml(TEXTS.logoutYes[l])}</button>
<button type="submit" form="op.logoutForm" class="secondary">${escapeHtml(TEXTS.logoutNo[l])}</button></p>`);
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'sigap', audience: DEMO_AUDIENCE, accessTokenFormat: 'jwt', accessTokenTTL: accessTtl, jwt: { sign: { alg: 'ES256' } },
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
    ttl: { AccessToken: accessTtl, AuthorizationCode: 60, IdToken: accessTtl, RefreshToken: sessionTtl, Interaction: 600, Session: sessionTtl, Grant: sessionTtl },
  };
  // oidc-provider warns (console.warn) about its in-memory adapter: that is what a demo wants.
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    const provider = new Provider(issuer, configuration);
    // Behind a TLS-terminating proxy (PUBLIC_URL https) the provider reads X-Forwarded-Proto like Express does.
    provider.proxy = issuer.startsWith('https:');
    return provider;
  } finally {
    console.warn = warn;
  }
}

/**
 * The router to mount at DEMO_IDP_PATH: the provider itself and its sign-in page. The provider (keys
 * included) is created on the first request, so a server that nobody signs in to pays nothing.
 */
export function demoIdentityProvider(config: Config, options: DemoIdentityProviderOptions = {}): express.Router {
  if (!demoIdentityProviderEnabled(config)) throw new Error('The demo identity provider runs only in demo mode without OIDC_ISSUER.');
  const list = options.accounts ?? demoAccounts();
  const accounts = new Map(list.map((a) => [a.id, a]));
  let pending: Promise<{ provider: Provider; handle: ReturnType<Provider['callback']> }> | undefined;
  const started = () => {
    if (!pending) {
      pending = createProvider(config, accounts, options).then((p) => ({ provider: p, handle: p.callback() }));
      pending.catch(() => { pending = undefined; });
    }
    return pending;
  };
  const provider = async () => (await started()).provider;
  const router = express.Router();
  router.use((_req, res, next) => { res.set('Cache-Control', 'no-store'); next(); });

  const interactionPath = (uid: string) => `${DEMO_IDP_PATH}/interaction/${encodeURIComponent(uid)}/login`;
  /** The interaction of the request; an expired or foreign one gets a page leading back to /auth/login. */
  const interaction = async (req: Request, res: Response) => {
    const p = await provider();
    try {
      return { p, details: await p.interactionDetails(req, res) };
    } catch (err) {
      if ((err as { name?: string }).name !== 'SessionNotFound') throw err;
      const lang = langOf(req.get('cookie'));
      res.status(400).type('html').send(pageHtml(lang, TEXTS.title[lang], `<p>${escapeHtml(TEXTS.expired[lang])}</p>
<p><a href="/auth/login">${escapeHtml(TEXTS.again[lang])}</a></p>`));
      return undefined;
    }
  };
  router.get('/interaction/:uid', async (req: Request, res: Response) => {
    const found = await interaction(req, res);
    if (!found) return;
    const { p, details } = found;
    if (details.prompt.name === 'login') {
      res.type('html').send(loginPage(langOf(req.get('cookie')), interactionPath(details.uid), list));
      return;
    }
    // Consent for the console (the provider's only client, first-party): granted without asking, as a
    // Keycloak client with "Consent required" off does.
    const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details as {
      missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]>;
    };
    const grant = details.grantId ? await p.Grant.find(details.grantId) : new p.Grant({ accountId: details.session?.accountId as string, clientId: details.params.client_id as string });
    if (!grant) throw new Error('The demo provider lost the grant of this sign-in.');
    if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
    if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    await p.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  });

  router.post('/interaction/:uid/login', express.urlencoded({ extended: false, limit: '4kb' }), async (req: Request, res: Response) => {
    const found = await interaction(req, res);
    if (!found) return;
    const { p, details } = found;
    const body = req.body as Record<string, unknown> | undefined;
    const accountId = typeof body?.account === 'string' ? body.account : '';
    if (details.prompt.name !== 'login' || !accounts.has(accountId)) {
      const lang = langOf(req.get('cookie'));
      res.status(400).type('html').send(loginPage(lang, interactionPath(details.uid), list, TEXTS.unknown[lang]));
      return;
    }
    await p.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
  });

  // Everything else is the provider's: discovery, authorization, token, JWKS, userinfo, logout.
  router.use(async (req, res) => {
    const { handle } = await started();
    await handle(req, res);
  });
  return router;
}
