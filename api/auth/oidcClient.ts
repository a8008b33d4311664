// The console's OIDC client (openid-client): the provider's metadata found by discovery of OIDC_ISSUER,
// and the principal a token response gives, mapped exactly like a bearer token of the same provider.
// In demo mode without OIDC_ISSUER the provider is Sigap's own demo identity provider at /demo-idp
// (api/auth/demoIdentityProvider.ts), reached over HTTP like any other: the same flow, no setup.
import * as oidc from 'openid-client';
import type { Config } from '../../config/index.ts';
import { claimPathsFromConfig, parseRoleMap, type RoleMap } from './claims.ts';
import { DEMO_AUDIENCE, DEMO_CLIENT_ID, demoIdentityProviderEnabled, demoIssuer } from './demoIdentityProvider.ts';
import { claimsToPrincipal, createJwtVerifier, createOidcJwtVerifier, type JwtVerifier } from './jwt.ts';
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
  return Boolean(config.OIDC_ISSUER && config.OIDC_CLIENT_ID) || demoIdentityProviderEnabled(config);
}

/** Who the console signs in with: the agency's provider, or the demo provider in demo mode without one. */
interface SignInProvider {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  verifyJwt: JwtVerifier;
  roleMap: RoleMap | undefined;
}

function signInProvider(config: Config): SignInProvider | undefined {
  if (config.OIDC_ISSUER && config.OIDC_CLIENT_ID) {
    return {
      issuer: config.OIDC_ISSUER, clientId: config.OIDC_CLIENT_ID, clientSecret: config.OIDC_CLIENT_SECRET,
      verifyJwt: createOidcJwtVerifier(config) as JwtVerifier, roleMap: parseRoleMap(config.OIDC_ROLE_MAP),
    };
  }
  if (!demoIdentityProviderEnabled(config)) return undefined;
  const issuer = demoIssuer(config);
  // Demo accounts carry profile role ids already (like demo bearer tokens): no OIDC_ROLE_MAP.
  const verifyJwt = createJwtVerifier({
    jwks: { kind: 'discovery', issuer }, issuer, audience: DEMO_AUDIENCE, claims: claimPathsFromConfig(config), defaultTenant: config.SIGAP_DEFAULT_TENANT,
  });
  return { issuer, clientId: DEMO_CLIENT_ID, clientSecret: undefined, verifyJwt, roleMap: undefined };
}

/** The OIDC client of the configuration; undefined when sign-in is not configured (no OIDC_ISSUER + OIDC_CLIENT_ID, not demo mode). */
export function createOidcClient(config: Config): OidcClient | undefined {
  const signIn = signInProvider(config);
  if (!signIn) return undefined;
  const issuer = new URL(signIn.issuer);
  const clientId = signIn.clientId;
  const secret = signIn.clientSecret;
  // A public client (no secret) proves itself with PKCE alone.
  const auth = secret ? oidc.ClientSecretBasic(secret) : oidc.None();
  // Plain http only for a provider on this machine or a test network (openid-client refuses it otherwise).
  const execute = issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [];
  let pending: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    if (!pending) {
      pending = oidc.discovery(issuer, clientId, secret ? { client_secret: secret } : undefined, auth, { execute, timeout: 10 });
      pending.catch(() => { pending = undefined; });
    }
    return pending;
  };
  const { verifyJwt, roleMap } = signIn;
  const paths = claimPathsFromConfig(config);

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
