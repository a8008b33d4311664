// Authentication: demo keys and tokens, JWT verification against local and remote (HTTP) JWKS, Keycloak claim
// mapping, API keys, and the middleware over real HTTP.
 
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWK } from 'jose';
import { loadConfig } from '../../config/index.ts';
import { generateApiKey, hashApiKey, hashesEqual, parseApiKey, verifyApiKey } from '../../api/auth/apiKeys.ts';
import { DEMO_ISSUER, ensureDemoKeys, loadOrCreateDemoKeys, signDemoToken, type DemoKeys, type DemoUser } from '../../api/auth/demoKeys.ts';
import { claimsToPrincipal, createJwtVerifier, createJwtVerifierFromConfig, DEFAULT_CLAIM_PATHS, type JwtVerifier } from '../../api/auth/jwt.ts';
import { authenticate, principalOf, requireRole, requireScope, type ApiKeyRecord } from '../../api/auth/middleware.ts';
import type { Principal } from '../../api/auth/principal.ts';
import { notFoundHandler, problemHandler, ProblemError } from '../../api/http/problem.ts';
import { listen, recordingLogger, type Running } from './helpers.ts';

const budi: DemoUser = { username: 'budi', name: 'Budi Santoso', roles: ['service_desk', 'executor'], tenantId: 'serang', unit: 'Diskominfo', nip: '198501012010011001' };

let dir: string;
let keys: DemoKeys;
let otherKeys: DemoKeys;
let verify: JwtVerifier;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sigap-auth-'));
  keys = await ensureDemoKeys(join(dir, 'data'));
  otherKeys = await ensureDemoKeys(join(dir, 'other'));
  verify = createJwtVerifier({ jwks: { kind: 'local', jwks: keys.publicJwks }, issuer: DEMO_ISSUER, defaultTenant: 'serang' });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function rejection(p: Promise<unknown>): Promise<ProblemError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(ProblemError);
    return err as ProblemError;
  }
  throw new Error('expected a rejection');
}

describe('demo keys', () => {
  test('are persisted once as JWK files with mode 0600', async () => {
    const folder = join(dir, 'data', 'demo-keys');
    expect((await readdir(folder)).sort()).toEqual(['private.jwk.json', 'public.jwk.json']);
    for (const f of ['private.jwk.json', 'public.jwk.json']) expect((await stat(join(folder, f))).mode & 0o777).toBe(0o600);
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    const priv = JSON.parse(await readFile(join(folder, 'private.jwk.json'), 'utf8')) as JWK;
    const pub = JSON.parse(await readFile(join(folder, 'public.jwk.json'), 'utf8')) as JWK;
    expect(priv).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: keys.kid });
    expect(priv.d).toBeDefined();
    expect(pub.d).toBeUndefined();
    expect(keys.publicJwks.keys).toEqual([pub]);
    expect(keys.issuer).toBe('sigap-demo');
    // Read again without the cache (a restart): the same key.
    const again = await loadOrCreateDemoKeys(join(dir, 'data'));
    expect(again.kid).toBe(keys.kid);
    expect(otherKeys.kid).not.toBe(keys.kid);
  });

  test('concurrent first starts agree on one key pair', async () => {
    const fresh = join(dir, 'race');
    const all = await Promise.all([1, 2, 3, 4].map(() => loadOrCreateDemoKeys(fresh)));
    expect(new Set(all.map((k) => k.kid)).size).toBe(1);
    expect((await readdir(join(fresh, 'demo-keys'))).sort()).toEqual(['private.jwk.json', 'public.jwk.json']);
  });
});

describe('JWT verification (local JWKS)', () => {
  test('demo token round trip, Keycloak-shaped', async () => {
    const token = await signDemoToken(keys, budi);
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ iss: 'sigap-demo', sub: 'budi', preferred_username: 'budi', realm_access: { roles: ['service_desk', 'executor'] }, tenant: 'serang' });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(8 * 3600);
    expect(await verify(token)).toEqual({
      kind: 'user', tenantId: 'serang', username: 'budi', name: 'Budi Santoso', roles: ['service_desk', 'executor'], unit: 'Diskominfo', nip: '198501012010011001',
    });
  });

  test('expired token → 401 invalid_token (reason expired)', async () => {
    const token = await signDemoToken(keys, budi, 60, { now: Math.floor(Date.now() / 1000) - 3600 });
    const err = await rejection(verify(token));
    expect(err.status).toBe(401);
    expect(err.code).toBe('invalid_token');
    expect(err.extra.reason).toBe('expired');
    expect(err.headers['WWW-Authenticate']).toBe('Bearer realm="sigap", error="invalid_token"');
  });

  test('token from a different key → 401 (unknown kid, or known kid with a foreign signature)', async () => {
    const foreign = await signDemoToken(otherKeys, budi);
    const e1 = await rejection(verify(foreign));
    expect([e1.status, e1.code, e1.extra.reason]).toEqual([401, 'invalid_token', 'unknown_key']);

    const forged = await signDemoToken({ ...otherKeys, kid: keys.kid }, budi);
    const e2 = await rejection(verify(forged));
    expect([e2.status, e2.code, e2.extra.reason]).toEqual([401, 'invalid_token', 'signature']);
  });

  test('garbage, unsigned and HS256 tokens → 401', async () => {
    for (const token of ['', 'abc', 'a.b.c', new UnsecuredJWT({ preferred_username: 'x' }).setIssuer(DEMO_ISSUER).setExpirationTime('1h').encode()]) {
      expect((await rejection(verify(token))).status).toBe(401);
    }
    const hs = await new SignJWT({ preferred_username: 'mallory' }).setProtectedHeader({ alg: 'HS256', kid: keys.kid })
      .setIssuer(DEMO_ISSUER).setExpirationTime('1h').sign(new TextEncoder().encode('x'.repeat(32)));
    expect((await rejection(verify(hs))).status).toBe(401);
  });

  test('issuer and audience are checked when configured', async () => {
    const withAud = createJwtVerifier({ jwks: { kind: 'local', jwks: keys.publicJwks }, issuer: DEMO_ISSUER, audience: 'sigap', defaultTenant: 'serang' });
    expect((await withAud(await signDemoToken(keys, budi, 600, { audience: 'sigap' }))).username).toBe('budi');
    expect((await rejection(withAud(await signDemoToken(keys, budi, 600, { audience: 'other' })))).extra.reason).toBe('audience');
    const otherIssuer = createJwtVerifier({ jwks: { kind: 'local', jwks: keys.publicJwks }, issuer: 'https://sso.example.go.id/realms/x', defaultTenant: 'serang' });
    expect((await rejection(otherIssuer(await signDemoToken(keys, budi)))).extra.reason).toBe('issuer');
  });

  test('the verifier from config uses the demo key in demo mode', async () => {
    const config = loadConfig({ SIGAP_DATA_DIR: join(dir, 'data'), SIGAP_DEFAULT_TENANT: 'serang' });
    expect(config.demo).toBe(true);
    const fromConfig = createJwtVerifierFromConfig(config, { demoKeys: keys });
    expect((await fromConfig(await signDemoToken(keys, budi))).roles).toEqual(['service_desk', 'executor']);
    expect(() => createJwtVerifierFromConfig(config)).toThrow(/demo keys/);
  });
});

describe('claim mapping', () => {
  const keycloak = {
    exp: 1, iat: 0, jti: 'x', iss: 'https://sso.serangkota.go.id/realms/pemkot', aud: 'account', sub: 'f:3b1c:siti', typ: 'Bearer', azp: 'sigap-web',
    realm_access: { roles: ['default-roles-pemkot', 'offline_access', 'approver'] },
    resource_access: { 'sigap-web': { roles: ['service_desk'] }, account: { roles: ['manage-account'] } },
    scope: 'openid profile email', email_verified: true,
    name: 'Siti Rahmawati', preferred_username: 'siti.r', given_name: 'Siti', family_name: 'Rahmawati', email: 'siti@serangkota.go.id',
    nip: '198703152011012002', unit: 'Bagian Umum', tenant: 'serang',
  };

  test('Keycloak defaults: preferred_username, name, realm_access.roles, tenant, nip as text', () => {
    expect(claimsToPrincipal(keycloak, DEFAULT_CLAIM_PATHS, 'dpr')).toEqual({
      kind: 'user', tenantId: 'serang', username: 'siti.r', name: 'Siti Rahmawati',
      roles: ['default-roles-pemkot', 'offline_access', 'approver'], unit: 'Bagian Umum', nip: '198703152011012002',
    });
  });

  test('configured paths: client roles merged, attributes, namespaced claims; fallbacks', () => {
    const config = loadConfig({
      OIDC_ISSUER: 'https://sso.example.go.id/realms/x',
      OIDC_CLAIM_ROLES: 'realm_access.roles, resource_access.sigap-web.roles',
      OIDC_CLAIM_TENANT: 'https://sigap.go.id/tenant',
      OIDC_CLAIM_NIP: 'attributes.nip',
      OIDC_CLAIM_UNIT: 'attributes.unit_kerja',
    });
    const paths = { username: config.OIDC_CLAIM_USERNAME, name: config.OIDC_CLAIM_NAME, nip: config.OIDC_CLAIM_NIP, unit: config.OIDC_CLAIM_UNIT, roles: config.OIDC_CLAIM_ROLES, tenant: config.OIDC_CLAIM_TENANT };
    const p = claimsToPrincipal({ ...keycloak, tenant: undefined, 'https://sigap.go.id/tenant': 'dpr', attributes: { nip: '1990', unit_kerja: 'Setjen' } }, paths, 'serang');
    expect(p).toMatchObject({ tenantId: 'dpr', roles: ['default-roles-pemkot', 'offline_access', 'approver', 'service_desk'], nip: '1990', unit: 'Setjen' });
    const minimal = claimsToPrincipal({ sub: 'abc', given_name: 'Ani', family_name: 'Wijaya' }, DEFAULT_CLAIM_PATHS, 'serang');
    expect(minimal).toEqual({ kind: 'user', tenantId: 'serang', username: 'abc', name: 'Ani Wijaya', roles: [] });
    expect(() => claimsToPrincipal({ exp: 1 }, DEFAULT_CLAIM_PATHS, 'serang')).toThrow(ProblemError);
    // An 18-digit NIP sent as a JSON number has already lost digits: it is ignored rather than stored wrong.
    expect(claimsToPrincipal({ ...keycloak, nip: Number('198703152011012002') }, DEFAULT_CLAIM_PATHS, 'serang').nip).toBeUndefined();
    expect(claimsToPrincipal({ ...keycloak, nip: 12345 }, DEFAULT_CLAIM_PATHS, 'serang').nip).toBe('12345');
  });
});

describe('API keys', () => {
  test('generate: sgp_<prefix>_<secret>, sha256 hex hash, constant-time checks', () => {
    const k = generateApiKey();
    expect(k.plaintext).toMatch(/^sgp_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(k.plaintext.startsWith(`sgp_${k.prefix}_`)).toBe(true);
    expect(k.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiKey(k.plaintext)).toBe(k.hash);
    expect(parseApiKey(k.plaintext)?.prefix).toBe(k.prefix);
    expect(parseApiKey('sgp_nothex_x')).toBeUndefined();
    expect(verifyApiKey(k.plaintext, k.hash)).toBe(true);
    expect(verifyApiKey(k.plaintext, generateApiKey().hash)).toBe(false);
    expect(hashesEqual(k.hash, k.hash.slice(2))).toBe(false);
    expect(generateApiKey().plaintext).not.toBe(k.plaintext);
  });
});

describe('authenticate middleware over HTTP', () => {
  let server: Running;
  const active = generateApiKey();
  const revoked = generateApiKey();
  const readOnly = generateApiKey();
  const lookups: string[] = [];
  const store = new Map<string, ApiKeyRecord>([
    [active.hash, { id: 'k1', tenantId: 'dpr', name: 'Portal Aspirasi', roles: ['requester'], scopes: ['*'], revokedAt: null, hash: active.hash }],
    [revoked.hash, { id: 'k2', tenantId: 'dpr', name: 'Old integration', roles: [], scopes: ['*'], revokedAt: new Date('2025-01-01T00:00:00Z') }],
    [readOnly.hash, { id: 'k3', tenantId: 'dpr', name: 'Dashboard', roles: [], scopes: ['cases:read'], revokedAt: null }],
  ]);

  beforeAll(async () => {
    const app = express();
    app.use(authenticate({ verifyJwt: verify, findApiKey: async (hash) => { lookups.push(hash); return store.get(hash) ?? null; } }));
    app.get('/whoami', (_req, res) => { res.json(principalOf(res)); });
    app.post('/cases/:id/act', (_req, res) => {
      const p = principalOf(res);
      requireScope(p, 'cases:act');
      requireRole(p, ['executor', 'approver']);
      res.json({ ok: true });
    });
    app.use(notFoundHandler());
    app.use(problemHandler({ logger: recordingLogger().logger }));
    server = await listen(app);
  });
  afterAll(async () => { await server.close(); });

  const get = async (path: string, headers: Record<string, string> = {}, method = 'GET') => {
    const res = await fetch(`${server.url}${path}`, { method, headers });
    return { res, json: await res.json() as Record<string, any> };
  };

  test('no credentials → 401 unauthenticated with WWW-Authenticate: Bearer', async () => {
    const { res, json } = await get('/whoami');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="sigap"');
    expect(json.code).toBe('unauthenticated');
    const basic = await get('/whoami', { authorization: 'Basic YWxhZGRpbjpvcGVuc2VzYW1l' });
    expect(basic.json.code).toBe('unauthenticated');
  });

  test('Bearer JWT → user principal', async () => {
    const { res, json } = await get('/whoami', { authorization: `Bearer ${await signDemoToken(keys, budi)}` });
    expect(res.status).toBe(200);
    expect(json).toMatchObject({ kind: 'user', username: 'budi', tenantId: 'serang' });
  });

  test('bad and expired JWTs → 401 invalid_token', async () => {
    const expired = await signDemoToken(keys, budi, 60, { now: Math.floor(Date.now() / 1000) - 7200 });
    for (const authorization of [`Bearer ${expired}`, `Bearer ${await signDemoToken(otherKeys, budi)}`, 'Bearer nonsense', 'Bearer']) {
      const { res, json } = await get('/whoami', { authorization }, 'GET');
      expect([res.status, json.code]).toEqual([401, 'invalid_token']);
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
  });

  test('API key as Bearer or X-API-Key → apiKey principal (looked up by hash only)', async () => {
    for (const headers of [{ authorization: `Bearer ${active.plaintext}` }, { 'x-api-key': active.plaintext }] as Record<string, string>[]) {
      const { res, json } = await get('/whoami', headers);
      expect(res.status).toBe(200);
      expect(json).toEqual({ kind: 'apiKey', tenantId: 'dpr', username: 'apikey:k1', name: 'Portal Aspirasi', roles: ['requester'], scopes: ['*'], apiKeyId: 'k1' });
    }
    expect(lookups).not.toContain(active.plaintext);
    expect(lookups).toContain(active.hash);
  });

  test('revoked, unknown and malformed keys → 401 invalid_token', async () => {
    for (const key of [revoked.plaintext, generateApiKey().plaintext, 'sgp_broken']) {
      const { res, json } = await get('/whoami', { 'x-api-key': key });
      expect([res.status, json.code]).toEqual([401, 'invalid_token']);
    }
    expect((await get('/whoami', { 'x-api-key': revoked.plaintext })).json.reason).toBe('revoked');
  });

  test('scopes limit API keys, roles limit everyone', async () => {
    const scopeless = await get('/cases/1/act', { 'x-api-key': readOnly.plaintext }, 'POST');
    expect([scopeless.res.status, scopeless.json.code, scopeless.json.params]).toEqual([403, 'missing_scope', { scope: 'cases:act' }]);
    expect(scopeless.json.detail).toBe('Kunci API ini tidak memiliki cakupan (scope) cases:act yang diperlukan untuk tindakan ini.');
    const roleless = await get('/cases/1/act', { 'x-api-key': active.plaintext }, 'POST');
    expect([roleless.res.status, roleless.json.code, roleless.json.params]).toEqual([403, 'missing_role', { roles: ['executor', 'approver'] }]);
    const user = await get('/cases/1/act', { authorization: `Bearer ${await signDemoToken(keys, budi)}` }, 'POST');
    expect(user.res.status).toBe(200);
  });

  test('requireScope / requireRole directly', () => {
    const key: Principal = { kind: 'apiKey', tenantId: 't', username: 'apikey:1', name: 'k', roles: [], scopes: ['cases:*'], apiKeyId: '1' };
    expect(() => requireScope(key, 'cases:act')).not.toThrow();
    expect(() => requireScope(key, 'requests:create')).toThrow(ProblemError);
    expect(() => requireRole(key, ['approver'])).toThrow(/missing_role/);
  });
});

describe('remote JWKS over HTTP (Keycloak-like identity provider)', () => {
  let idp: Running;
  let issuer: string;
  let privateKey: CryptoKey;
  let kid: string;
  const hits: string[] = [];

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    kid = 'kc-rsa-1';
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' };
    const app = express();
    app.use((req, _res, next) => { hits.push(req.path); next(); });
    app.get('/realms/pemkot/.well-known/openid-configuration', (_req, res) => {
      res.json({ issuer, jwks_uri: `${issuer}/protocol/openid-connect/certs`, id_token_signing_alg_values_supported: ['RS256'] });
    });
    app.get('/realms/pemkot/protocol/openid-connect/certs', (_req, res) => { res.json({ keys: [publicJwk] }); });
    idp = await listen(app);
    issuer = `${idp.url}/realms/pemkot`;
  });
  afterAll(async () => { await idp.close(); });

  function keycloakToken(claims: Record<string, unknown> = {}, options: { iss?: string; kid?: string; key?: CryptoKey; exp?: string } = {}) {
    return new SignJWT({
      typ: 'Bearer', azp: 'sigap-web', preferred_username: 'siti.r', name: 'Siti Rahmawati', tenant: 'serang',
      realm_access: { roles: ['offline_access', 'approver'] }, resource_access: { 'sigap-web': { roles: ['service_desk'] } }, ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? kid })
      .setIssuer(options.iss ?? issuer).setAudience((claims.aud as string | string[] | undefined) ?? 'account')
      .setSubject('6f1c-siti').setIssuedAt().setExpirationTime(options.exp ?? '5m')
      .sign(options.key ?? privateKey);
  }

  function oidcConfig(extra: Record<string, string> = {}) {
    return loadConfig({ OIDC_ISSUER: issuer, OIDC_AUDIENCE: 'sigap-web', OIDC_CLAIM_ROLES: 'realm_access.roles,resource_access.sigap-web.roles', SIGAP_DEFAULT_TENANT: 'serang', ...extra });
  }

  test('discovery from OIDC_ISSUER, end to end through the middleware', async () => {
    const config = oidcConfig();
    expect(config.demo).toBe(false);
    const verifyOidc = createJwtVerifierFromConfig(config);
    const app = express();
    app.use(authenticate({ verifyJwt: verifyOidc, findApiKey: async () => null }));
    app.get('/whoami', (_req, res) => { res.json(principalOf(res)); });
    app.use(problemHandler({ logger: recordingLogger().logger }));
    const api = await listen(app);
    try {
      const ok = await fetch(`${api.url}/whoami`, { headers: { authorization: `Bearer ${await keycloakToken()}` } });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ kind: 'user', tenantId: 'serang', username: 'siti.r', name: 'Siti Rahmawati', roles: ['offline_access', 'approver', 'service_desk'] });
      expect(hits).toEqual(expect.arrayContaining(['/realms/pemkot/.well-known/openid-configuration', '/realms/pemkot/protocol/openid-connect/certs']));

      const bad = await fetch(`${api.url}/whoami`, { headers: { authorization: `Bearer ${await keycloakToken({}, { iss: 'https://evil.example/realms/pemkot' })}` } });
      expect(bad.status).toBe(401);
      expect((await bad.json() as Record<string, unknown>).code).toBe('invalid_token');
    } finally {
      await api.close();
    }
  });

  test('OIDC_JWKS_URL directly; audience via aud or azp; ID tokens and foreign keys refused', async () => {
    const verifyOidc = createJwtVerifierFromConfig(oidcConfig({ OIDC_JWKS_URL: `${issuer}/protocol/openid-connect/certs` }));
    expect((await verifyOidc(await keycloakToken())).username).toBe('siti.r');
    expect((await verifyOidc(await keycloakToken({ aud: ['sigap-web', 'account'], azp: 'other' }))).username).toBe('siti.r');
    expect((await rejection(verifyOidc(await keycloakToken({ azp: 'other-client' })))).extra.reason).toBe('audience');
    expect((await rejection(verifyOidc(await keycloakToken({ typ: 'ID' })))).extra.reason).toBe('token_type');
    expect((await rejection(verifyOidc(await keycloakToken({}, { exp: '-1m' })))).extra.reason).toBe('expired');
    const stranger = await generateKeyPair('RS256');
    expect((await rejection(verifyOidc(await keycloakToken({}, { key: stranger.privateKey })))).extra.reason).toBe('signature');
    expect((await rejection(verifyOidc(await keycloakToken({}, { key: stranger.privateKey, kid: 'other' })))).status).toBe(401);
  });

  test('an unreachable identity provider is a 503, not a 401', async () => {
    const down = await listen(express());
    const url = down.url;
    await down.close();
    const verifyDown = createJwtVerifier({ jwks: { kind: 'discovery', issuer: `${url}/realms/pemkot` }, defaultTenant: 'serang', timeoutMs: 1000 });
    const err = await rejection(verifyDown(await keycloakToken()));
    expect([err.status, err.code]).toEqual([503, 'identity_provider_unavailable']);
    const verifyDown2 = createJwtVerifier({ jwks: { kind: 'remote', url: `${url}/certs` }, defaultTenant: 'serang', timeoutMs: 1000 });
    expect((await rejection(verifyDown2(await keycloakToken()))).status).toBe(503);
  });
});
