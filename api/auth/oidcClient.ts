// The console's OIDC client (openid-client): the provider's metadata found by discovery of OIDC_ISSUER,
// and the principal a token response gives, mapped exactly like a bearer token of the same provider.
import * as oidc from 'openid-client';
import type { Config } from '../../config/index.ts';
import { claimPathsFromConfig, parseRoleMap } from './claims.ts';
import { claimsToPrincipal, createOidcJwtVerifier, type JwtVerifier } from './jwt.ts';
import type { Principal } from './principal.ts';

export type TokenResponse = oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;

export interface OidcClient {
  /** Discovered configuration (cached; discovery is retried after a failure). */
  configuration(): Promise<oidc.Configuration>;
  /** Where the provider sends the browser back: PUBLIC_URL/auth/callback. */
  redirectUri: string;
  scopes: string;
  /** The principal of a token response (sign-in or refresh). */
  principalOf(tokens: TokenResponse): Promise<Principal>;
}

export function oidcSignInConfigured(config: Config): boolean {
  return Boolean(config.OIDC_ISSUER && config.OIDC_CLIENT_ID);
}

/** The OIDC client of the configuration; undefined when OIDC_ISSUER or OIDC_CLIENT_ID is missing. */
export function createOidcClient(config: Config): OidcClient | undefined {
  if (!oidcSignInConfigured(config)) return undefined;
  const issuer = new URL(config.OIDC_ISSUER as string);
  const clientId = config.OIDC_CLIENT_ID as string;
  // A public client (no secret) proves itself with PKCE alone.
  const auth = config.OIDC_CLIENT_SECRET ? oidc.ClientSecretBasic(config.OIDC_CLIENT_SECRET) : oidc.None();
  // Plain http only for a provider on this machine or a test network (openid-client refuses it otherwise).
  const execute = issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
  let pending: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    if (!pending) {
      pending = oidc.discovery(issuer, clientId, config.OIDC_CLIENT_SECRET ? { client_secret: config.OIDC_CLIENT_SECRET } : undefined, auth, { execute, timeout: 10 });
      pending.catch(() => { pending = undefined; });
    }
    return pending;
  };
  const verifyJwt = createOidcJwtVerifier(config) as JwtVerifier;
  const paths = claimPathsFromConfig(config);
  const roleMap = parseRoleMap(config.OIDC_ROLE_MAP);

  // Keycloak's access token is a JWT with the realm roles: the same verification as a bearer token. An
  // opaque access token (or one for another audience) falls back to the ID token's claims and userinfo.
  const principalOf = async (tokens: TokenResponse): Promise<Principal> => {
    if (tokens.access_token.split('.').length === 3) {
      try {
        return await verifyJwt(tokens.access_token);
      } catch { /* not a token for this API: use the ID token and userinfo */ }
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw new Error('The provider returned neither a usable access token nor an ID token.');
    let userinfo: Record<string, unknown> = {};
    try {
      userinfo = await oidc.fetchUserInfo(await configuration(), tokens.access_token, idClaims.sub);
    } catch { /* a provider without userinfo for this token: the ID token alone */ }
    return claimsToPrincipal({ ...userinfo, ...idClaims }, paths, config.SIGAP_DEFAULT_TENANT, roleMap);
  };

  return { configuration, redirectUri: `${config.publicUrl.replace(/\/+$/, '')}/auth/callback`, scopes: config.OIDC_SCOPES, principalOf };
}
