// POST /maintenance-reports: report an application fault handled under the maintenance SOP.
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { caseSchema } from '../schemas/cases.ts';
import { createMaintenanceReportBody } from '../schemas/maintenance.ts';
import { getCase } from '../services/cases.ts';
import { reportMaintenance } from '../services/maintenance.ts';
import { idempotencyKeyOf } from './idempotency.ts';

export function registerMaintenanceRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'post', path: '/maintenance-reports', operationId: 'reportMaintenance', tags: ['maintenance'], scope: 'maintenance:create',
    summary: 'Laporkan kerusakan aplikasi (SOP pemeliharaan) / Report an application fault (maintenance SOP)',
    description: 'Untuk instansi yang profilnya memuat SOP pemeliharaan (setwapres). Langkah diselesaikan dengan POST /cases/{id}/actions/complete_step.',
    body: createMaintenanceReportBody,
    responses: {
      201: { description: 'Laporan tercatat', schema: caseSchema },
      400: { description: 'Data tidak valid' }, 401: { description: 'Belum masuk' }, 403: { description: 'Tidak berwenang' },
      422: { description: 'Profil instansi tidak memuat SOP pemeliharaan' },
    },
    handler: async ({ req, body, principal }) => {
      const { caseId, created } = await reportMaintenance(deps, principal, body, idempotencyKeyOf(req));
      return { status: 201 as const, body: await getCase(deps, principal, caseId), headers: { Location: `/api/v1/cases/${caseId}`, ...(created ? {} : { 'Idempotent-Replayed': 'true' }) } };
    },
  });
}
