// Console sessions after an OIDC sign-in. The browser holds a random 32-byte id in the HttpOnly cookie
// `sigap_session`; web_session keeps its SHA-256, the principal the provider's tokens gave, a CSRF token and
// the refresh token sealed with AES-256-GCM. A state-changing request needs the CSRF token besides the
// cookie, so a cookie alone (a forged form on another site) never changes anything.
import type { Request } from 'express';
import { parseCookie, stringifySetCookie } from 'cookie';
import * as oidc from 'openid-client';
import type { ApiDeps } from '../deps.ts';
import { forbidden, problem, unauthorized } from '../http/problem.ts';
import { createOidcClient, type OidcClient, type TokenResponse } from './oidcClient.ts';
import type { Principal } from './principal.ts';
import { randomToken, sameSecret, sessionSealer, sha256Hex, type Sealer } from './sessionCrypto.ts';

export const SESSION_COOKIE = 'sigap_session';
export const CSRF_HEADER = 'x-csrf-token';
/** Form field carrying the CSRF token in application/x-www-form-urlencoded posts of the console. */
export const CSRF_FIELD = '_csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What the console learns about its session (GET /auth/session). */
export interface SessionView {
  principal: Principal;
  csrfToken: string;
  expiresAt: Date;
}

export interface SessionStore {
  /** The principal of the request's session cookie; undefined without one. Throws 401/403 for a bad or ended session or a missing CSRF token. */
  authenticate(req: Request): Promise<Principal | undefined>;
}

export interface ConsoleSessions extends SessionStore {
  /** The provider client; undefined when sign-in is not configured. */
  oidc: OidcClient | undefined;
  /** The session of the request with its CSRF token (no CSRF check: for safe requests); undefined without a cookie. */
  current(req: Request): Promise<SessionView | undefined>;
  /** Starts a session from a sign-in's tokens; returns the Set-Cookie value. */
  create(principal: Principal, tokens: TokenResponse): Promise<{ setCookie: string; expiresAt: Date }>;
  /** Ends the request's session (if any); returns its ID token for the provider's logout. */
  end(req: Request): Promise<{ idToken: string | null } | undefined>;
  /** Set-Cookie value removing the session cookie. */
  clearCookie(): string;
}

type SessionRow = {
  id_hash: string;
  principal: Principal;
  csrf_token: string;
  id_token: string | null;
  refresh_token_enc: string | null;
  access_expires_at: Date | null;
  expires_at: Date;
  ended_at: Date | null;
};

const COLUMNS = 'id_hash, principal, csrf_token, id_token, refresh_token_enc, access_expires_at, expires_at, ended_at';

function sessionIdOf(req: Request): string | undefined {
  const header = req.get('cookie');
  if (!header) return undefined;
  const value = parseCookie(header)[SESSION_COOKIE];
  return value && value.length >= 32 ? value : undefined;
}

function csrfTokenOf(req: Request): string | undefined {
  const header = req.get(CSRF_HEADER);
  if (header) return header;
  const body = req.body as Record<string, unknown> | undefined;
  if (req.is('application/x-www-form-urlencoded') && typeof body?.[CSRF_FIELD] === 'string') return body[CSRF_FIELD];
  return undefined;
}

function sessionExpired(): never {
  throw unauthorized('session_expired');
}

/** The provider could not be reached or failed itself (the session stays; try again later). */
function providerUnavailable(err: unknown): boolean {
  if (err instanceof TypeError) return true; // fetch failed: connection refused, DNS …
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return true;
  if (err instanceof oidc.ResponseBodyError) return err.status >= 500;
  return err instanceof oidc.ClientError && err.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM';
}

export function createSessionStore(deps: ApiDeps): ConsoleSessions {
  const { config } = deps;
  const client = createOidcClient(config);
  // Fail at start, not at the first sign-in: refresh tokens are never stored in the clear.
  if (client && !config.SESSION_SECRET && !config.demo) throw new Error('Console sign-in (OIDC_CLIENT_ID) needs SESSION_SECRET (32+ characters) outside demo mode: it encrypts the refresh tokens of sessions.');
  const secure = config.publicUrl.startsWith('https:');
  let sealer: Promise<Sealer> | undefined;
  const sealerOnce = () => {
    if (!sealer) { sealer = sessionSealer(config); sealer.catch(() => { sealer = undefined; }); }
    return sealer;
  };
  const now = () => new Date(deps.now());
  const live = (row: SessionRow | undefined): row is SessionRow => !!row && row.ended_at === null && new Date(row.expires_at) > now();

  const load = async (req: Request): Promise<SessionRow | undefined> => {
    const id = sessionIdOf(req);
    if (!id) return undefined;
    const [row] = await deps.orm.em.fork().execute<SessionRow[]>(`select ${COLUMNS} from web_session where id_hash = ?`, [sha256Hex(id)]);
    if (!live(row)) sessionExpired();
    return row;
  };

  const withSessionId = (row: SessionRow): Principal => ({ ...row.principal, sessionId: row.id_hash });

  /**
   * The access token has expired: one refresh under a row lock, so concurrent requests of the same browser
   * neither refresh twice nor replay a rotated refresh token. A refusal by the provider ends the session.
   */
  const refresh = async (row: SessionRow): Promise<SessionRow> => {
    const oidcClient = client;
    if (!oidcClient || !row.refresh_token_enc) return row;
    const seal = await sealerOnce();
    const outcome = await deps.orm.em.fork().transactional(async (tx) => {
      const [locked] = await tx.execute<SessionRow[]>(`select ${COLUMNS} from web_session where id_hash = ? for update`, [row.id_hash]);
      if (!live(locked)) return { ended: true as const };
      // Another request refreshed while this one waited for the lock.
      if (!locked.access_expires_at || new Date(locked.access_expires_at) > now() || !locked.refresh_token_enc) return { row: locked };
      let tokens: TokenResponse;
      let principal: Principal;
      try {
        tokens = await oidc.refreshTokenGrant(await oidcClient.configuration(), seal.open(locked.refresh_token_enc));
        principal = await oidcClient.principalOf(tokens);
      } catch (err) {
        // Refused (invalid_grant: revoked, rotated away, user disabled) or unreadable: the session ends.
        if (providerUnavailable(err)) return { unavailable: err };
        await tx.execute('update web_session set ended_at = ? where id_hash = ?', [now(), row.id_hash]);
        return { ended: true as const };
      }
      const expiresIn = tokens.expiresIn();
      const [updated] = await tx.execute<SessionRow[]>(
        `update web_session set principal = ?::jsonb, refresh_token_enc = ?, id_token = coalesce(?, id_token), access_expires_at = ?, last_seen_at = ?
         where id_hash = ? returning ${COLUMNS}`,
        [JSON.stringify({ ...principal, tenantId: locked.principal.tenantId }), tokens.refresh_token ? seal.seal(tokens.refresh_token) : locked.refresh_token_enc,
          tokens.id_token ?? null, expiresIn === undefined ? null : new Date(now().getTime() + expiresIn * 1000), now(), row.id_hash],
      );
      return { row: updated as SessionRow };
    });
    if ('unavailable' in outcome) throw problem(503, 'identity_provider_unavailable', {}, { cause: outcome.unavailable, headers: { 'Retry-After': '5' } });
    if ('ended' in outcome) sessionExpired();
    return outcome.row;
  };

  const viewOf = async (loaded: SessionRow): Promise<SessionView> => {
    const row = loaded.access_expires_at && new Date(loaded.access_expires_at) <= now() ? await refresh(loaded) : loaded;
    return { principal: withSessionId(row), csrfToken: row.csrf_token, expiresAt: new Date(row.expires_at) };
  };

  return {
    oidc: client,
    async current(req) {
      const row = await load(req);
      return row ? viewOf(row) : undefined;
    },
    async authenticate(req) {
      const row = await load(req);
      if (!row) return undefined;
      // Checked before any refresh: a forged request learns nothing and changes nothing.
      if (!SAFE_METHODS.has(req.method.toUpperCase())) {
        const token = csrfTokenOf(req);
        if (!token || !sameSecret(token, row.csrf_token)) throw forbidden('csrf_token_invalid');
      }
      return (await viewOf(row)).principal;
    },
    async create(principal, tokens) {
      const id = randomToken();
      const expiresAt = new Date(now().getTime() + config.SESSION_MAX_AGE_HOURS * 3_600_000);
      const expiresIn = tokens.expiresIn();
      const refreshToken = tokens.refresh_token ? (await sealerOnce()).seal(tokens.refresh_token) : null;
      const { sessionId: _ignored, ...own } = principal;
      await deps.orm.em.fork().execute(
        `insert into web_session (id_hash, tenant_id, username, principal, csrf_token, id_token, refresh_token_enc, access_expires_at, expires_at, last_seen_at, created_at)
         values (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)`,
        [sha256Hex(id), principal.tenantId, principal.username, JSON.stringify(own), randomToken(), tokens.id_token ?? null, refreshToken,
          expiresIn === undefined ? null : new Date(now().getTime() + expiresIn * 1000), expiresAt, now(), now()],
      );
      const setCookie = stringifySetCookie({ name: SESSION_COOKIE, value: id, httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
      return { setCookie, expiresAt };
    },
    async end(req) {
      const id = sessionIdOf(req);
      if (!id) return undefined;
      const [row] = await deps.orm.em.fork().execute<Array<{ id_token: string | null }>>(
        'update web_session set ended_at = ? where id_hash = ? and ended_at is null returning id_token', [now(), sha256Hex(id)]);
      return row ? { idToken: row.id_token } : undefined;
    },
    clearCookie() {
      return stringifySetCookie({ name: SESSION_COOKIE, value: '', httpOnly: true, sameSite: 'lax', secure, path: '/', expires: new Date(0) });
    },
  };
}
