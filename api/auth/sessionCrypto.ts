// Secrets of console sessions: random ids and CSRF tokens, their hashes, and refresh tokens sealed with
// AES-256-GCM. The key comes from SESSION_SECRET; in demo mode without it, from a key file created once under
// SIGAP_DATA_DIR (like the demo signing keys), so sessions survive a restart.
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../../config/index.ts';

export const SESSION_KEY_FILE = 'session-key';

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface Sealer {
  seal(plain: string): string;
  /** Throws when the text was not sealed with this key (or was altered). */
  open(sealed: string): string;
}

export function sealerOf(key: Buffer): Sealer {
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== 'v1' || !iv || body === undefined || !tag) throw new Error('not a sealed session secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

/** A 256-bit key derived from SESSION_SECRET (HKDF, so the secret itself is never the cipher key). */
export function keyFromSecret(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'sigap', 'web_session refresh tokens', 32));
}

/** Reads <dataDir>/session-key, creating it (mode 0600) exactly once even with concurrent starters. */
async function demoKey(dataDir: string): Promise<Buffer> {
  await mkdir(dataDir, { recursive: true });
  const file = join(dataDir, SESSION_KEY_FILE);
  const read = async () => Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  try {
    return await read();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(tmp, file).catch((err: NodeJS.ErrnoException) => { if (err.code !== 'EEXIST') throw err; });
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  await chmod(file, 0o600);
  return read();
}

/** The sealer of refresh tokens the configuration allows; throws when neither SESSION_SECRET nor demo mode gives a key. */
export async function sessionSealer(config: Config): Promise<Sealer> {
  if (config.SESSION_SECRET) return sealerOf(keyFromSecret(config.SESSION_SECRET));
  if (config.demo) return sealerOf(await demoKey(config.SIGAP_DATA_DIR));
  throw new Error('SESSION_SECRET (32+ characters) is required for console sign-in outside demo mode: it encrypts the refresh tokens of sessions.');
}
