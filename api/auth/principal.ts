// Who is calling: a signed-in user (OIDC / demo JWT) or an API key of an integrating system.

export type Principal = {
  kind: 'user' | 'apiKey';
  tenantId: string;
  /** Login name of a user; `apikey:<id>` for an API key. */
  username: string;
  /** Display name. */
  name: string;
  /** Role ids of the tenant's regulation profile (e.g. 'service_desk'). */
  roles: string[];
  /** Organisational unit of the user, when the identity provider tells it. */
  unit?: string;
  /** Nomor Induk Pegawai (civil-servant number), when the identity provider tells it. */
  nip?: string;
  /** API keys only: what the key may do ('requests:create', 'cases:read', 'cases:act', '*'). */
  scopes?: string[];
  /** API keys only: id of the key record. */
  apiKeyId?: string;
};

export function isUser(p: Principal): boolean {
  return p.kind === 'user';
}

export function hasAnyRole(p: Principal, roles: readonly string[]): boolean {
  return roles.some((r) => p.roles.includes(r));
}
