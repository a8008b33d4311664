// Users as the read model knows them: kept up to date from the identity claims on each call, so
// timelines show names and notifications find addresses.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal.ts';

export interface UserRow { username: string; name: string; roles: string[]; email: string | null; unit: string | null; nip: string | null }

export async function findUser(em: EntityManager, tenantId: string, username: string): Promise<UserRow | undefined> {
  const [row] = await em.execute<UserRow[]>('select username, name, roles, email, unit, nip from app_user where tenant_id = ? and username = ?', [tenantId, username]);
  return row;
}

// What this process last wrote per user, so an unchanged identity costs no database round trip.
const remembered = new Map<string, string>();
const REMEMBER_LIMIT = 10_000;

/** Records the signed-in user (roles and unit come from the identity provider's claims). */
export async function rememberUser(em: EntityManager, p: Principal): Promise<void> {
  if (p.kind !== 'user') return;
  const key = `${p.tenantId}\u0000${p.username}`;
  const signature = JSON.stringify([p.name, p.nip ?? null, p.unit ?? null, p.roles]);
  if (remembered.get(key) === signature) return;
  await em.execute(
    `insert into app_user (id, tenant_id, username, name, nip, unit, roles, created_at, updated_at)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, ?::text[], now(), now())
     on conflict (tenant_id, username) do update set name = excluded.name, nip = coalesce(excluded.nip, app_user.nip),
       unit = coalesce(excluded.unit, app_user.unit), roles = excluded.roles, updated_at = now()
     where app_user.name is distinct from excluded.name or app_user.roles is distinct from excluded.roles
       or app_user.unit is distinct from excluded.unit or app_user.nip is distinct from excluded.nip`,
    [p.tenantId, p.username, p.name, p.nip ?? null, p.unit ?? null, `{${p.roles.map((r) => `"${r}"`).join(',')}}`],
  );
  if (remembered.size >= REMEMBER_LIMIT) remembered.clear();
  remembered.set(key, signature);
}

/** The tenant's user directory as the identity claims last gave it (read-only: roles come from the identity provider). */
export async function listUsers(em: EntityManager, tenantId: string): Promise<Array<UserRow & { updated_at: Date }>> {
  return em.execute<Array<UserRow & { updated_at: Date }>>(
    'select username, name, roles, email, unit, nip, updated_at from app_user where tenant_id = ? order by name, username limit 2000', [tenantId]);
}
