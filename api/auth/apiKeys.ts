// API keys for integrating systems: `sgp_<prefix>_<secret>`. Only the SHA-256 hash is stored; the plaintext is
// shown once when the key is created. The prefix (hex, not secret) lets people recognise a key in lists and logs.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_KEY_PREFIX = 'sgp_';
const PREFIX_BYTES = 4; // 8 hex characters
const SECRET_BYTES = 32; // 43 base64url characters
const API_KEY_PATTERN = /^sgp_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export type GeneratedApiKey = {
  /** The key to hand to the integrator, once. Never store it. */
  plaintext: string;
  /** Public, non-secret identifier (8 hex characters). */
  prefix: string;
  /** SHA-256 (hex) of the plaintext: what the database stores and looks up. */
  hash: string;
};

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(PREFIX_BYTES).toString('hex');
  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  const plaintext = `${API_KEY_PREFIX}${prefix}_${secret}`;
  return { plaintext, prefix, hash: hashApiKey(plaintext) };
}

/** SHA-256 hex of the whole plaintext key (a 256-bit random secret needs no salt or slow hash). */
export function hashApiKey(plaintext: string): string {
  return createHash('sha256').update(plaintext, 'utf8').digest('hex');
}

/** True when the string has the shape of a Sigap API key (says nothing about validity). */
export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX);
}

/** Prefix and secret of a well-formed key, or undefined. */
export function parseApiKey(plaintext: string): { prefix: string; secret: string } | undefined {
  const m = API_KEY_PATTERN.exec(plaintext);
  return m ? { prefix: m[1] as string, secret: m[2] as string } : undefined;
}

/** Constant-time comparison of two hex digests (false when lengths differ). */
export function hashesEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a, 'hex');
  const bb = Buffer.from(b, 'hex');
  if (ba.length === 0 || ba.length !== bb.length || ba.length * 2 !== a.length || bb.length * 2 !== b.length) return false;
  return timingSafeEqual(ba, bb);
}

/** Constant-time check of a plaintext key against a stored hash. */
export function verifyApiKey(plaintext: string, storedHash: string): boolean {
  return hashesEqual(hashApiKey(plaintext), storedHash.toLowerCase());
}
