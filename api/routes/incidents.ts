// POST /incidents: report an incident (Formulir E).
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { caseSchema } from '../schemas/cases.ts';
import { createIncidentBody } from '../schemas/incidents.ts';
import { getCase } from '../services/cases.ts';
import { openIncident } from '../services/incidents.ts';
import { idempotencyKeyOf } from './idempotency.ts';

export function registerIncidentRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'post', path: '/incidents', operationId: 'reportIncident', tags: ['incidents'], scope: 'incidents:create',
    summary: 'Laporkan gangguan / Report an incident',
    description: 'Isian Formulir E. Prioritas diturunkan dari matriks profil (dampak × jenis layanan × klasifikasi) dan memulai jam waktu tanggap dan penyelesaian.',
    body: createIncidentBody,
    responses: {
      201: { description: 'Gangguan tercatat', schema: caseSchema },
      400: { description: 'Data tidak valid (mis. dampak bukan mayor/minor)' }, 401: { description: 'Belum masuk' }, 403: { description: 'Tidak berwenang' },
      422: { description: 'Layanan atau item konfigurasi tidak dikenal, atau kunci idempotensi dipakai ulang' },
    },
    handler: async ({ req, body, principal }) => {
      const { caseId, created } = await openIncident(deps, principal, body, idempotencyKeyOf(req));
      return {
        status: 201 as const, body: await getCase(deps, principal, caseId),
        headers: { Location: `/api/v1/cases/${caseId}`, ...(created ? {} : { 'Idempotent-Replayed': 'true' }) },
      };
    },
  });
}
