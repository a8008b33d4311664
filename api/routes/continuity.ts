// Continuity management: the Formulir C registry (GET /continuity-plans, GET/PUT
// /continuity-plans/{service}), backup reports, DRP versions and their approval cases, on-demand DRP
// exercises and the yearly DRP-test Schedules. Decisions on a DRP go through
// POST /cases/{id}/actions/decide (or /cases/{id}/decisions); the author withdraws with .../withdraw.
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { problem } from '../http/problem.ts';
import { caseSchema } from '../schemas/cases.ts';
import {
  backupBody, backupListSchema, backupSchema, drpBody, drpTestBody, drpTestScheduleListSchema, drpVersionListSchema, planBody, planListSchema, planSchema, serviceParams,
} from '../schemas/continuity.ts';
import { getCase } from '../services/cases.ts';
import {
  addBackup, getPlan, listBackups, listDrpVersions, listPlans, PLAN_EDITOR_ROLES, putPlan, startDrpTest, submitDrp,
} from '../services/continuity.ts';
import { listDrpTestSchedules } from '../services/drpTests.ts';
import { idempotencyKeyOf } from './idempotency.ts';

const unauthenticated = { 401: { description: 'Belum masuk' } };

export function registerContinuityRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'get', path: '/continuity-plans', operationId: 'listContinuityPlans', tags: ['continuity'], scope: 'cases:read',
    summary: 'Rencana keberlangsungan layanan (Formulir C) / Continuity plans',
    description: 'Setiap layanan aktif: klasifikasi, target ketersediaan, waktu operasional, RTO, RPO, status DRP dan `flags` yang belum dipenuhi menurut klasifikasi (serang BAB IV A.1, A.3: Kritis wajib RTO/RPO dan DRP; Kritis dan Esensial wajib target ketersediaan).',
    responses: { 200: { description: 'Daftar rencana', schema: planListSchema }, ...unauthenticated },
    handler: async ({ principal }) => ({ status: 200 as const, body: await listPlans(deps, principal) }),
  });

  registry.route({
    method: 'get', path: '/continuity-plans/:service', operationId: 'getContinuityPlan', tags: ['continuity'], scope: 'cases:read',
    summary: 'Rencana keberlangsungan satu layanan / One continuity plan',
    params: serviceParams,
    responses: { 200: { description: 'Rencana', schema: planSchema }, ...unauthenticated, 404: { description: 'Layanan tidak dikenal' } },
    handler: async ({ params, principal }) => {
      const plan = await getPlan(deps, principal, params.service);
      const headers: Record<string, string> = plan.version !== null ? { ETag: `"${plan.version}"` } : {};
      return { status: 200 as const, body: plan, headers };
    },
  });

  registry.route({
    method: 'put', path: '/continuity-plans/:service', operationId: 'putContinuityPlan', tags: ['continuity'], roles: PLAN_EDITOR_ROLES,
    summary: 'Tetapkan rencana keberlangsungan / Set a continuity plan',
    description: 'Target ketersediaan (persen), waktu operasional, RTO dan RPO ({value, unit}). Layanan yang klasifikasinya mewajibkan RTO/RPO (serang: Kritis) ditolak tanpa keduanya. Versi naik setiap perubahan; header If-Match berisi versi mencegah menimpa perubahan orang lain. Layanan yang wajib DRP mendapat jadwal uji coba DRP tahunan.',
    params: serviceParams,
    body: planBody,
    responses: {
      200: { description: 'Rencana tersimpan', schema: planSchema }, 400: { description: 'Data tidak valid' }, ...unauthenticated,
      403: { description: 'Administrator atau Penyedia Layanan' }, 404: { description: 'Layanan tidak dikenal' },
      412: { description: 'Rencana sudah diubah orang lain (If-Match)' }, 422: { description: 'RTO/RPO wajib untuk klasifikasi ini; nilai tidak valid' },
    },
    handler: async ({ req, params, body, principal }) => {
      const raw = req.get('If-Match')?.replace(/^W\//, '').replace(/"/g, '');
      const ifMatch = raw === undefined ? null : Number(raw);
      if (ifMatch !== null && !Number.isInteger(ifMatch)) throw problem(412, 'continuity_plan_version_stale');
      const plan = await putPlan(deps, principal, params.service, body, ifMatch);
      return { status: 200 as const, body: plan, headers: { ETag: `"${plan.version}"` } };
    },
  });

  registry.route({
    method: 'post', path: '/continuity-plans/:service/backups', operationId: 'reportBackup', tags: ['continuity'], scope: 'cases:act',
    summary: 'Laporkan cadangan terakhir yang baik / Report a good backup',
    description: 'Oleh Pengelola Teknis, Koordinator Pemulihan, atau integrasi (kunci API dengan cakupan cases:act). Dipakai untuk RPO saat bencana.',
    params: serviceParams,
    body: backupBody,
    responses: {
      201: { description: 'Tercatat', schema: backupSchema }, 400: { description: 'Data tidak valid' }, ...unauthenticated,
      403: { description: 'Tidak berwenang' }, 404: { description: 'Layanan tidak dikenal' }, 422: { description: 'Waktu cadangan di masa depan' },
    },
    handler: async ({ params, body, principal }) => ({ status: 201 as const, body: await addBackup(deps, principal, params.service, body) }),
  });

  registry.route({
    method: 'get', path: '/continuity-plans/:service/backups', operationId: 'listBackups', tags: ['continuity'], scope: 'cases:read',
    summary: 'Cadangan terakhir (20) / Latest backups',
    params: serviceParams,
    responses: { 200: { description: 'Cadangan', schema: backupListSchema }, ...unauthenticated, 404: { description: 'Layanan tidak dikenal' } },
    handler: async ({ params, principal }) => ({ status: 200 as const, body: await listBackups(deps, principal, params.service) }),
  });

  registry.route({
    method: 'post', path: '/continuity-plans/:service/drp', operationId: 'submitDrp', tags: ['continuity'], scope: 'drp:create',
    summary: 'Ajukan versi DRP / Submit a DRP version',
    description: 'Versi baru (menunggu persetujuan) dan kasus persetujuannya. Disetujui oleh Penyedia Layanan minimal eselon II (serang BAB IV C.3.2) dalam batas waktu profil (pengingat, lalu eskalasi ke Kepala Dinas); penyusun tidak boleh menyetujui DRP-nya sendiri. Versi yang disetujui sebelumnya tetap berlaku sampai versi baru disetujui.',
    params: serviceParams,
    body: drpBody,
    responses: {
      201: { description: 'Versi DRP dan kasus persetujuan tercatat', schema: caseSchema }, 400: { description: 'Data tidak valid' }, ...unauthenticated,
      403: { description: 'Pengelola Teknis atau Koordinator Pemulihan' }, 404: { description: 'Layanan tidak dikenal' },
      422: { description: 'Profil tanpa pemulihan bencana; dokumen tidak dikenal' },
    },
    handler: async ({ req, params, body, principal }) => {
      const { caseId, created } = await submitDrp(deps, principal, params.service, body, idempotencyKeyOf(req));
      return {
        status: 201 as const, body: await getCase(deps, principal, caseId),
        headers: { Location: `/api/v1/cases/${caseId}`, ...(created ? {} : { 'Idempotent-Replayed': 'true' }) },
      };
    },
  });

  registry.route({
    method: 'get', path: '/continuity-plans/:service/drp', operationId: 'listDrpVersions', tags: ['continuity'], scope: 'cases:read',
    summary: 'Versi DRP suatu layanan / DRP versions of a service',
    params: serviceParams,
    responses: { 200: { description: 'Versi DRP, terbaru dahulu', schema: drpVersionListSchema }, ...unauthenticated, 404: { description: 'Layanan tidak dikenal' } },
    handler: async ({ params, principal }) => ({ status: 200 as const, body: await listDrpVersions(deps, principal, params.service) }),
  });

  registry.route({
    method: 'post', path: '/continuity-plans/:service/drp-tests', operationId: 'startDrpTest', tags: ['continuity'], scope: 'disasters:create',
    summary: 'Mulai uji coba DRP sekarang / Start a DRP exercise now',
    description: 'Membuka kasus bencana mode uji coba (exercise) untuk layanan ini, seperti jadwal tahunan (serang BAB IV C.3.5), oleh Koordinator Pemulihan. Uji coba tidak pernah dicatat sebagai waktu henti.',
    params: serviceParams,
    body: drpTestBody,
    responses: {
      201: { description: 'Uji coba dibuka', schema: caseSchema }, 400: { description: 'Data tidak valid' }, ...unauthenticated,
      403: { description: 'Hanya Koordinator Pemulihan' }, 404: { description: 'Layanan tidak dikenal' }, 422: { description: 'Profil tanpa pemulihan bencana' },
    },
    handler: async ({ req, params, body, principal }) => {
      const { caseId, created } = await startDrpTest(deps, principal, params.service, body, idempotencyKeyOf(req));
      return {
        status: 201 as const, body: await getCase(deps, principal, caseId),
        headers: { Location: `/api/v1/cases/${caseId}`, ...(created ? {} : { 'Idempotent-Replayed': 'true' }) },
      };
    },
  });

  registry.route({
    method: 'get', path: '/drp-tests/schedules', operationId: 'listDrpTestSchedules', tags: ['continuity'], scope: 'cases:read',
    summary: 'Jadwal uji coba DRP / DRP-test schedules',
    description: 'Satu jadwal per layanan yang wajib DRP dan memiliki rencana keberlangsungan, dengan jadwal berikutnya (zona waktu instansi).',
    query: z.object({}),
    responses: { 200: { description: 'Jadwal', schema: drpTestScheduleListSchema }, ...unauthenticated },
    handler: async ({ principal }) => ({ status: 200 as const, body: await listDrpTestSchedules(deps, principal) }),
  });
}
