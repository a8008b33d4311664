// Tenants: each agency runs one regulation profile.
import type { EntityManager } from '@mikro-orm/postgresql';
import { effectiveProfile, type ProfileOverrides } from '../../policy/effectiveProfile.ts';
import type { Profile } from '../../policy/profile.ts';
import { problem } from '../http/problem.ts';

export interface TenantRow { id: string; name: string; profile_id: string; timezone: string; profile_overrides: ProfileOverrides }

const known = new Map<string, TenantRow>();

export async function loadTenant(em: EntityManager, tenantId: string): Promise<TenantRow> {
  const [row] = await em.execute<TenantRow[]>('select id, name, profile_id, timezone, profile_overrides from tenant where id = ?', [tenantId]);
  if (!row) throw problem(403, 'unknown_tenant', { tenant: tenantId });
  known.set(row.id, row);
  return row;
}

/** The last loaded row of a tenant, for synchronous uses such as wording an error message. */
export function knownTenant(tenantId: string): TenantRow | undefined {
  return known.get(tenantId);
}

/** The profile the tenant runs (its regulation's profile with its overrides). */
export function profileOf(tenant: TenantRow): Profile {
  return effectiveProfile(tenant.profile_id, tenant.profile_overrides);
}
