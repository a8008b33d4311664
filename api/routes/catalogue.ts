// The service catalogue (Formulir A; serang B.4, yogyakarta 2.1.1.2, kemenkeu B.2.d): what users
// can request, who provides it, and the fulfilment target of each item. Administrators keep it.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { problem } from '../http/problem.ts';
import { catalogueItemSchema } from '../schemas/cases.ts';
import { loadTenant, profileOf } from '../services/tenants.ts';

interface ItemRow {
  code: string; name: { id: string; en: string }; description: { id: string; en: string }; service_group: string;
  fulfilment_target_ms: string | number; target_basis: 'calendar' | 'working'; target_source: Record<string, string>;
  requires_approval: boolean; approver_role: string | null; required_documents: string[]; availability: string | null; help_hours: string | null;
  provider: string | null; service_desk: string | null; technical_team: string | null; access_info: string | null;
  availability_target: string | null; help_contact: string | null; active: boolean;
}
const COLUMNS = `code, name, description, service_group, fulfilment_target_ms, target_basis, target_source, requires_approval, approver_role,
  required_documents, availability, help_hours, provider, service_desk, technical_team, access_info, availability_target, help_contact, active`;

const toItem = (r: ItemRow) => ({
  code: r.code, name: r.name, description: r.description, group: r.service_group,
  fulfilmentTarget: { ms: Number(r.fulfilment_target_ms), basis: r.target_basis, source: r.target_source },
  requiresApproval: r.requires_approval, approverRole: r.approver_role, requiredDocuments: r.required_documents,
  availability: r.availability, helpHours: r.help_hours, provider: r.provider, serviceDesk: r.service_desk,
  technicalTeam: r.technical_team, accessInfo: r.access_info, availabilityTarget: r.availability_target,
  helpContact: r.help_contact, active: r.active,
});

const localText = z.strictObject({ id: z.string().trim().min(1).max(300), en: z.string().trim().min(1).max(300) });
const optionalText = z.string().trim().min(1).max(500).nullable().default(null);
/** The Formulir A fields an administrator sets. */
const itemBody = z.strictObject({
  name: localText.describe('Nama layanan'),
  description: localText.describe('Deskripsi layanan'),
  group: z.string().trim().min(1).max(100).describe('Kelompok layanan (serang Tabel 4.2)'),
  fulfilmentTarget: z.strictObject({
    ms: z.number().int().min(60_000).max(366 * 24 * 3_600_000).describe('Target pemenuhan layanan dalam milidetik'),
    basis: z.enum(['calendar', 'working']).describe('Waktu kalender atau jam kerja'),
  }),
  requiresApproval: z.boolean(),
  approverRole: z.string().regex(/^[a-z_]+$/).nullable().default(null),
  requiredDocuments: z.array(z.string().regex(/^[a-z_]+$/)).max(10).default([]),
  provider: optionalText.describe('Penyedia Layanan'),
  serviceDesk: optionalText.describe('Pengelola Layanan'),
  technicalTeam: optionalText.describe('Pengelola Teknis'),
  accessInfo: optionalText.describe('Cara akses layanan'),
  availabilityTarget: optionalText.describe('Target ketersediaan layanan, mis. 95 %'),
  helpContact: optionalText.describe('Kontak permintaan bantuan'),
  helpHours: optionalText.describe('Waktu pelayanan bantuan'),
  availability: optionalText.describe('Ketersediaan layanan, mis. 24/7'),
});
type ItemBody = z.output<typeof itemBody>;

const fullItemSchema = catalogueItemSchema.extend({
  provider: z.string().nullable(), serviceDesk: z.string().nullable(), technicalTeam: z.string().nullable(),
  accessInfo: z.string().nullable(), availabilityTarget: z.string().nullable(), helpContact: z.string().nullable(), active: z.boolean(),
}).meta({ id: 'CatalogueItemFormA' });

const codeParams = z.object({ code: z.string().regex(/^[A-Z0-9-]{2,40}$/) });
const adminErrors = {
  400: { description: 'Data tidak valid' }, 401: { description: 'Belum masuk' }, 403: { description: 'Bukan administrator' },
  404: { description: 'Tidak ditemukan' }, 409: { description: 'Kode sudah dipakai' }, 422: { description: 'Peran atau jenis dokumen tidak dikenal profil' },
};

export function registerCatalogueRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'get', path: '/catalogue', operationId: 'listCatalogue', tags: ['catalogue'],
    summary: 'Katalog layanan (Formulir A) / Service catalogue',
    query: z.object({ includeInactive: z.enum(['true', 'false']).optional() }),
    responses: { 200: { description: 'Item katalog', schema: z.object({ items: z.array(fullItemSchema) }) }, 401: { description: 'Belum masuk' } },
    handler: async ({ principal, query }) => {
      const rows = await deps.orm.em.fork().execute<ItemRow[]>(
        `select ${COLUMNS} from catalogue_item where tenant_id = ? ${query.includeInactive === 'true' ? '' : 'and active'} order by service_group, code`, [principal.tenantId]);
      return { status: 200 as const, body: { items: rows.map(toItem) } };
    },
  });
  registry.route({
    method: 'get', path: '/catalogue/:code', operationId: 'getCatalogueItem', tags: ['catalogue'],
    summary: 'Satu item katalog / One catalogue item',
    params: z.object({ code: z.string().min(1).max(64) }),
    responses: { 200: { description: 'Item katalog', schema: fullItemSchema }, 401: { description: 'Belum masuk' }, 404: { description: 'Tidak ditemukan' } },
    handler: async ({ params, principal }) => ({ status: 200 as const, body: toItem(await loadItem(deps, principal.tenantId, params.code)) }),
  });
  registry.route({
    method: 'put', path: '/catalogue/:code', operationId: 'putCatalogueItem', tags: ['catalogue'], roles: ['administrator'],
    summary: 'Buat atau ubah item katalog / Create or replace a catalogue item',
    description: 'Perubahan target berlaku untuk permintaan baru; permintaan yang sedang berjalan memakai target saat diajukan.',
    params: codeParams,
    body: itemBody,
    responses: { 200: { description: 'Item diubah', schema: fullItemSchema }, 201: { description: 'Item dibuat', schema: fullItemSchema }, ...adminErrors },
    handler: async ({ params, body, principal }) => {
      await checkAgainstProfile(deps, principal.tenantId, body);
      const em = deps.orm.em.fork();
      const [row] = await em.execute<Array<ItemRow & { inserted: boolean }>>(
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
        [randomUUID(), principal.tenantId, params.code, JSON.stringify(body.name), JSON.stringify(body.description), body.group,
          body.fulfilmentTarget.ms, body.fulfilmentTarget.basis, JSON.stringify({ sigapDefault: `set by administrator ${principal.username}` }),
          body.requiresApproval, body.approverRole, `{${body.requiredDocuments.join(',')}}`, body.provider, body.serviceDesk, body.technicalTeam,
          body.accessInfo, body.availabilityTarget, body.helpContact, body.helpHours, body.availability],
      );
      return { status: row!.inserted ? 201 as const : 200 as const, body: toItem(row!) };
    },
  });
  registry.route({
    method: 'delete', path: '/catalogue/:code', operationId: 'retireCatalogueItem', tags: ['catalogue'], roles: ['administrator'],
    summary: 'Nonaktifkan item katalog / Retire a catalogue item',
    description: 'Item tidak dihapus (kasus lama merujuknya); item tidak dapat diminta lagi.',
    params: codeParams,
    responses: { 200: { description: 'Item nonaktif', schema: fullItemSchema }, ...adminErrors },
    handler: async ({ params, principal }) => {
      const [row] = await deps.orm.em.fork().execute<ItemRow[]>(
        `update catalogue_item set active = false, updated_at = now() where tenant_id = ? and code = ? returning ${COLUMNS}`, [principal.tenantId, params.code]);
      if (!row) throw problem(404, 'not_found');
      return { status: 200 as const, body: toItem(row) };
    },
  });
}

async function loadItem(deps: ApiDeps, tenantId: string, code: string): Promise<ItemRow> {
  const [row] = await deps.orm.em.fork().execute<ItemRow[]>(`select ${COLUMNS} from catalogue_item where tenant_id = ? and code = ?`, [tenantId, code]);
  if (!row) throw problem(404, 'not_found');
  return row;
}

/** Roles and document kinds must exist in the tenant's regulation profile. */
async function checkAgainstProfile(deps: ApiDeps, tenantId: string, body: ItemBody): Promise<void> {
  const profile = profileOf(await loadTenant(deps.orm.em.fork(), tenantId));
  if (body.approverRole && !profile.roles.some((r) => r.id === body.approverRole)) throw problem(422, 'unknown_role', { role: body.approverRole });
  const unknown = body.requiredDocuments.filter((d) => !profile.documentKinds.some((k) => k.id === d));
  if (unknown.length) throw problem(422, 'unknown_document_kind', { kinds: unknown });
}
