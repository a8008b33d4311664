// The service registry of a tenant (affected services of incidents).
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ApplicationBasis, ServiceClassification, ServiceType, UserScope } from '../policy/profile.ts';

export interface ServiceRecord {
  code: string;
  name: { id: string; en: string };
  nature: ServiceType;
  basis: ApplicationBasis | null;
  scope: UserScope | null;
  classification: ServiceClassification;
  classificationSource: string;
  provider: string | null;
  configurationItems: string[];
  availabilityTarget: string | null;
  active: boolean;
}

interface Row {
  code: string; name: { id: string; en: string }; nature: ServiceType; basis: ApplicationBasis | null; scope: UserScope | null;
  classification: ServiceClassification; classification_source: string; provider: string | null; configuration_items: string[];
  availability_target: string | null; active: boolean;
}
const COLUMNS = 'code, name, nature, basis, scope, classification, classification_source, provider, configuration_items, availability_target, active';
const toRecord = (r: Row): ServiceRecord => ({
  code: r.code, name: r.name, nature: r.nature, basis: r.basis, scope: r.scope, classification: r.classification,
  classificationSource: r.classification_source, provider: r.provider, configurationItems: r.configuration_items,
  availabilityTarget: r.availability_target, active: r.active,
});

export async function listServices(em: EntityManager, tenantId: string): Promise<ServiceRecord[]> {
  return (await em.execute<Row[]>(`select ${COLUMNS} from service where tenant_id = ? order by code`, [tenantId])).map(toRecord);
}

export async function findService(em: EntityManager, tenantId: string, code: string): Promise<ServiceRecord | undefined> {
  const [row] = await em.execute<Row[]>(`select ${COLUMNS} from service where tenant_id = ? and code = ?`, [tenantId, code]);
  return row ? toRecord(row) : undefined;
}

/** Inserts or replaces a service; returns it and whether it was new. */
export async function putService(em: EntityManager, tenantId: string, s: Omit<ServiceRecord, 'active'>, onlyIfMissing = false): Promise<{ service: ServiceRecord; created: boolean } | null> {
  const [row] = await em.execute<Array<Row & { created: boolean }>>(
    `insert into service (tenant_id, code, name, nature, basis, scope, classification, classification_source, provider, configuration_items, availability_target)
     values (?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?::text[], ?)
     on conflict (tenant_id, code) do ${onlyIfMissing ? 'nothing' : `update set name = excluded.name, nature = excluded.nature, basis = excluded.basis,
       scope = excluded.scope, classification = excluded.classification, classification_source = excluded.classification_source,
       provider = excluded.provider, configuration_items = excluded.configuration_items, availability_target = excluded.availability_target,
       active = true, updated_at = now()`}
     returning ${COLUMNS}, (xmax = 0) as created`,
    [tenantId, s.code, JSON.stringify(s.name), s.nature, s.basis, s.scope, s.classification, s.classificationSource, s.provider,
      `{${s.configurationItems.map((c) => `"${c.replace(/["\\]/g, '\\$&')}"`).join(',')}}`, s.availabilityTarget],
  );
  return row ? { service: toRecord(row), created: row.created } : null;
}
