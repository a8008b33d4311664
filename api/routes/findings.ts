// Findings recorded by the processes (a retrospective approval that never came, a rollback closed
// by hand …): the material of the semester evaluation, read by the officials who oversee it.
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { findingListSchema, findingQuery } from '../schemas/findings.ts';
import { listFindings } from '../services/findings.ts';

export function registerFindingRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'get', path: '/findings', operationId: 'listFindings', tags: ['evaluation'], scope: 'cases:read',
    summary: 'Temuan proses / Process findings',
    description: 'Temuan yang dicatat proses untuk evaluasi: persetujuan retrospektif perubahan darurat yang terlambat atau ditolak, rollback yang ditutup manual, dan lainnya. Terbaru dahulu; saring dengan `process`, `kind`, `from`, `to`.',
    query: findingQuery,
    responses: { 200: { description: 'Temuan', schema: findingListSchema }, 400: { description: 'Data tidak valid' }, 401: { description: 'Belum masuk' }, 403: { description: 'Tidak berwenang' } },
    handler: async ({ query, principal }) => ({ status: 200 as const, body: await listFindings(deps, principal, query) }),
  });
}
