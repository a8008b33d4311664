// Problem management: POST /problems (open a problem, optionally with incidents), and the periodic
// incident review: POST /problem-reviews (run one now for a period), GET /problem-reviews/schedule.
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { caseSchema } from '../schemas/cases.ts';
import { createProblemBody, problemReviewBody, problemReviewResultSchema, reviewScheduleSchema } from '../schemas/problems.ts';
import { getCase } from '../services/cases.ts';
import { describeReviewSchedule, runProblemReview } from '../services/problemReview.ts';
import { openProblem } from '../services/problems.ts';
import { idempotencyKeyOf } from './idempotency.ts';

export function registerProblemRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'post', path: '/problems', operationId: 'openProblem', tags: ['problems'], scope: 'problems:create',
    summary: 'Catat masalah / Open a problem',
    description: 'Manajemen masalah (kemenkeu F.3; serang B.3.5): masalah dibuka dengan gangguan terkait (ID atau nomor), diklasifikasikan, dianalisis akar penyebabnya, dicatat sebagai known error di KEDB, diselesaikan permanen dan dikaji efektivitasnya. Tindakan berikutnya lewat POST /cases/{id}/actions/{action}.',
    body: createProblemBody,
    responses: {
      201: { description: 'Masalah tercatat', schema: caseSchema },
      400: { description: 'Data tidak valid' }, 401: { description: 'Belum masuk' }, 403: { description: 'Tidak berwenang (peran pelaksana manajemen masalah)' },
      422: { description: 'Gangguan, layanan atau item konfigurasi tidak dikenal, atau kunci idempotensi dipakai ulang' },
    },
    handler: async ({ req, body, principal }) => {
      const { caseId, created } = await openProblem(deps, principal, body, idempotencyKeyOf(req));
      return {
        status: 201 as const, body: await getCase(deps, principal, caseId),
        headers: { Location: `/api/v1/cases/${caseId}`, ...(created ? {} : { 'Idempotent-Replayed': 'true' }) },
      };
    },
  });

  registry.route({
    method: 'post', path: '/problem-reviews', operationId: 'runProblemReview', tags: ['problems'], scope: 'problems:create',
    summary: 'Jalankan reviu berkala gangguan / Run the periodic incident review',
    description: 'Memeriksa gangguan satu periode (serang B.3.5: sedikitnya dua kali setahun; terjadwal otomatis 1 Januari dan 1 Juli pukul 00.00): gangguan berulang (layanan dan kategori sama, atau item konfigurasi sama, paling sedikit N kali) dan gangguan yang belum tuntas; membuka masalah untuk temuan baru (sekali saja) dan melapor kepada Penyedia Layanan. Isi `period` (mis. 2026-H1) atau `from` dan `to`.',
    body: problemReviewBody,
    responses: {
      201: { description: 'Reviu selesai', schema: problemReviewResultSchema },
      202: { description: 'Reviu masih berjalan; lihat kasusnya', schema: problemReviewResultSchema },
      400: { description: 'Data tidak valid' }, 401: { description: 'Belum masuk' }, 403: { description: 'Tidak berwenang (Penyedia Layanan, koordinator, administrator)' },
      422: { description: 'Periode tidak valid atau profil tanpa reviu berkala' },
    },
    handler: async ({ req, body, principal }) => {
      const { view, created, done } = await runProblemReview(deps, principal, body, idempotencyKeyOf(req));
      return {
        status: done ? 201 as const : 202 as const, body: view,
        headers: { Location: `/api/v1/cases/${view.caseId}`, ...(created ? {} : { 'Idempotent-Replayed': 'true' }) },
      };
    },
  });

  registry.route({
    method: 'get', path: '/problem-reviews/schedule', operationId: 'getProblemReviewSchedule', tags: ['problems'], scope: 'cases:read',
    summary: 'Jadwal reviu berkala gangguan / Schedule of the periodic incident review',
    responses: { 200: { description: 'Jadwal Temporal instansi ini', schema: reviewScheduleSchema }, 401: { description: 'Belum masuk' } },
    handler: async ({ principal }) => ({ status: 200 as const, body: await describeReviewSchedule(deps, principal) }),
  });
}
