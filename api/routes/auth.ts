// Browser sign-in with the agency's OIDC provider (authorization code + PKCE) and the console session:
//   GET  /auth/login?returnTo=/path  → the provider's sign-in page
//   GET  /auth/callback              → session cookie, back to returnTo
//   GET  /auth/session               → who is signed in, with the CSRF token for state-changing requests
//   POST /auth/logout                → ends the session (CSRF-protected), then the provider's logout
// Outside /api/v1: these are browser navigations, not API operations.
import express from 'express';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { Logger } from 'pino';
import * as oidc from 'openid-client';
import { createDelegationResolver } from '../auth/delegations.ts';
import type { OidcClient } from '../auth/oidcClient.ts';
import { CSRF_FIELD, CSRF_HEADER, type ConsoleSessions } from '../auth/sessions.ts';
import { sameSecret, sha256Hex } from '../auth/sessionCrypto.ts';
import type { ApiDeps } from '../deps.ts';
import { badRequest, forbidden, isProblemError, notFound, problem, unauthorized } from '../http/problem.ts';
import { loadTenant } from '../services/tenants.ts';

export interface AuthRouteOptions { sessions: ConsoleSessions; logger: Logger }

/** Binds a sign-in to the browser that started it (login CSRF): the callback needs this cookie to equal `state`. */
const LOGIN_COOKIE = 'sigap_login';
const LOGIN_TTL_MS = 10 * 60_000;

/** `returnTo` is a path of Sigap itself: one leading slash, no scheme, host, backslash or control character. */
export function safeReturnTo(value: unknown, publicUrl: string): string {
  if (value === undefined || value === '') return '/';
  const hasControl = typeof value === 'string' && [...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
  if (typeof value !== 'string' || !/^\/(?![/\\])/.test(value) || value.includes('\\') || hasControl) throw badRequest('return_to_invalid');
  const base = new URL(publicUrl);
  const url = new URL(value, base);
  if (url.origin !== base.origin) throw badRequest('return_to_invalid');
  return `${url.pathname}${url.search}${url.hash}`;
}

function unavailable(cause: unknown) {
  return problem(503, 'identity_provider_unavailable', {}, { cause, headers: { 'Retry-After': '5' } });
}

function providerUnreachable(err: unknown): boolean {
  return err instanceof TypeError || (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'));
}

export function registerAuthRoutes(app: express.Express, deps: ApiDeps, options: AuthRouteOptions): void {
  const { sessions, logger } = options;
  const { config } = deps;
  const secure = config.publicUrl.startsWith('https:');
  const withDelegations = createDelegationResolver(deps);
  const router = express.Router();
  router.use((_req, res, next) => { res.set('Cache-Control', 'no-store'); next(); });

  const client = (): OidcClient => {
    if (!sessions.oidc) throw notFound('sign_in_not_configured');
    return sessions.oidc;
  };
  const providerConfig = async (c: OidcClient) => {
    try {
      return await c.configuration();
    } catch (err) {
      throw unavailable(err);
    }
  };

  router.get('/login', async (req, res) => {
    const c = client();
    const returnTo = safeReturnTo(req.query.returnTo, config.publicUrl);
    const configuration = await providerConfig(c);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const em = deps.orm.em.fork();
    await em.execute('delete from oidc_login where expires_at < ?', [new Date(deps.now())]);
    await em.execute('insert into oidc_login (state_hash, code_verifier, nonce, return_to, expires_at) values (?, ?, ?, ?, ?)',
      [sha256Hex(state), codeVerifier, nonce, returnTo, new Date(deps.now() + LOGIN_TTL_MS)]);
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: c.redirectUri,
      scope: c.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    res.append('Set-Cookie', stringifySetCookie({ name: LOGIN_COOKIE, value: state, httpOnly: true, sameSite: 'lax', secure, path: '/auth/callback', maxAge: LOGIN_TTL_MS / 1000 }));
    res.redirect(303, url.href);
  });

  router.get('/callback', async (req, res) => {
    const c = client();
    const state = typeof req.query.state === 'string' ? req.query.state : '';
    const bound = parseCookie(req.get('cookie') ?? '')[LOGIN_COOKIE];
    res.append('Set-Cookie', stringifySetCookie({ name: LOGIN_COOKIE, value: '', httpOnly: true, sameSite: 'lax', secure, path: '/auth/callback', expires: new Date(0) }));
    if (!state || !bound || !sameSecret(bound, state)) throw badRequest('sign_in_state_invalid');
    // Consumed once: a replayed callback finds nothing.
    const [login] = await deps.orm.em.fork().execute<Array<{ code_verifier: string; nonce: string; return_to: string; expires_at: Date }>>(
      'delete from oidc_login where state_hash = ? returning code_verifier, nonce, return_to, expires_at', [sha256Hex(state)]);
    if (!login || new Date(login.expires_at).getTime() <= deps.now()) throw badRequest('sign_in_state_invalid');
    if (typeof req.query.error === 'string') throw badRequest('sign_in_failed', { reason: req.query.error });

    const configuration = await providerConfig(c);
    const currentUrl = new URL(req.originalUrl, config.publicUrl);
    let tokens;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: login.code_verifier, expectedState: state, expectedNonce: login.nonce, idTokenExpected: true,
      });
    } catch (err) {
      if (providerUnreachable(err)) throw unavailable(err);
      logger.warn({ err }, 'sign-in refused');
      // The provider's answer (invalid_grant: a used or wrong code, PKCE mismatch) or an ID token that fails its checks.
      const reason = err instanceof oidc.ResponseBodyError || err instanceof oidc.AuthorizationResponseError ? err.error : 'id_token';
      throw reason === 'id_token' ? unauthorized('sign_in_failed', { reason }) : badRequest('sign_in_failed', { reason });
    }
    let principal;
    try {
      principal = await c.principalOf(tokens);
    } catch (err) {
      if (isProblemError(err) && err.status === 503) throw err;
      throw unauthorized('sign_in_failed', { reason: 'claims' }, { cause: err });
    }
    await loadTenant(deps.orm.em.fork(), principal.tenantId);
    const { setCookie } = await sessions.create(principal, tokens);
    res.append('Set-Cookie', setCookie);
    res.redirect(303, login.return_to);
  });

  router.get('/session', async (req, res) => {
    const view = await sessions.current(req);
    if (!view) throw unauthorized('unauthenticated');
    const p = await withDelegations(view.principal);
    res.json({
      user: { username: p.username, name: p.name, tenantId: p.tenantId, ...(p.nip ? { nip: p.nip } : {}), ...(p.unit ? { unit: p.unit } : {}) },
      roles: p.roles,
      ...(p.ownRoles ? { ownRoles: p.ownRoles } : {}),
      ...(p.delegations?.length ? { delegations: p.delegations } : {}),
      csrfToken: view.csrfToken,
      expiresAt: view.expiresAt.toISOString(),
    });
  });

  router.post('/logout', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res) => {
    let view;
    try {
      view = await sessions.current(req);
    } catch (err) {
      if (!(isProblemError(err) && err.status === 401)) throw err;
    }
    res.append('Set-Cookie', sessions.clearCookie());
    if (!view) return res.redirect(303, '/');
    const body = req.body as Record<string, unknown> | undefined;
    const token = req.get(CSRF_HEADER) ?? (typeof body?.[CSRF_FIELD] === 'string' ? body[CSRF_FIELD] : undefined);
    if (!token || !sameSecret(token, view.csrfToken)) {
      res.removeHeader('Set-Cookie');
      throw forbidden('csrf_token_invalid');
    }
    const ended = await sessions.end(req);
    const c = sessions.oidc;
    let configuration;
    try {
      configuration = c ? await c.configuration() : undefined;
    } catch { /* the session has ended here; the provider's own session stays */ }
    if (!configuration?.serverMetadata().end_session_endpoint) return res.redirect(303, '/');
    const url = oidc.buildEndSessionUrl(configuration, {
      post_logout_redirect_uri: `${config.publicUrl.replace(/\/+$/, '')}/`,
      ...(ended?.idToken ? { id_token_hint: ended.idToken } : {}),
    });
    res.redirect(303, url.href);
  });

  app.use('/auth', router);
}
