// The service catalogue (Formulir A; serang B.4, yogyakarta 2.1.1.2, kemenkeu B.2.d): what users can
// request, who provides it, and the fulfilment target of each item. Administrators keep it; items are
// retired, never deleted (old cases refer to them). Shared by the API and the console.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import type { CatalogueItemBody } from '../schemas/catalogue.ts';
import { loadTenant, profileOf } from './tenants.ts';

export interface CatalogueItemRow {
  code: string; name: { id: string; en: string }; description: { id: string; en: string }; service_group: string;
  fulfilment_target_ms: string | number; target_basis: 'calendar' | 'working'; target_source: Record<string, string>;
  requires_approval: boolean; approver_role: string | null; required_documents: string[]; availability: string | null; help_hours: string | null;
  provider: string | null; service_desk: string | null; technical_team: string | null; access_info: string | null;
  availability_target: string | null; help_contact: string | null; active: boolean;
}
const COLUMNS = `code, name, description, service_group, fulfilment_target_ms, target_basis, target_source, requires_approval, approver_role,
  required_documents, availability, help_hours, provider, service_desk, technical_team, access_info, availability_target, help_contact, active`;

/** The API's view of an item (GET /catalogue). */
export const toCatalogueItem = (r: CatalogueItemRow) => ({
  code: r.code, name: r.name, description: r.description, group: r.service_group,
  fulfilmentTarget: { ms: Number(r.fulfilment_target_ms), basis: r.target_basis, source: r.target_source },
  requiresApproval: r.requires_approval, approverRole: r.approver_role, requiredDocuments: r.required_documents,
  availability: r.availability, helpHours: r.help_hours, provider: r.provider, serviceDesk: r.service_desk,
  technicalTeam: r.technical_team, accessInfo: r.access_info, availabilityTarget: r.availability_target,
  helpContact: r.help_contact, active: r.active,
});
export type CatalogueItemView = ReturnType<typeof toCatalogueItem>;

export async function listCatalogueItems(deps: ApiDeps, tenantId: string, includeInactive: boolean): Promise<CatalogueItemRow[]> {
  return deps.orm.em.fork().execute<CatalogueItemRow[]>(
    `select ${COLUMNS} from catalogue_item where tenant_id = ? ${includeInactive ? '' : 'and active'} order by service_group, code`, [tenantId]);
}

export async function loadCatalogueItem(deps: ApiDeps, tenantId: string, code: string): Promise<CatalogueItemRow> {
  const [row] = await deps.orm.em.fork().execute<CatalogueItemRow[]>(`select ${COLUMNS} from catalogue_item where tenant_id = ? and code = ?`, [tenantId, code]);
  if (!row) throw problem(404, 'not_found');
  return row;
}

/** Roles and document kinds must exist in the tenant's regulation profile (422 otherwise). */
async function checkAgainstProfile(deps: ApiDeps, tenantId: string, body: CatalogueItemBody): Promise<void> {
  const profile = profileOf(await loadTenant(deps.orm.em.fork(), tenantId));
  if (body.approverRole && !profile.roles.some((r) => r.id === body.approverRole)) throw problem(422, 'unknown_role', { role: body.approverRole });
  const unknown = body.requiredDocuments.filter((d) => !profile.documentKinds.some((k) => k.id === d));
  if (unknown.length) throw problem(422, 'unknown_document_kind', { kinds: unknown });
}

/** Creates or replaces an item (active again if it was retired); `inserted` tells which. */
export async function putCatalogueItem(deps: ApiDeps, principal: Principal, code: string, body: CatalogueItemBody): Promise<{ row: CatalogueItemRow; inserted: boolean }> {
  await checkAgainstProfile(deps, principal.tenantId, body);
  const [row] = await deps.orm.em.fork().execute<Array<CatalogueItemRow & { inserted: boolean }>>(
    `insert into catalogue_item (id, tenant_id, code, name, description, service_group, fulfilment_target_ms, target_basis, target_source,
       requires_approval, approver_role, required_documents, provider, service_desk, technical_team, access_info, availability_target,
       help_contact, help_hours, availability, active, created_at, updated_at)
     values (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?::jsonb, ?, ?, ?::text[], ?, ?, ?, ?, ?, ?, ?, ?, true, now(), now())
     on conflict (tenant_id, code) do update set name = excluded.name, description = excluded.description, service_group = excluded.service_group,
       fulfilment_target_ms = excluded.fulfilment_target_ms, target_basis = excluded.target_basis, target_source = excluded.target_source,
       requires_approval = excluded.requires_approval, approver_role = excluded.approver_role, required_documents = excluded.required_documents,
       provider = excluded.provider, service_desk = excluded.service_desk, technical_team = excluded.technical_team, access_info = excluded.access_info,
       availability_target = excluded.availability_target, help_contact = excluded.help_contact, help_hours = excluded.help_hours,
       availability = excluded.availability, active = true, updated_at = now()
     returning ${COLUMNS}, (xmax = 0) as inserted`,
    [randomUUID(), principal.tenantId, code, JSON.stringify(body.name), JSON.stringify(body.description), body.group,
      body.fulfilmentTarget.ms, body.fulfilmentTarget.basis, JSON.stringify({ sigapDefault: `set by administrator ${principal.username}` }),
      body.requiresApproval, body.approverRole, `{${body.requiredDocuments.join(',')}}`, body.provider, body.serviceDesk, body.technicalTeam,
      body.accessInfo, body.availabilityTarget, body.helpContact, body.helpHours, body.availability],
  );
  const { inserted, ...item } = row!;
  return { row: item, inserted };
}

/** Retires an item: it stays for the cases that refer to it but can no longer be requested. */
export async function retireCatalogueItem(deps: ApiDeps, principal: Principal, code: string): Promise<CatalogueItemRow> {
  const [row] = await deps.orm.em.fork().execute<CatalogueItemRow[]>(
    `update catalogue_item set active = false, updated_at = now() where tenant_id = ? and code = ? returning ${COLUMNS}`, [principal.tenantId, code]);
  if (!row) throw problem(404, 'not_found');
  return row;
}
