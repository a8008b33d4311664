// Release management: POST /releases takes a release plan (Formulir H) for an approved change. The
// release then runs as a workflow: plan approval per change category, the downtime announced, a
// durable sleep to the window, the steps (HTTP calls to the deployment system or manual steps),
// verification against the evaluation criteria, an automatic rollback when they fail, the review;
// actions go through POST /cases/{id}/actions/{action}.
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { caseSchema } from '../schemas/cases.ts';
import { createReleaseBody } from '../schemas/releases.ts';
import { getCase } from '../services/cases.ts';
import { createRelease } from '../services/releases.ts';
import { idempotencyKeyOf } from './idempotency.ts';

export function registerReleaseRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'post', path: '/releases', operationId: 'createRelease', tags: ['releases'], scope: 'releases:create',
    summary: 'Ajukan rencana rilis / Submit a release plan',
    description: 'Rencana rilis (Formulir H; serang D.3.2–D.3.7, kemenkeu E.3, dpr Pasal 13) untuk perubahan yang sudah dijadwalkan atau sedang diimplementasikan: '
      + 'jadwal dan perkiraan downtime, isi rilis, metode, langkah (HTTP ke sistem deployment dengan Idempotency-Key, atau manual), kriteria evaluasi '
      + '(pemeriksaan HTTP atau manual) dan langkah rollback (wajib). Persetujuan mengikuti kategori perubahan; bila kriteria tidak terpenuhi, rollback berjalan otomatis dalam urutan terbalik.',
    body: createReleaseBody,
    responses: {
      201: { description: 'Rencana rilis tercatat', schema: caseSchema },
      400: { description: 'Data tidak valid' }, 401: { description: 'Belum masuk' }, 403: { description: 'Tidak berwenang (penyusun rencana rilis menurut profil)' },
      422: { description: 'Tanpa langkah rollback atau kriteria evaluasi, jadwal sudah lewat, ID ganda, URL tidak diizinkan, perubahan tidak dikenal atau belum siap, kunci idempotensi dipakai ulang' },
    },
    handler: async ({ req, body, principal }) => {
      const { caseId, created } = await createRelease(deps, principal, body, idempotencyKeyOf(req));
      return {
        status: 201 as const, body: await getCase(deps, principal, caseId),
        headers: { Location: `/api/v1/cases/${caseId}`, ...(created ? {} : { 'Idempotent-Replayed': 'true' }) },
      };
    },
  });
}
