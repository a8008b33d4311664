// The semester evaluation (POST/GET /evaluations, its Schedule and stored Formulir I), the
// improvement register (/improvements) and the maturity assessment (/maturity). Actions on an
// evaluation (submit_analysis, approve, return, cancel) go through POST /cases/{id}/actions/{action}.
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import { problem } from '../http/problem.ts';
import type { Registry } from '../http/routes.ts';
import { caseSchema } from '../schemas/cases.ts';
import {
  completeImprovementBody, dropImprovementBody, evaluationListQuery, evaluationListSchema, evaluationScheduleSchema, improvementBody,
  improvementListSchema, improvementQuery, improvementSchema, maturityQuery, maturitySchema, openEvaluationBody,
} from '../schemas/evaluations.ts';
import { getCase } from '../services/cases.ts';
import { evaluationDocumentOf, listEvaluations, maturityOf, openEvaluationOnDemand } from '../services/evaluations.ts';
import { describeEvaluationSchedule } from '../services/evaluationSchedule.ts';
import { createImprovement, listImprovements, REGISTER_ROLES, resolveImprovement } from '../services/improvements.ts';

const unauthenticated = { 401: { description: 'Belum masuk' } };
const idParams = z.object({ id: z.string().min(1).max(64) });

function versionOf(header: string | undefined): number | null {
  if (header === undefined) return null;
  const raw = header.replace(/^W\//, '').replace(/"/g, '');
  if (!/^\d+$/.test(raw)) throw problem(412, 'improvement_version_stale', { number: '-' });
  return Number(raw);
}

export function registerEvaluationRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'post', path: '/evaluations', operationId: 'openEvaluation', tags: ['evaluation'], scope: 'evaluations:create',
    summary: 'Buka evaluasi semester / Open a semester evaluation',
    description: 'Biasanya dibuka oleh jadwal (1 Januari dan 1 Juli pukul 01.00 waktu setempat) untuk periode yang baru berakhir (serang BAB II C, BAB IV E). Satu evaluasi per periode: periode yang sudah dievaluasi mengembalikan evaluasi yang sama (200). Oleh penyetuju, penyusun analisis bab atau Administrator.',
    body: openEvaluationBody,
    responses: {
      200: { description: 'Evaluasi periode ini sudah ada', schema: caseSchema }, 201: { description: 'Evaluasi dibuka', schema: caseSchema },
      400: { description: 'Periode tidak valid; akhir periode sebelum awal' }, ...unauthenticated, 403: { description: 'Peran tidak berwenang' },
      422: { description: 'Periode belum berakhir' },
    },
    handler: async ({ body, principal }) => {
      const { caseId, created } = await openEvaluationOnDemand(deps, principal, body);
      return { status: created ? 201 as const : 200 as const, body: await getCase(deps, principal, caseId), headers: { Location: `/api/v1/cases/${caseId}` } };
    },
  });

  registry.route({
    method: 'get', path: '/evaluations', operationId: 'listEvaluations', tags: ['evaluation'], scope: 'evaluations:read',
    summary: 'Daftar evaluasi / Evaluations',
    query: evaluationListQuery,
    responses: { 200: { description: 'Evaluasi, periode terbaru dahulu', schema: evaluationListSchema }, ...unauthenticated },
    handler: async ({ query, principal }) => ({ status: 200 as const, body: await listEvaluations(deps, principal, query) }),
  });

  registry.route({
    method: 'get', path: '/evaluations/schedule', operationId: 'getEvaluationSchedule', tags: ['evaluation'], scope: 'cases:read',
    summary: 'Jadwal evaluasi / Evaluation schedule',
    responses: { 200: { description: 'Jadwal', schema: evaluationScheduleSchema }, ...unauthenticated },
    handler: async ({ principal }) => ({ status: 200 as const, body: await describeEvaluationSchedule(deps, principal) }),
  });

  registry.route({
    method: 'get', path: '/evaluations/:id/formulir-i', operationId: 'getFormulirI', tags: ['evaluation'], scope: 'evaluations:read',
    summary: 'Formulir I yang diterbitkan (HTML) / Published Form I (HTML)',
    description: 'Dokumen yang disimpan saat evaluasi disetujui; siap dicetak. Pratinjau dan format lain: GET /api/v1/reports/i?case=…',
    params: idParams,
    responses: { 200: { description: 'Formulir I', contentType: 'text/html; charset=utf-8' }, ...unauthenticated, 404: { description: 'Evaluasi tidak ditemukan atau belum diterbitkan' } },
    handler: async ({ params, principal }) => {
      const doc = await evaluationDocumentOf(deps, principal, params.id);
      return { status: 200 as const, body: doc.html, headers: { 'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(doc.filename)}` } };
    },
  });

  registry.route({
    method: 'get', path: '/maturity', operationId: 'getMaturity', tags: ['evaluation'], scope: 'cases:read',
    summary: 'Tingkat kematangan manajemen layanan / Service management maturity',
    description: 'Tingkat 1–5 indikator 28 PermenPANRB 59/2020 (yogyakarta Tabel 14) dengan bukti dari catatan Sigap: proses yang berjalan, perencanaan, evaluasi yang diterbitkan, tindak lanjut.',
    query: maturityQuery,
    responses: { 200: { description: 'Penilaian', schema: maturitySchema }, ...unauthenticated, 403: { description: 'Hanya staf' }, 422: { description: 'Saat penilaian di masa depan' } },
    handler: async ({ query, principal }) => ({ status: 200 as const, body: await maturityOf(deps, principal, query) }),
  });

  registry.route({
    method: 'get', path: '/improvements', operationId: 'listImprovements', tags: ['evaluation'], scope: 'cases:read',
    summary: 'Daftar tindak lanjut perbaikan / Improvement register',
    description: 'Tindak lanjut evaluasi yang diterbitkan dan entri register Perbaikan Berkelanjutan (dpr Pasal 23).',
    query: improvementQuery,
    responses: { 200: { description: 'Tindak lanjut', schema: improvementListSchema }, ...unauthenticated, 404: { description: 'Evaluasi tidak ditemukan' } },
    handler: async ({ query, principal }) => ({ status: 200 as const, body: await listImprovements(deps, principal, query) }),
  });

  registry.route({
    method: 'post', path: '/improvements', operationId: 'createImprovement', tags: ['evaluation'], roles: REGISTER_ROLES,
    summary: 'Catat rekomendasi perbaikan / Record an improvement',
    description: 'Entri register Perbaikan Berkelanjutan: rekomendasi, metode (dpr Pasal 22 ayat (3)) dan jenis rekomendasi (Pasal 24 ayat (2)) bila profil mengaturnya.',
    body: improvementBody,
    responses: {
      201: { description: 'Dicatat', schema: improvementSchema }, 400: { description: 'Data tidak valid' }, ...unauthenticated,
      403: { description: 'Kepala unit, Koordinator Layanan atau Administrator' }, 422: { description: 'Metode, jenis rekomendasi atau peran tidak dikenal' },
    },
    handler: async ({ body, principal }) => {
      const item = await createImprovement(deps, principal, body);
      return { status: 201 as const, body: item, headers: { Location: `/api/v1/improvements?status=open`, ETag: `"${item.version}"` } };
    },
  });

  for (const [action, outcome, schema] of [['complete', 'done', completeImprovementBody], ['drop', 'dropped', dropImprovementBody]] as const) {
    registry.route({
      method: 'post', path: `/improvements/:id/${action}`, operationId: action === 'complete' ? 'completeImprovement' : 'dropImprovement', tags: ['evaluation'], scope: 'cases:act',
      summary: action === 'complete' ? 'Selesaikan tindak lanjut / Complete an improvement' : 'Batalkan tindak lanjut / Drop an improvement',
      description: 'Oleh peran penanggung jawab, penyetuju evaluasi atau Administrator, selama masih terbuka. Header If-Match berisi versi mencegah menimpa perubahan orang lain.',
      params: idParams,
      body: schema,
      responses: {
        200: { description: 'Diperbarui', schema: improvementSchema }, 400: { description: 'Data tidak valid' }, ...unauthenticated, 403: { description: 'Peran tidak berwenang' },
        404: { description: 'Tidak ditemukan' }, 409: { description: 'Sudah selesai atau dibatalkan' }, 412: { description: 'Versi berubah (If-Match)' },
      },
      handler: async ({ params, body, principal, req }) => {
        const text = 'resolution' in body ? body.resolution : body.reason;
        const item = await resolveImprovement(deps, principal, params.id, outcome, text, versionOf(req.get('If-Match')));
        return { status: 200 as const, body: item, headers: { ETag: `"${item.version}"` } };
      },
    });
  }
}
