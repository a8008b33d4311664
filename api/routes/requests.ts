// POST /requests: submit a service request against a catalogue item.
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { caseSchema } from '../schemas/cases.ts';
import { createRequestBody } from '../schemas/requests.ts';
import { getCase } from '../services/cases.ts';
import { submitRequest } from '../services/requests.ts';
import { idempotencyKeyOf } from './idempotency.ts';

export function registerRequestRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'post', path: '/requests', operationId: 'submitRequest', tags: ['requests'], scope: 'requests:create',
    summary: 'Ajukan permintaan layanan / Submit a service request',
    description: 'Header Idempotency-Key: kunci yang sama mengembalikan kasus yang sama dan tidak pernah memulai alur kedua.',
    body: createRequestBody,
    responses: {
      201: { description: 'Permintaan tercatat', schema: caseSchema },
      400: { description: 'Data tidak valid' }, 401: { description: 'Belum masuk' }, 403: { description: 'Tidak berwenang' },
      422: { description: 'Item katalog tidak dikenal, dokumen wajib kurang, atau kunci idempotensi dipakai ulang' },
    },
    handler: async ({ req, body, principal }) => {
      const { caseId, created } = await submitRequest(deps, principal, body, idempotencyKeyOf(req));
      const view = await getCase(deps, principal, caseId);
      return {
        status: 201 as const, body: view,
        headers: { Location: `/api/v1/cases/${caseId}`, ...(created ? {} : { 'Idempotent-Replayed': 'true' }) },
      };
    },
  });
}
