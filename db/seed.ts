// Seeds a tenant from its regulation profile at every start. Idempotent and safe when API and
// worker seed at once (ON CONFLICT). Policy:
// - tenant row: upserted, so a changed profile id, name or timezone takes effect;
// - catalogue items and users: inserted when missing, never updated, so what admins edit in
//   the database (targets, roles, deactivation) survives restarts. A changed seed value for an
//   existing item needs a migration or an admin edit.
import type { MikroORM } from '@mikro-orm/postgresql';
import type { CatalogueItem as ProfileCatalogueItem } from '../policy/profile.ts';
import { AppUser, CatalogueItem, Tenant } from './entities/index.ts';

export interface SeedUser {
  username: string;
  name: string;
  roles: string[];
  email?: string | undefined;
  nip?: string | undefined;
  unit?: string | undefined;
}

export interface TenantSeed {
  tenantId: string;
  name: string;
  profileId: string;
  timezone: string;
  catalogue: ProfileCatalogueItem[];
  users: SeedUser[];
}

export interface SeedResult {
  cataloguesInserted: number;
  usersInserted: number;
}

function catalogueRow(tenantId: string, item: ProfileCatalogueItem) {
  const now = new Date();
  return {
    id: crypto.randomUUID(),
    tenantId,
    code: item.code,
    name: item.name,
    description: item.description,
    serviceGroup: item.group,
    fulfilmentTargetMs: item.fulfilmentTarget.ms,
    targetBasis: item.fulfilmentTarget.basis,
    targetSource: item.fulfilmentTarget.source,
    requiresApproval: item.requiresApproval,
    approverRole: item.approverRole ?? null,
    requiredDocuments: item.requiredDocuments,
    availability: item.availability,
    helpHours: item.helpHours ?? null,
    active: true,
    createdAt: now,
    updatedAt: now,
  };
}

function userRow(tenantId: string, user: SeedUser) {
  const now = new Date();
  return {
    id: crypto.randomUUID(),
    tenantId,
    username: user.username,
    name: user.name,
    roles: user.roles,
    email: user.email ?? null,
    nip: user.nip ?? null,
    unit: user.unit ?? null,
    createdAt: now,
    updatedAt: now,
  };
}

export async function seedTenant(orm: MikroORM, seed: TenantSeed): Promise<SeedResult> {
  return orm.em.fork().transactional(async (em) => {
    await em.createQueryBuilder(Tenant)
      .insert({ id: seed.tenantId, name: seed.name, profileId: seed.profileId, timezone: seed.timezone, createdAt: new Date() })
      .onConflict('id')
      .merge(['name', 'profileId', 'timezone'])
      .execute();

    let cataloguesInserted = 0;
    if (seed.catalogue.length > 0) {
      const res = await em.createQueryBuilder(CatalogueItem)
        .insert(seed.catalogue.map((item) => catalogueRow(seed.tenantId, item)))
        .onConflict(['tenantId', 'code'])
        .ignore()
        .execute('run');
      cataloguesInserted = res.affectedRows;
    }

    let usersInserted = 0;
    if (seed.users.length > 0) {
      const res = await em.createQueryBuilder(AppUser)
        .insert(seed.users.map((user) => userRow(seed.tenantId, user)))
        .onConflict(['tenantId', 'username'])
        .ignore()
        .execute('run');
      usersInserted = res.affectedRows;
    }
    return { cataloguesInserted, usersInserted };
  });
}
