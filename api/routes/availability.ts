// Availability: downtime entered by hand (POST/GET /availability/downtime), the measured availability
// of a month (GET /availability), the monthly report on demand (POST /availability/reports), its
// Schedule (GET /availability/reports/schedule) and Formulir F (GET /availability/reports/{id}/formulir-f).
// Actions on a report (prepare, acknowledge) go through POST /cases/{id}/actions/{action}.
import { z } from 'zod';
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { caseSchema } from '../schemas/cases.ts';
import { availabilityQuery, availabilityReportBody, availabilitySchema, downtimeBody, downtimeListSchema, downtimeQuery, downtimeSchema } from '../schemas/availability.ts';
import { availabilityOfMonth, DOWNTIME_ROLES, formulirFOf, listDowntime, openReportOnDemand, recordDowntime } from '../services/availability.ts';
import { describeAvailabilitySchedule } from '../services/availabilitySchedule.ts';
import { getCase } from '../services/cases.ts';

const unauthenticated = { 401: { description: 'Belum masuk' } };

export function registerAvailabilityRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'post', path: '/availability/downtime', operationId: 'recordDowntime', tags: ['availability'], roles: DOWNTIME_ROLES,
    summary: 'Catat gangguan layanan / Record an outage',
    description: 'Gangguan yang tidak tercatat sebagai insiden Mayor atau alert pemantauan (serang BAB III C: «durasi waktu keterjadian gangguan layanan»). Tidak dapat dihapus; koreksi dicatat sebagai entri baru.',
    body: downtimeBody,
    responses: {
      201: { description: 'Gangguan dicatat', schema: downtimeSchema }, 400: { description: 'Data tidak valid' }, ...unauthenticated,
      403: { description: 'Pengelola Teknis, Pengelola Layanan atau Administrator' },
      422: { description: 'Layanan tidak dikenal; akhir sebelum awal; waktu di masa depan' },
    },
    handler: async ({ body, principal }) => {
      const item = await recordDowntime(deps, principal, body);
      return { status: 201 as const, body: item, headers: { Location: `/api/v1/availability/downtime?service=${encodeURIComponent(item.service)}` } };
    },
  });

  registry.route({
    method: 'get', path: '/availability/downtime', operationId: 'listDowntime', tags: ['availability'], scope: 'cases:read',
    summary: 'Daftar gangguan tercatat / Recorded outages',
    description: 'Entri manual dan gangguan yang dicatat oleh bencana (nyata); insiden Mayor dan alert dibaca langsung saat pengukuran.',
    query: downtimeQuery,
    responses: { 200: { description: 'Gangguan', schema: downtimeListSchema }, ...unauthenticated },
    handler: async ({ query, principal }) => ({ status: 200 as const, body: await listDowntime(deps, principal, query) }),
  });

  registry.route({
    method: 'get', path: '/availability', operationId: 'getAvailability', tags: ['availability'], scope: 'cases:read',
    summary: 'Ketersediaan layanan per bulan / Monthly service availability',
    description: 'Ketersediaan = (waktu operasional yang disepakati − durasi gangguan) / waktu operasional yang disepakati (serang BAB III C). Gangguan: insiden Mayor, alert pemantauan pada insiden Mayor, entri manual dan bencana; tumpang tindih dihitung sekali; pemeliharaan terjadwal (rilis) tidak dihitung. Waktu operasional dari rencana keberlangsungan (24x7, 24x5, kalender kerja); tanpa rencana: 24x7, target dari katalog.',
    query: availabilityQuery,
    responses: { 200: { description: 'Angka per layanan', schema: availabilitySchema }, ...unauthenticated, 422: { description: 'Bulan tidak valid atau layanan tidak dikenal' } },
    handler: async ({ query, principal }) => ({ status: 200 as const, body: await availabilityOfMonth(deps, principal, query) }),
  });

  registry.route({
    method: 'post', path: '/availability/reports', operationId: 'openAvailabilityReport', tags: ['availability'], scope: 'availability:create',
    summary: 'Buka Laporan Ketersediaan Layanan bulanan / Open the monthly availability report',
    description: 'Biasanya dibuka oleh jadwal bulanan (tanggal 1 pukul 01.00 waktu setempat). Satu laporan per bulan: bulan yang sudah dibuka mengembalikan laporan yang sama (200).',
    body: availabilityReportBody,
    responses: {
      200: { description: 'Laporan bulan ini sudah ada', schema: caseSchema }, 201: { description: 'Laporan dibuka', schema: caseSchema },
      400: { description: 'Data tidak valid' }, ...unauthenticated, 403: { description: 'Penyusun laporan (Pengelola Teknis) atau Administrator' },
      422: { description: 'Bulan belum berakhir atau tidak valid; profil tanpa laporan ketersediaan' },
    },
    handler: async ({ body, principal }) => {
      const { caseId, created } = await openReportOnDemand(deps, principal, body);
      return { status: created ? 201 as const : 200 as const, body: await getCase(deps, principal, caseId), headers: { Location: `/api/v1/cases/${caseId}` } };
    },
  });

  registry.route({
    method: 'get', path: '/availability/reports/schedule', operationId: 'getAvailabilityReportSchedule', tags: ['availability'], scope: 'cases:read',
    summary: 'Jadwal laporan ketersediaan bulanan / Monthly availability report schedule',
    responses: { 200: { description: 'Jadwal', schema: z.object({
      scheduleId: z.string(), frequency: z.unknown(), exists: z.boolean(), timezone: z.string().nullable(), overlap: z.string().nullable(),
      catchupWindowMs: z.number().nullable(), paused: z.boolean().nullable(), nextRuns: z.array(z.string()),
    }) }, ...unauthenticated },
    handler: async ({ principal }) => ({ status: 200 as const, body: await describeAvailabilitySchedule(deps, principal) }),
  });

  registry.route({
    method: 'get', path: '/availability/reports/:id/formulir-f', operationId: 'getFormulirF', tags: ['availability'], scope: 'availability:read',
    summary: 'Formulir F (HTML) / Form F (HTML)',
    description: 'Tersedia setelah laporan diketahui oleh Penyedia Layanan; siap dicetak.',
    params: z.object({ id: z.string().min(1).max(64) }),
    responses: { 200: { description: 'Formulir F', contentType: 'text/html; charset=utf-8' }, ...unauthenticated, 404: { description: 'Laporan tidak ditemukan atau belum diketahui' } },
    handler: async ({ params, principal }) => {
      const doc = await formulirFOf(deps, principal, params.id);
      return { status: 200 as const, body: doc.html, headers: { 'Content-Disposition': `inline; filename*=UTF-8''${encodeURIComponent(doc.filename)}` } };
    },
  });
}
