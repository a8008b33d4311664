// The service catalogue (Formulir A; serang B.4, yogyakarta 2.1.1.2, kemenkeu B.2.d): what users
// can request, who provides it, and the fulfilment target of each item. Administrators keep it.
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { catalogueItemSchema } from '../schemas/cases.ts';
import { catalogueCodeParams as codeParams, catalogueItemBody as itemBody } from '../schemas/catalogue.ts';
import { listCatalogueItems, loadCatalogueItem, putCatalogueItem, retireCatalogueItem, toCatalogueItem as toItem } from '../services/catalogue.ts';

const fullItemSchema = catalogueItemSchema.extend({
  provider: z.string().nullable(), serviceDesk: z.string().nullable(), technicalTeam: z.string().nullable(),
  accessInfo: z.string().nullable(), availabilityTarget: z.string().nullable(), helpContact: z.string().nullable(), active: z.boolean(),
}).meta({ id: 'CatalogueItemFormA' });

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
    handler: async ({ principal, query }) => ({ status: 200 as const, body: { items: (await listCatalogueItems(deps, principal.tenantId, query.includeInactive === 'true')).map(toItem) } }),
  });
  registry.route({
    method: 'get', path: '/catalogue/:code', operationId: 'getCatalogueItem', tags: ['catalogue'],
    summary: 'Satu item katalog / One catalogue item',
    params: z.object({ code: z.string().min(1).max(64) }),
    responses: { 200: { description: 'Item katalog', schema: fullItemSchema }, 401: { description: 'Belum masuk' }, 404: { description: 'Tidak ditemukan' } },
    handler: async ({ params, principal }) => ({ status: 200 as const, body: toItem(await loadCatalogueItem(deps, principal.tenantId, params.code)) }),
  });
  registry.route({
    method: 'put', path: '/catalogue/:code', operationId: 'putCatalogueItem', tags: ['catalogue'], roles: ['administrator'],
    summary: 'Buat atau ubah item katalog / Create or replace a catalogue item',
    description: 'Perubahan target berlaku untuk permintaan baru; permintaan yang sedang berjalan memakai target saat diajukan.',
    params: codeParams,
    body: itemBody,
    responses: { 200: { description: 'Item diubah', schema: fullItemSchema }, 201: { description: 'Item dibuat', schema: fullItemSchema }, ...adminErrors },
    handler: async ({ params, body, principal }) => {
      const { row, inserted } = await putCatalogueItem(deps, principal, params.code, body);
      return { status: inserted ? 201 as const : 200 as const, body: toItem(row) };
    },
  });
  registry.route({
    method: 'delete', path: '/catalogue/:code', operationId: 'retireCatalogueItem', tags: ['catalogue'], roles: ['administrator'],
    summary: 'Nonaktifkan item katalog / Retire a catalogue item',
    description: 'Item tidak dihapus (kasus lama merujuknya); item tidak dapat diminta lagi.',
    params: codeParams,
    responses: { 200: { description: 'Item nonaktif', schema: fullItemSchema }, ...adminErrors },
    handler: async ({ params, principal }) => ({ status: 200 as const, body: toItem(await retireCatalogueItem(deps, principal, params.code)) }),
  });
}
