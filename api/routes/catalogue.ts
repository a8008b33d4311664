// The service catalogue (Formulir A): what users can request and the fulfilment target of each item.
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { problem } from '../http/problem.ts';
import { catalogueItemSchema } from '../schemas/cases.ts';

interface ItemRow {
  code: string; name: { id: string; en: string }; description: { id: string; en: string }; service_group: string;
  fulfilment_target_ms: string | number; target_basis: 'calendar' | 'working'; target_source: Record<string, string>;
  requires_approval: boolean; approver_role: string | null; required_documents: string[]; availability: string | null; help_hours: string | null;
}
const COLUMNS = 'code, name, description, service_group, fulfilment_target_ms, target_basis, target_source, requires_approval, approver_role, required_documents, availability, help_hours';

const toItem = (r: ItemRow) => ({
  code: r.code, name: r.name, description: r.description, group: r.service_group,
  fulfilmentTarget: { ms: Number(r.fulfilment_target_ms), basis: r.target_basis, source: r.target_source },
  requiresApproval: r.requires_approval, approverRole: r.approver_role, requiredDocuments: r.required_documents,
  availability: r.availability, helpHours: r.help_hours,
});

export function registerCatalogueRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'get', path: '/catalogue', operationId: 'listCatalogue', tags: ['catalogue'],
    summary: 'Katalog layanan (Formulir A) / Service catalogue',
    responses: { 200: { description: 'Item katalog aktif', schema: z.object({ items: z.array(catalogueItemSchema) }) }, 401: { description: 'Belum masuk' } },
    handler: async ({ principal }) => {
      const rows = await deps.orm.em.fork().execute<ItemRow[]>(`select ${COLUMNS} from catalogue_item where tenant_id = ? and active order by service_group, code`, [principal.tenantId]);
      return { status: 200 as const, body: { items: rows.map(toItem) } };
    },
  });
  registry.route({
    method: 'get', path: '/catalogue/:code', operationId: 'getCatalogueItem', tags: ['catalogue'],
    summary: 'Satu item katalog / One catalogue item',
    params: z.object({ code: z.string().min(1).max(64) }),
    responses: { 200: { description: 'Item katalog', schema: catalogueItemSchema }, 401: { description: 'Belum masuk' }, 404: { description: 'Tidak ditemukan' } },
    handler: async ({ params, principal }) => {
      const [row] = await deps.orm.em.fork().execute<ItemRow[]>(`select ${COLUMNS} from catalogue_item where tenant_id = ? and code = ?`, [principal.tenantId, params.code]);
      if (!row) throw problem(404, 'not_found');
      return { status: 200 as const, body: toItem(row) };
    },
  });
}
