// Tenants: each agency runs one regulation profile.
import type { EntityManager } from '@mikro-orm/postgresql';
import { problem } from '../http/problem.ts';

export interface TenantRow { id: string; name: string; profile_id: string; timezone: string }

export async function loadTenant(em: EntityManager, tenantId: string): Promise<TenantRow> {
  const [row] = await em.execute<TenantRow[]>('select id, name, profile_id, timezone from tenant where id = ?', [tenantId]);
  if (!row) throw problem(403, 'unknown_tenant', { tenant: tenantId });
  return row;
}
