// Claim paths: where in a token's claims Sigap finds the username, name, NIP, unit, roles and tenant.
// Configured by OIDC_CLAIM_* (dot paths; the defaults fit Keycloak).
import type { Config } from '../../config/index.ts';

/** Dot paths of the claims mapped to the principal (a key containing dots is matched whole first). */
export type ClaimPaths = {
  username: string;
  name: string;
  nip: string;
  unit: string;
  /** One path or several separated by commas (their roles are merged), e.g. 'realm_access.roles,resource_access.sigap.roles'. */
  roles: string;
  tenant: string;
};

export const DEFAULT_CLAIM_PATHS: ClaimPaths = {
  username: 'preferred_username',
  name: 'name',
  nip: 'nip',
  unit: 'unit',
  roles: 'realm_access.roles',
  tenant: 'tenant',
};

export function claimPathsFromConfig(config: Pick<Config,
  'OIDC_CLAIM_USERNAME' | 'OIDC_CLAIM_NAME' | 'OIDC_CLAIM_NIP' | 'OIDC_CLAIM_UNIT' | 'OIDC_CLAIM_ROLES' | 'OIDC_CLAIM_TENANT'>): ClaimPaths {
  return {
    username: config.OIDC_CLAIM_USERNAME,
    name: config.OIDC_CLAIM_NAME,
    nip: config.OIDC_CLAIM_NIP,
    unit: config.OIDC_CLAIM_UNIT,
    roles: config.OIDC_CLAIM_ROLES,
    tenant: config.OIDC_CLAIM_TENANT,
  };
}

/** Reads a claim by dot path; a top-level key equal to the whole path (e.g. 'https://x.id/roles') wins. */
export function getClaim(payload: Record<string, unknown>, path: string): unknown {
  if (Object.hasOwn(payload, path)) return payload[path];
  let node: unknown = payload;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Writes a claim at a dot path, creating objects on the way (used to sign demo tokens). */
export function setClaim(payload: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  if (parts.some((p) => p === '__proto__' || p === 'constructor' || p === 'prototype')) throw new Error(`Unsafe claim path: ${path}`);
  let node = payload;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
}


/** Provider role name → profile role ids (OIDC_ROLE_MAP). One provider role may give several ids. */
export type RoleMap = ReadonlyMap<string, readonly string[]>;

/**
 * Parses OIDC_ROLE_MAP: `idp-role=profile_role,other-idp-role=profile_role` (also `;` or newlines between
 * pairs; `a=x|y` gives two ids). Undefined when unset or blank. Throws on a pair without `=`.
 */
export function parseRoleMap(text: string | undefined): RoleMap | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const map = new Map<string, string[]>();
  for (const pair of text.split(/[,;\n]/).map((p) => p.trim()).filter(Boolean)) {
    const eq = pair.lastIndexOf('=');
    const from = pair.slice(0, eq).trim();
    const to = pair.slice(eq + 1).split('|').map((r) => r.trim()).filter(Boolean);
    if (eq <= 0 || to.length === 0) throw new Error(`OIDC_ROLE_MAP: "${pair}" is not idp-role=profile_role`);
    map.set(from, [...(map.get(from) ?? []), ...to]);
  }
  return map;
}

/**
 * The profile role ids of a provider's role names. Without a map the names are the ids. With a map only
 * the mapped names count: a realm's housekeeping roles (offline_access, default-roles-…) never become
 * Sigap roles by accident of naming.
 */
export function applyRoleMap(roles: readonly string[], map: RoleMap | undefined): string[] {
  if (!map) return [...roles];
  const out = new Set<string>();
  for (const r of roles) for (const id of map.get(r) ?? []) out.add(id);
  return [...out];
}
