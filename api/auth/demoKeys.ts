// Demo mode: Sigap is its own token issuer for the seeded demo users. An ES256 key pair is created once and kept
// as JWK files under <dataDir>/demo-keys/ (mode 0600, folder 0700), so tokens survive restarts. Tokens look like
// Keycloak access tokens (roles in realm_access.roles), so the same claim mapping serves demo and production.
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JSONWebKeySet, type JWK } from 'jose';
import { DEFAULT_CLAIM_PATHS, setClaim, type ClaimPaths } from './claims.ts';

export const DEMO_ISSUER = 'sigap-demo';
export const DEMO_ALG = 'ES256';
export const DEMO_KEYS_DIR = 'demo-keys';
export const DEFAULT_DEMO_TOKEN_TTL_SECONDS = 8 * 60 * 60;

export type DemoKeys = {
  privateKey: CryptoKey;
  /** JWKS with the public key (serve it at /.well-known/jwks.json if other services verify demo tokens). */
  publicJwks: JSONWebKeySet;
  issuer: string;
  /** Key id: the RFC 7638 thumbprint of the public key. */
  kid: string;
};

export type DemoUser = {
  username: string;
  name: string;
  roles: string[];
  tenantId: string;
  unit?: string;
  nip?: string;
};

const PRIVATE_FILE = 'private.jwk.json';
const PUBLIC_FILE = 'public.jwk.json';

function isErrno(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as NodeJS.ErrnoException).code === code;
}

function checkPrivateJwk(jwk: JWK, file: string): JWK {
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d || !jwk.x || !jwk.y) {
    throw new Error(`${file} is not an ES256 (P-256) private JWK; remove it to let Sigap create a new demo key pair.`);
  }
  return jwk;
}

async function readPrivateJwk(file: string): Promise<JWK | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return undefined;
    throw err;
  }
  let parsed: JWK;
  try {
    parsed = JSON.parse(text) as JWK;
  } catch {
    throw new Error(`${file} is not valid JSON; remove it to let Sigap create a new demo key pair.`);
  }
  return checkPrivateJwk(parsed, file);
}

/** Creates the private key file exactly once, even with several processes starting at the same time. */
async function createPrivateJwk(file: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair(DEMO_ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const full: JWK = { ...jwk, alg: DEMO_ALG, use: 'sig', kid: await calculateJwkThumbprint(jwk) };
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, `${JSON.stringify(full, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(tmp, file);
    return full;
  } catch (err) {
    if (!isErrno(err, 'EEXIST')) throw err;
    const winner = await readPrivateJwk(file);
    if (!winner) throw err;
    return winner;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

function publicOf(jwk: JWK, kid: string): JWK {
  const { kty, crv, x, y } = jwk;
  return { kty, crv, x, y, alg: DEMO_ALG, use: 'sig', kid } as JWK;
}

async function writePublicJwk(file: string, jwk: JWK): Promise<void> {
  const text = `${JSON.stringify(jwk, null, 2)}\n`;
  const current = await readFile(file, 'utf8').catch(() => undefined);
  if (current === text) return;
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, text, { mode: 0o600, flag: 'wx' });
  await rename(tmp, file);
}

async function tightenMode(file: string): Promise<void> {
  const s = await stat(file);
  if ((s.mode & 0o077) !== 0) await chmod(file, 0o600);
}

/** Reads or creates the key pair without the in-process cache (safe against concurrent creators). */
export async function loadOrCreateDemoKeys(dataDir: string): Promise<DemoKeys> {
  const dir = join(dataDir, DEMO_KEYS_DIR);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (((await stat(dir)).mode & 0o077) !== 0) await chmod(dir, 0o700);
  const privateFile = join(dir, PRIVATE_FILE);
  const privateJwk = (await readPrivateJwk(privateFile)) ?? (await createPrivateJwk(privateFile));
  await tightenMode(privateFile);
  const kid = await calculateJwkThumbprint(publicOf(privateJwk, ''));
  const publicJwk = publicOf(privateJwk, kid);
  const publicFile = join(dir, PUBLIC_FILE);
  await writePublicJwk(publicFile, publicJwk);
  await tightenMode(publicFile);
  const privateKey = (await importJWK({ ...privateJwk, kid }, DEMO_ALG)) as CryptoKey;
  return { privateKey, publicJwks: { keys: [publicJwk] }, issuer: DEMO_ISSUER, kid };
}

const cache = new Map<string, Promise<DemoKeys>>();

/** The demo key pair of a data folder: read from <dataDir>/demo-keys/, created there on first use. */
export function ensureDemoKeys(dataDir: string): Promise<DemoKeys> {
  const key = resolve(dataDir);
  let pending = cache.get(key);
  if (!pending) {
    pending = loadOrCreateDemoKeys(key);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

export type SignDemoTokenOptions = {
  /** `aud` of the token (set it when OIDC_AUDIENCE is configured). */
  audience?: string;
  /** Claim paths to write (default: Keycloak-shaped, matching the OIDC_CLAIM_* defaults). */
  claims?: Partial<ClaimPaths>;
  /** Seconds since the epoch used as "now" (tests). */
  now?: number;
};

/** Signs an access token for a demo user, shaped like a Keycloak access token. */
export async function signDemoToken(
  keys: DemoKeys,
  user: DemoUser,
  ttlSeconds: number = DEFAULT_DEMO_TOKEN_TTL_SECONDS,
  options: SignDemoTokenOptions = {},
): Promise<string> {
  const paths: ClaimPaths = { ...DEFAULT_CLAIM_PATHS, ...options.claims };
  const payload: Record<string, unknown> = { typ: 'Bearer', azp: keys.issuer };
  setClaim(payload, paths.username, user.username);
  setClaim(payload, paths.name, user.name);
  setClaim(payload, (paths.roles.split(',')[0] ?? paths.roles).trim(), [...user.roles]);
  setClaim(payload, paths.tenant, user.tenantId);
  if (user.unit !== undefined) setClaim(payload, paths.unit, user.unit);
  if (user.nip !== undefined) setClaim(payload, paths.nip, user.nip);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(payload)
    .setProtectedHeader({ alg: DEMO_ALG, typ: 'JWT', kid: keys.kid })
    .setIssuer(keys.issuer)
    .setSubject(user.username)
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds);
  if (options.audience) jwt.setAudience(options.audience);
  return jwt.sign(keys.privateKey);
}
