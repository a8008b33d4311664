// The agency's services: what incidents affect, with the classification that sets their priority.
import { z } from 'zod';
import { findService, listServices, putService } from '../../db/services.ts';
import { APPLICATION_BASES, CLASSIFICATIONS, SERVICE_TYPES, USER_SCOPES } from '../../policy/profile.ts';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import type { Registry } from '../http/routes.ts';
import { classificationFor } from '../services/serviceRegistry.ts';
import { loadTenant, profileOf } from '../services/tenants.ts';

export const serviceSchema = z.object({
  code: z.string(), name: z.object({ id: z.string(), en: z.string() }), nature: z.enum(SERVICE_TYPES),
  basis: z.enum(APPLICATION_BASES).nullable(), scope: z.enum(USER_SCOPES).nullable(), classification: z.enum(CLASSIFICATIONS),
  classificationSource: z.string(), provider: z.string().nullable(), configurationItems: z.array(z.string()),
  availabilityTarget: z.string().nullable(), active: z.boolean(),
}).meta({ id: 'Service' });

const serviceBody = z.strictObject({
  name: z.strictObject({ id: z.string().trim().min(1).max(200), en: z.string().trim().min(1).max(200) }),
  nature: z.enum(SERVICE_TYPES).describe('Sifat layanan: publik atau administrasi pemerintahan'),
  basis: z.enum(APPLICATION_BASES).nullable().default(null).describe('Basis aplikasi: umum atau khusus'),
  scope: z.enum(USER_SCOPES).nullable().default(null).describe('Cakupan pengguna: nasional, regional, instansi'),
  classification: z.enum(CLASSIFICATIONS).nullable().default(null).describe('Diisi bila profil tidak menurunkannya dari kriteria (mis. Yogyakarta)'),
  provider: z.string().trim().min(1).max(200).nullable().default(null),
  configurationItems: z.array(z.string().trim().min(1).max(100)).max(200).default([]),
  availabilityTarget: z.string().trim().max(50).nullable().default(null),
});

export function registerServiceRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'get', path: '/services', operationId: 'listServices', tags: ['services'],
    summary: 'Layanan SPBE instansi / The agency\'s services',
    responses: { 200: { description: 'Layanan', schema: z.object({ items: z.array(serviceSchema) }) }, 401: { description: 'Belum masuk' } },
    handler: async ({ principal }) => ({ status: 200 as const, body: { items: await listServices(deps.orm.em.fork(), principal.tenantId) } }),
  });
  registry.route({
    method: 'get', path: '/services/:code', operationId: 'getService', tags: ['services'],
    summary: 'Satu layanan / One service',
    params: z.object({ code: z.string().min(1).max(64) }),
    responses: { 200: { description: 'Layanan', schema: serviceSchema }, 401: { description: 'Belum masuk' }, 404: { description: 'Tidak ditemukan' } },
    handler: async ({ params, principal }) => {
      const service = await findService(deps.orm.em.fork(), principal.tenantId, params.code);
      if (!service) throw problem(404, 'not_found');
      return { status: 200 as const, body: service };
    },
  });
  registry.route({
    method: 'put', path: '/services/:code', operationId: 'putService', tags: ['services'], roles: ['administrator'],
    summary: 'Daftarkan atau ubah layanan / Register or replace a service',
    description: 'Klasifikasi diturunkan dari kriteria profil (serang Tabel 4.1) bila basis dan cakupan diisi.',
    params: z.object({ code: z.string().regex(/^[A-Z0-9-]{2,40}$/) }),
    body: serviceBody,
    responses: {
      200: { description: 'Layanan diubah', schema: serviceSchema }, 201: { description: 'Layanan didaftarkan', schema: serviceSchema },
      400: { description: 'Data tidak valid' }, 401: { description: 'Belum masuk' }, 403: { description: 'Bukan administrator' },
      422: { description: 'Klasifikasi tidak dapat ditentukan atau bertentangan dengan kriteria' },
    },
    handler: async ({ params, body, principal }) => {
      const em = deps.orm.em.fork();
      const profile = profileOf(await loadTenant(em, principal.tenantId));
      const { classification, source } = classificationFor(profile, body);
      const result = await putService(em, principal.tenantId, { ...body, code: params.code, classification, classificationSource: source });
      return { status: result!.created ? 201 as const : 200 as const, body: result!.service };
    },
  });
}
