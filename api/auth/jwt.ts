// Verification of bearer JWTs (OIDC access tokens, e.g. from a Keycloak realm, or Sigap demo tokens) and the
// mapping of their claims to a Principal.
//
// Keys come from a remote JWKS (OIDC_JWKS_URL, or `jwks_uri` discovered from
// OIDC_ISSUER/.well-known/openid-configuration) or from a local JWKS (demo mode). Only asymmetric algorithms are
// accepted; `exp` is required; issuer and audience are checked when configured.
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { Config } from '../../config/index.ts';
import { applyRoleMap, claimPathsFromConfig, DEFAULT_CLAIM_PATHS, getClaim, parseRoleMap, type ClaimPaths, type RoleMap } from './claims.ts';
import { ProblemError, problem, unauthorized } from '../http/problem.ts';
import type { DemoKeys } from './demoKeys.ts';
import { DEMO_ISSUER } from './demoKeys.ts';
import type { Principal } from './principal.ts';

export { applyRoleMap, claimPathsFromConfig, DEFAULT_CLAIM_PATHS, getClaim, parseRoleMap, setClaim, type ClaimPaths, type RoleMap } from './claims.ts';

export type JwtVerifier = (token: string) => Promise<Principal>;

export const DEFAULT_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/** Keycloak's `typ` claim values of tokens that are not access tokens. */
const NON_ACCESS_TOKEN_TYPES = new Set(['id', 'refresh', 'offline', 'logout']);

function stringClaim(payload: Record<string, unknown>, path: string): string | undefined {
  const v = getClaim(payload, path);
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  // Large numbers (an 18-digit NIP) lose digits in JSON: only safe integers are taken.
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return undefined;
}

function rolesClaim(payload: Record<string, unknown>, paths: string): string[] {
  const roles = new Set<string>();
  for (const path of paths.split(',').map((p) => p.trim()).filter(Boolean)) {
    const v = getClaim(payload, path);
    const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[\s,]+/) : [];
    for (const r of list) if (typeof r === 'string' && r !== '') roles.add(r);
  }
  return [...roles];
}

/**
 * Principal from verified claims. Username falls back to `sub`; name to given_name + family_name, then the
 * username; tenant to `defaultTenant`; roles through `roleMap` (OIDC_ROLE_MAP) when given. A token with neither
 * username nor `sub` is rejected (401 invalid_token).
 */
export function claimsToPrincipal(payload: JWTPayload, paths: ClaimPaths = DEFAULT_CLAIM_PATHS, defaultTenant: string, roleMap?: RoleMap): Principal {
  const claims = payload as Record<string, unknown>;
  const username = stringClaim(claims, paths.username) ?? stringClaim(claims, 'sub');
  if (!username) throw invalidToken('claims');
  const composed = [stringClaim(claims, 'given_name'), stringClaim(claims, 'family_name')].filter(Boolean).join(' ');
  const principal: Principal = {
    kind: 'user',
    tenantId: stringClaim(claims, paths.tenant) ?? defaultTenant,
    username,
    name: stringClaim(claims, paths.name) ?? (composed || username),
    roles: applyRoleMap(rolesClaim(claims, paths.roles), roleMap),
  };
  const unit = stringClaim(claims, paths.unit);
  if (unit) principal.unit = unit;
  const nip = stringClaim(claims, paths.nip);
  if (nip) principal.nip = nip;
  return principal;
}

/** Reason sent as `reason` in the 401 problem (for clients deciding whether to refresh). */
export type InvalidTokenReason = 'malformed' | 'expired' | 'revoked' | 'signature' | 'unknown_key' | 'issuer' | 'audience' | 'claims' | 'token_type' | 'algorithm';

export function invalidToken(reason: InvalidTokenReason, cause?: unknown): ProblemError {
  return unauthorized('invalid_token', {}, { extra: { reason }, cause });
}

function idpUnavailable(cause: unknown): ProblemError {
  return problem(503, 'identity_provider_unavailable', {}, { cause, headers: { 'Retry-After': '5' } });
}

/** Marks a failure of the key source (network, IdP down) as opposed to a bad token. */
class KeySourceError extends Error {
  constructor(cause: unknown) {
    super('JWKS unavailable', { cause });
    this.name = 'KeySourceError';
  }
}

function isTokenProblemFromKeyLookup(err: unknown): boolean {
  return err instanceof joseErrors.JWKSNoMatchingKey
    || err instanceof joseErrors.JWKSMultipleMatchingKeys
    || err instanceof joseErrors.JOSENotSupported
    || err instanceof joseErrors.JOSEAlgNotAllowed
    || err instanceof joseErrors.JWSInvalid
    || err instanceof joseErrors.JWTInvalid;
}

function mapVerifyError(err: unknown): ProblemError {
  if (err instanceof ProblemError) return err;
  if (err instanceof KeySourceError) return idpUnavailable(err.cause);
  if (err instanceof joseErrors.JWTExpired) return invalidToken('expired', err);
  if (err instanceof joseErrors.JWTClaimValidationFailed) {
    if (err.claim === 'iss') return invalidToken('issuer', err);
    if (err.claim === 'aud') return invalidToken('audience', err);
    return invalidToken('claims', err);
  }
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return invalidToken('signature', err);
  if (err instanceof joseErrors.JWKSNoMatchingKey || err instanceof joseErrors.JWKSMultipleMatchingKeys) return invalidToken('unknown_key', err);
  if (err instanceof joseErrors.JOSEAlgNotAllowed || err instanceof joseErrors.JOSENotSupported) return invalidToken('algorithm', err);
  return invalidToken('malformed', err);
}

export type JwksSource =
  | { kind: 'local'; jwks: JSONWebKeySet }
  | { kind: 'remote'; url: string | URL }
  /** Reads `jwks_uri` from `<issuer>/.well-known/openid-configuration` (on first use; retried after a failure). */
  | { kind: 'discovery'; issuer: string };

export type JwtVerifierOptions = {
  jwks: JwksSource;
  /** Expected `iss`; a trailing slash is tolerated. */
  issuer?: string;
  /** Expected audience: `aud` contains it, or (Keycloak without an audience mapper) `azp` equals it. */
  audience?: string;
  claims?: Partial<ClaimPaths>;
  /** Provider role names → profile role ids (OIDC_ROLE_MAP); unset: the names are the ids. */
  roleMap?: RoleMap;
  defaultTenant: string;
  algorithms?: string[];
  clockToleranceSeconds?: number;
  /** Timeout of JWKS and discovery requests. */
  timeoutMs?: number;
  /** fetch used for discovery and remote JWKS (tests, proxies). */
  fetch?: typeof fetch;
};

/** `jwks_uri` of an OIDC issuer (Keycloak: https://host/realms/<realm>). */
export async function discoverJwksUri(issuer: string, options: { fetch?: typeof fetch; timeoutMs?: number } = {}): Promise<string> {
  const fetchImpl = options.fetch ?? fetch;
  const url = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  const res = await fetchImpl(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
  if (!res.ok) throw new Error(`OIDC discovery ${url} answered ${res.status}`);
  const doc = (await res.json()) as { jwks_uri?: unknown };
  if (typeof doc.jwks_uri !== 'string' || doc.jwks_uri === '') throw new Error(`OIDC discovery ${url} has no jwks_uri`);
  return doc.jwks_uri;
}

function keyResolver(options: JwtVerifierOptions): JWTVerifyGetKey {
  const source = options.jwks;
  if (source.kind === 'local') {
    const local = createLocalJWKSet(source.jwks);
    return (header, token) => local(header, token);
  }
  const remoteOptions = {
    timeoutDuration: options.timeoutMs ?? 5000,
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
    ...(options.fetch ? { [customFetch]: options.fetch } : {}),
  };
  let pending: Promise<JWTVerifyGetKey> | undefined;
  const remote = (): Promise<JWTVerifyGetKey> => {
    if (!pending) {
      pending = (async () => {
        const url = source.kind === 'remote'
          ? source.url
          : await discoverJwksUri(source.issuer, { ...(options.fetch ? { fetch: options.fetch } : {}), timeoutMs: options.timeoutMs ?? 5000 });
        return createRemoteJWKSet(new URL(url), remoteOptions) as JWTVerifyGetKey;
      })();
      pending.catch(() => { pending = undefined; });
    }
    return pending;
  };
  return async (header, token) => {
    let getKey: JWTVerifyGetKey;
    try {
      getKey = await remote();
    } catch (err) {
      throw new KeySourceError(err);
    }
    try {
      return await getKey(header, token);
    } catch (err) {
      if (isTokenProblemFromKeyLookup(err)) throw err;
      throw new KeySourceError(err);
    }
  };
}

function issuersOf(issuer: string): string[] {
  const bare = issuer.replace(/\/+$/, '');
  return [bare, `${bare}/`];
}

function audienceMatches(payload: JWTPayload, audience: string): boolean {
  const aud = payload.aud;
  if (Array.isArray(aud) ? aud.includes(audience) : aud === audience) return true;
  return (payload as { azp?: unknown }).azp === audience;
}

/** A verifier of bearer JWTs returning the Principal; throws ProblemError 401 invalid_token (or 503 when the IdP is unreachable). */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const getKey = keyResolver(options);
  const paths: ClaimPaths = { ...DEFAULT_CLAIM_PATHS, ...options.claims };
  const algorithms = options.algorithms ?? DEFAULT_ALGORITHMS;
  return async (token) => {
    if (typeof token !== 'string' || token.split('.').length !== 3) throw invalidToken('malformed');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, getKey, {
        algorithms,
        requiredClaims: ['exp'],
        clockTolerance: options.clockToleranceSeconds ?? 30,
        ...(options.issuer ? { issuer: issuersOf(options.issuer) } : {}),
      }));
    } catch (err) {
      throw mapVerifyError(err);
    }
    if (options.audience && !audienceMatches(payload, options.audience)) throw invalidToken('audience');
    const typ = (payload as { typ?: unknown }).typ;
    if (typeof typ === 'string' && NON_ACCESS_TOKEN_TYPES.has(typ.toLowerCase())) throw invalidToken('token_type');
    return claimsToPrincipal(payload, paths, options.defaultTenant, options.roleMap);
  };
}

/** The verifier of the identity provider's tokens (OIDC_JWKS_URL or OIDC_ISSUER); undefined when neither is set. */
export function createOidcJwtVerifier(config: Config, options: { fetch?: typeof fetch } = {}): JwtVerifier | undefined {
  if (!config.OIDC_JWKS_URL && !config.OIDC_ISSUER) return undefined;
  const jwks: JwksSource = config.OIDC_JWKS_URL
    ? { kind: 'remote', url: config.OIDC_JWKS_URL }
    : { kind: 'discovery', issuer: config.OIDC_ISSUER as string };
  const roleMap = parseRoleMap(config.OIDC_ROLE_MAP);
  return createJwtVerifier({
    jwks,
    claims: claimPathsFromConfig(config),
    defaultTenant: config.SIGAP_DEFAULT_TENANT,
    ...(roleMap ? { roleMap } : {}),
    ...(config.OIDC_ISSUER ? { issuer: config.OIDC_ISSUER } : {}),
    ...(config.OIDC_AUDIENCE ? { audience: config.OIDC_AUDIENCE } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/**
 * The verifier the configuration asks for:
 * - demo mode: tokens signed by `demoKeys` (issuer 'sigap-demo');
 * - OIDC_JWKS_URL or OIDC_ISSUER: tokens of the identity provider;
 * - both (SIGAP_DEMO=true with an issuer): chosen per token by its (unverified) `iss`, then fully verified.
 */
export function createJwtVerifierFromConfig(config: Config, options: { demoKeys?: DemoKeys; fetch?: typeof fetch } = {}): JwtVerifier {
  const claims = claimPathsFromConfig(config);
  const common = {
    claims,
    defaultTenant: config.SIGAP_DEFAULT_TENANT,
    ...(config.OIDC_AUDIENCE ? { audience: config.OIDC_AUDIENCE } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  let demo: JwtVerifier | undefined;
  if (config.demo) {
    if (!options.demoKeys) throw new Error('Demo mode needs the demo keys: call ensureDemoKeys(SIGAP_DATA_DIR) first.');
    demo = createJwtVerifier({ ...common, jwks: { kind: 'local', jwks: options.demoKeys.publicJwks }, issuer: options.demoKeys.issuer });
  }
  // Demo tokens carry profile role ids already; OIDC_ROLE_MAP applies to the provider's tokens only.
  const oidc = createOidcJwtVerifier(config, options.fetch ? { fetch: options.fetch } : {});
  if (demo && oidc) {
    const demoIssuer = options.demoKeys?.issuer ?? DEMO_ISSUER;
    return async (token) => {
      let iss: unknown;
      try {
        iss = decodeJwt(token).iss;
      } catch (err) {
        throw invalidToken('malformed', err);
      }
      return (iss === demoIssuer ? demo : oidc)(token);
    };
  }
  const only = demo ?? oidc;
  if (!only) throw new Error('No token verification configured: set OIDC_ISSUER (or OIDC_JWKS_URL), or enable SIGAP_DEMO.');
  return only;
}
