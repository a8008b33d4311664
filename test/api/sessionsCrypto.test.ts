// Sealing of the refresh tokens of console sessions: AES-256-GCM with a key from SESSION_SECRET, or in demo
// mode a key file created once under SIGAP_DATA_DIR; tampering is detected; outside demo mode a missing
// secret is an error, not a silent plain-text fallback.
import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../config/index.ts';
import { keyFromSecret, SESSION_KEY_FILE, sealerOf, sessionSealer } from '../../api/auth/sessionCrypto.ts';
import { safeReturnTo } from '../../api/routes/auth.ts';
import { makeTempDir, removeTempDir } from '../support/tmp.ts';

describe('sealed refresh tokens', () => {
  it('opens what it sealed, with a fresh IV each time, and refuses altered or foreign text', () => {
    const sealer = sealerOf(keyFromSecret('a-session-secret-of-at-least-32-characters'));
    const a = sealer.seal('refresh-token-1');
    expect(a).toMatch(/^v1\./);
    expect(a).not.toContain('refresh-token-1');
    expect(sealer.seal('refresh-token-1')).not.toBe(a);
    expect(sealer.open(a)).toBe('refresh-token-1');
    const [v, iv, body, tag] = a.split('.') as [string, string, string, string];
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => sealer.open([v, iv, flipped.toString('base64url'), tag].join('.'))).toThrow();
    expect(() => sealerOf(keyFromSecret('another-session-secret-of-32-characters!')).open(a)).toThrow();
  });

  it('in demo mode keeps one key file (0600) under SIGAP_DATA_DIR; outside demo mode needs SESSION_SECRET', async () => {
    const dir = makeTempDir();
    try {
      const demo = loadConfig({ SIGAP_DATA_DIR: dir, SIGAP_DEMO: 'true' });
      const [one, two] = await Promise.all([sessionSealer(demo), sessionSealer(demo)]);
      const file = join(dir, SESSION_KEY_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url')).toHaveLength(32);
      expect(two.open(one.seal('x'))).toBe('x');
      expect((await sessionSealer(demo)).open(one.seal('y'))).toBe('y');
      await expect(sessionSealer(loadConfig({ SIGAP_DATA_DIR: dir, SIGAP_DEMO: 'false', OIDC_ISSUER: 'https://sso.example.go.id/realms/x' }))).rejects.toThrow(/SESSION_SECRET/);
    } finally {
      removeTempDir(dir);
    }
  });
});

describe('returnTo after sign-in', () => {
  it('keeps paths of Sigap and refuses anything that leaves it', () => {
    const base = 'https://sigap.example.go.id';
    expect(safeReturnTo(undefined, base)).toBe('/');
    expect(safeReturnTo('/kasus/1?tab=jejak#akhir', base)).toBe('/kasus/1?tab=jejak#akhir');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'kasus', '/a\nb', ['/x']]) {
      expect(() => safeReturnTo(bad, base)).toThrow(expect.objectContaining({ code: 'return_to_invalid', status: 400 }));
    }
  });
});
