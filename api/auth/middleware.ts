// Authentication middleware and authorisation helpers.
//
// Credentials: `Authorization: Bearer <jwt>`, `Authorization: Bearer sgp_…` or `X-API-Key: sgp_…`
// (Authorization wins when both are sent). The principal is kept in `res.locals.principal`; read it with
// `principalOf(res)`.
import type { RequestHandler, Request, Response } from 'express';
import { forbidden, unauthorized } from '../http/problem.ts';
import { hashApiKey, hashesEqual, looksLikeApiKey, parseApiKey } from './apiKeys.ts';
import { invalidToken, type JwtVerifier } from './jwt.ts';
import type { Principal } from './principal.ts';
import type { SessionStore } from './sessions.ts';

export { hasScope, requireScope } from './scopes.ts';

export type ApiKeyRecord = {
  id: string;
  tenantId: string;
  name: string;
  roles: string[];
  scopes: string[];
  revokedAt: Date | string | null;
  /** Optional expiry. */
  expiresAt?: Date | string | null;
  /** Stored hash; when given it is compared again in constant time. */
  hash?: string;
};

/** Looks a key up by the SHA-256 hex of its plaintext; null when unknown. */
export type FindApiKey = (hash: string) => Promise<ApiKeyRecord | null>;

export type AuthenticateOptions = {
  verifyJwt: JwtVerifier;
  findApiKey: FindApiKey;
  /** Console sessions (cookie) for requests without an Authorization or X-API-Key header. */
  sessions?: SessionStore;
  /** When true, requests without credentials pass without a principal (bad credentials are still rejected). */
  optional?: boolean;
  now?: () => Date;
};

export type Credentials = { kind: 'jwt'; token: string } | { kind: 'apiKey'; key: string };

const PRINCIPAL = 'principal';

/** Credentials of a request, undefined when none. Throws 401 invalid_token for a malformed Authorization header. */
export function credentialsOf(req: Request): Credentials | undefined {
  const authorization = req.get('authorization');
  if (authorization !== undefined && authorization.trim() !== '') {
    const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization.trim());
    if (!m) {
      // Another scheme (Basic, …) is no credential Sigap understands.
      if (!/^Bearer\b/i.test(authorization.trim())) return undefined;
      throw invalidToken('malformed');
    }
    const value = m[1] as string;
    return looksLikeApiKey(value) ? { kind: 'apiKey', key: value } : { kind: 'jwt', token: value };
  }
  const apiKey = req.get('x-api-key');
  if (apiKey !== undefined && apiKey.trim() !== '') return { kind: 'apiKey', key: apiKey.trim() };
  return undefined;
}

function isPast(value: Date | string | null | undefined, now: Date): boolean {
  if (value === null || value === undefined) return false;
  const t = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(t) ? true : t <= now.getTime();
}

/** Principal of an API key, or throws 401 invalid_token (unknown, malformed, revoked or expired key). */
export async function principalFromApiKey(key: string, findApiKey: FindApiKey, now: Date = new Date()): Promise<Principal> {
  if (!parseApiKey(key)) throw invalidToken('malformed');
  const hash = hashApiKey(key);
  const record = await findApiKey(hash);
  if (!record) throw invalidToken('unknown_key');
  if (record.hash !== undefined && !hashesEqual(hash, record.hash.toLowerCase())) throw invalidToken('unknown_key');
  if (record.revokedAt !== null && record.revokedAt !== undefined) throw invalidToken('revoked');
  if (isPast(record.expiresAt, now)) throw invalidToken('expired');
  return {
    kind: 'apiKey',
    tenantId: record.tenantId,
    username: `apikey:${record.id}`,
    name: record.name,
    roles: [...record.roles],
    scopes: [...record.scopes],
    apiKeyId: record.id,
  };
}

/**
 * Express middleware setting `res.locals.principal`. No credentials → 401 unauthenticated (with
 * `WWW-Authenticate: Bearer`) unless `optional`; bad, expired or revoked credentials → 401 invalid_token.
 */
export function authenticate(options: AuthenticateOptions): RequestHandler {
  const now = options.now ?? (() => new Date());
  return async (req, res, next) => {
    try {
      const credentials = credentialsOf(req);
      if (!credentials) {
        const fromSession = options.sessions ? await options.sessions.authenticate(req) : undefined;
        if (fromSession) {
          setPrincipal(res, fromSession);
          return next();
        }
        if (options.optional) return next();
        throw unauthorized('unauthenticated');
      }
      const principal = credentials.kind === 'jwt'
        ? await options.verifyJwt(credentials.token)
        : await principalFromApiKey(credentials.key, options.findApiKey, now());
      setPrincipal(res, principal);
      next();
    } catch (err) {
      next(err);
    }
  };
}

export function setPrincipal(res: Response, principal: Principal): void {
  res.locals[PRINCIPAL] = principal;
}

/** The authenticated principal, undefined when the request is anonymous. */
export function maybePrincipalOf(res: Response): Principal | undefined {
  return res.locals[PRINCIPAL] as Principal | undefined;
}

/** The authenticated principal; throws 401 unauthenticated when there is none. */
export function principalOf(res: Response): Principal {
  const p = maybePrincipalOf(res);
  if (!p) throw unauthorized('unauthenticated');
  return p;
}

/** Throws 403 missing_role (params.roles = the role ids) unless the principal has at least one of `roles`. */
export function requireRole(principal: Principal, roles: readonly string[]): void {
  if (roles.some((r) => principal.roles.includes(r))) return;
  throw forbidden('missing_role', { roles: [...roles] });
}
