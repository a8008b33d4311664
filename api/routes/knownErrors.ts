// The known-error database (KEDB; kemenkeu F.3.b.6 and b.10): search, one record, and the known
// errors that match a case (what the service desk sees when it opens an incident).
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { knownErrorListSchema, knownErrorQuery, knownErrorSchema } from '../schemas/problems.ts';
import { canSee, loadCaseRow } from '../services/cases.ts';
import { requireCaseScope } from '../auth/scopes.ts';
import { problem } from '../http/problem.ts';
import { getKnownError, knownErrorsForCase, searchKnownErrors } from '../services/problems.ts';

export function registerKnownErrorRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'get', path: '/known-errors', operationId: 'searchKnownErrors', tags: ['problems'], scope: 'cases:read',
    summary: 'Cari di KEDB / Search the known-error database',
    description: 'Teks bebas `q` dicocokkan (awalan kata, salah satu kata cukup) dengan judul, gejala, penyebab dan solusi sementara, diurutkan menurut relevansi; saring dengan `service`, `ci` dan `status`.',
    query: knownErrorQuery,
    responses: { 200: { description: 'Known error', schema: knownErrorListSchema }, 400: { description: 'Data tidak valid' }, 401: { description: 'Belum masuk' }, 403: { description: 'Tidak berwenang' } },
    handler: async ({ query, principal }) => ({ status: 200 as const, body: await searchKnownErrors(deps, principal, query) }),
  });

  registry.route({
    method: 'get', path: '/known-errors/:id', operationId: 'getKnownError', tags: ['problems'], scope: 'cases:read',
    summary: 'Satu known error / One known error',
    params: z.object({ id: z.string().min(1).max(64).describe('ID (UUID) atau nomor, mis. KE-2026-000001') }),
    responses: { 200: { description: 'Known error', schema: knownErrorSchema }, 401: { description: 'Belum masuk' }, 403: { description: 'Tidak berwenang' }, 404: { description: 'Tidak ditemukan' } },
    handler: async ({ params, principal }) => ({ status: 200 as const, body: await getKnownError(deps, principal, params.id) }),
  });

  registry.route({
    method: 'get', path: '/cases/:id/known-errors', operationId: 'getCaseKnownErrors', tags: ['problems'], scope: 'cases:read',
    summary: 'Known error yang cocok dengan kasus / Known errors matching a case',
    description: 'Untuk gangguan (dan masalah): known error dengan item konfigurasi yang sama, layanan yang sama, atau gejala yang mirip, paling relevan dahulu.',
    params: z.object({ id: z.string().min(1).max(64).describe('ID (UUID) atau nomor kasus') }),
    responses: {
      200: { description: 'Known error yang cocok', schema: z.object({ caseId: z.uuid(), number: z.string(), items: z.array(knownErrorSchema) }) },
      401: { description: 'Belum masuk' }, 403: { description: 'Tidak berwenang' }, 404: { description: 'Kasus tidak ditemukan' },
    },
    handler: async ({ params, principal }) => {
      const row = await loadCaseRow(deps.orm.em.fork(), principal.tenantId, params.id);
      if (!canSee(principal, row)) throw problem(404, 'case_not_found', { id: params.id });
      requireCaseScope(principal, row.case_type, 'read');
      return { status: 200 as const, body: { caseId: row.id, number: row.number, items: await knownErrorsForCase(deps, principal, row) } };
    },
  });
}
