// Disaster recovery: POST /disasters (a disaster or a DRP exercise), GET /disasters (the list) and
// GET /disasters/{id}/evaluation (the Laporan Evaluasi DRP, Formulir G, once the case is closed).
// Actions on a disaster go through POST /cases/{id}/actions/{action}.
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { caseListSchema, caseSchema } from '../schemas/cases.ts';
import { createDisasterBody, disasterListQuery } from '../schemas/disasters.ts';
import { getCase } from '../services/cases.ts';
import { disasterEvaluation, listDisasters, submitDisaster } from '../services/disasters.ts';
import { idempotencyKeyOf } from './idempotency.ts';

const unauthenticated = { 401: { description: 'Belum masuk' } };

export function registerDisasterRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'post', path: '/disasters', operationId: 'submitDisaster', tags: ['disasters'], scope: 'disasters:create',
    summary: 'Catat kejadian bencana atau uji coba DRP / Record a disaster or a DRP exercise',
    description: 'Pemulihan bencana (serang BAB IV C.3, Tabel 4.3–4.4; yogyakarta Tabel 8; kemenkeu G.2). Kasus dimulai dengan asesmen; '
      + 'bencana dideklarasikan oleh pejabat langkah deklarasi (serang: eselon II). RTO dan RPO tiap layanan diambil dari Formulir C dan DRP yang disetujui saat kasus dibuat. '
      + '`mode: exercise` untuk uji coba DRP (C.3.5): langkah dan peran sama, tidak pernah dicatat sebagai waktu henti. '
      + 'Integrasi (kunci API dengan cakupan cases:act) dapat memulai kasus dengan asal peringatan pemantauan.',
    body: createDisasterBody,
    responses: {
      201: { description: 'Kasus bencana tercatat', schema: caseSchema },
      400: { description: 'Data tidak valid' }, ...unauthenticated, 403: { description: 'Tidak berwenang mencatat bencana' },
      422: { description: 'Profil tanpa pemulihan bencana; layanan, skenario atau insiden asal tidak dikenal; waktu kejadian di masa depan' },
    },
    handler: async ({ req, body, principal }) => {
      const { caseId, created } = await submitDisaster(deps, principal, body, idempotencyKeyOf(req));
      return {
        status: 201 as const, body: await getCase(deps, principal, caseId),
        headers: { Location: `/api/v1/cases/${caseId}`, ...(created ? {} : { 'Idempotent-Replayed': 'true' }) },
      };
    },
  });

  registry.route({
    method: 'get', path: '/disasters', operationId: 'listDisasters', tags: ['disasters'], scope: 'disasters:read',
    summary: 'Daftar bencana dan uji coba DRP / Disasters and DRP exercises',
    query: disasterListQuery,
    responses: { 200: { description: 'Kasus bencana, terbaru lebih dahulu', schema: caseListSchema }, 400: { description: 'Parameter tidak valid' }, ...unauthenticated },
    handler: async ({ query, principal }) => ({ status: 200 as const, body: await listDisasters(deps, principal, query) }),
  });

  registry.route({
    method: 'get', path: '/disasters/:id/evaluation', operationId: 'getDrpEvaluation', tags: ['disasters'], scope: 'disasters:read',
    summary: 'Laporan Evaluasi DRP (Formulir G) / DRP evaluation report',
    description: 'Dokumen HTML (siap cetak) yang disusun saat evaluasi (serang C.3.6 a–c): pencapaian RTO/RPO, penyebab, kendala, peluang perbaikan, kronologi. Tersedia setelah kasus ditutup.',
    params: z.object({ id: z.string().min(1).max(64) }),
    responses: {
      200: { description: 'Formulir G (HTML)', contentType: 'text/html' }, ...unauthenticated,
      404: { description: 'Kasus tidak ditemukan, atau belum dievaluasi' },
    },
    handler: async ({ res, params, principal }) => {
      const doc = await disasterEvaluation(deps, principal, params.id);
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(doc.filename)}`);
      res.setHeader('Digest', `sha-256=${Buffer.from(doc.sha256, 'hex').toString('base64')}`);
      res.status(200).send(doc.html);
    },
  });
}
