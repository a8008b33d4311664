// Reports: the list of the tenant's reports (GET /reports), one report as HTML, PDF, CSV or XLSX
// (GET /reports/{formulir}), and the tenant's own templates (/report-templates, administrator only).
import type { ApiDeps } from '../deps.ts';
import type { Registry } from '../http/routes.ts';
import { formulirParams, reportListSchema, reportQuery, templateBody, templateListSchema, templateParams, templateSchema, templateVersionsSchema } from '../schemas/reports.ts';
import {
  deleteReportTemplate, getReportTemplate, listReportTemplates, listReports, putReportTemplate, renderReport, reportTemplateVersions, sendReport, TEMPLATE_ADMIN_ROLES,
} from '../services/reports.ts';

const unauthenticated = { 401: { description: 'Belum masuk' } };
const adminOnly = { 403: { description: 'Hanya Administrator' } };

export function registerReportRoutes(registry: Registry, deps: ApiDeps): void {
  registry.route({
    method: 'get', path: '/reports', operationId: 'listReports', tags: ['reports'], scope: 'cases:read',
    summary: 'Daftar laporan / Available reports',
    description: 'Laporan yang diatur profil instansi (Formulir A–I, BAST, register perbaikan, kajian manajemen) dan dapat dibaca pengguna ini, dengan parameter dan formatnya.',
    responses: { 200: { description: 'Laporan', schema: reportListSchema }, ...unauthenticated },
    handler: async ({ principal }) => ({ status: 200 as const, body: await listReports(deps, principal) }),
  });

  registry.route({
    method: 'get', path: '/reports/:formulir', operationId: 'getReport', tags: ['reports'], scope: 'cases:read',
    summary: 'Laporan sebagai HTML, PDF, CSV atau XLSX / A report as HTML, PDF, CSV or XLSX',
    description: 'HTML siap cetak dengan kop instansi; PDF A4 (cetak Chromium) bernomor halaman; CSV satu tabel (`table`, UTF-8 dengan BOM); XLSX semua tabel. '
      + 'Bila templat instansi gagal dengan data ini, templat bawaan dipakai dan header `Sigap-Template-Fallback` menyebut templat itu.',
    params: formulirParams,
    query: reportQuery,
    responses: {
      200: { description: 'Laporan (text/html, application/pdf, text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)', contentType: 'application/octet-stream' },
      400: { description: 'Parameter tidak valid; periode berakhir sebelum dimulai; tabel tidak dikenal' }, ...unauthenticated,
      403: { description: 'Peran tidak memadai (Formulir D/E: pemohon hanya untuk kasusnya sendiri)' },
      404: { description: 'Laporan tidak dikenal, tidak ada pada profil, atau kasus tidak ditemukan' },
      422: { description: 'Kasus bukan jenis yang dilaporkan' },
      503: { description: 'Pembuat PDF (Chromium) tidak tersedia' },
    },
    handler: async ({ res, params, query, principal, lang }) => {
      sendReport(res, await renderReport(deps, principal, params.formulir, query, lang));
    },
  });

  registry.route({
    method: 'get', path: '/report-templates', operationId: 'listReportTemplates', tags: ['reports'], roles: TEMPLATE_ADMIN_ROLES,
    summary: 'Templat laporan instansi / Report templates',
    description: 'Setiap templat (isi formulir, kop, blok tanda tangan) per bahasa: bawaan Sigap atau versi instansi yang aktif.',
    responses: { 200: { description: 'Templat', schema: templateListSchema }, ...unauthenticated, ...adminOnly },
    handler: async ({ principal }) => ({ status: 200 as const, body: await listReportTemplates(deps, principal) }),
  });

  registry.route({
    method: 'get', path: '/report-templates/:name/:lang', operationId: 'getReportTemplate', tags: ['reports'], roles: TEMPLATE_ADMIN_ROLES,
    summary: 'Templat yang aktif / The active template',
    params: templateParams,
    responses: { 200: { description: 'Teks templat yang dipakai', schema: templateSchema }, 400: { description: 'Bahasa tidak valid' }, ...unauthenticated, ...adminOnly, 404: { description: 'Templat tidak dikenal' } },
    handler: async ({ params, principal }) => ({ status: 200 as const, body: await getReportTemplate(deps, principal, params.name, params.lang) }),
  });

  registry.route({
    method: 'put', path: '/report-templates/:name/:lang', operationId: 'putReportTemplate', tags: ['reports'], roles: TEMPLATE_ADMIN_ROLES,
    summary: 'Ganti templat instansi / Replace a template',
    description: 'Templat baru diperiksa lebih dahulu: harus dapat dikompilasi (400 template_syntax_error dengan baris dan kolom) dan berhasil disusun dengan data contoh laporan '
      + '(kop dan tanda tangan: dengan data contoh setiap laporan) dalam mode ketat (422 template_field_missing dengan nama isian dan baris). Bila berhasil, menjadi versi baru yang aktif; bila gagal, tidak ada yang berubah.',
    params: templateParams,
    body: templateBody,
    responses: {
      200: { description: 'Versi baru aktif', schema: templateSchema }, 400: { description: 'Sintaks templat salah' }, ...unauthenticated, ...adminOnly,
      404: { description: 'Templat tidak dikenal' }, 422: { description: 'Templat memakai isian yang tidak ada' },
    },
    handler: async ({ params, body, principal }) => ({ status: 200 as const, body: await putReportTemplate(deps, principal, params.name, params.lang, body.body) }),
  });

  registry.route({
    method: 'delete', path: '/report-templates/:name/:lang', operationId: 'deleteReportTemplate', tags: ['reports'], roles: TEMPLATE_ADMIN_ROLES,
    summary: 'Kembali ke templat bawaan / Revert to the built-in template',
    params: templateParams,
    responses: { 204: { description: 'Templat bawaan dipakai kembali' }, 400: { description: 'Bahasa tidak valid' }, ...unauthenticated, ...adminOnly, 404: { description: 'Templat tidak dikenal atau belum diganti' } },
    handler: async ({ params, principal }) => {
      await deleteReportTemplate(deps, principal, params.name, params.lang);
      return { status: 204 as const };
    },
  });

  registry.route({
    method: 'get', path: '/report-templates/:name/:lang/versions', operationId: 'listReportTemplateVersions', tags: ['reports'], roles: TEMPLATE_ADMIN_ROLES,
    summary: 'Riwayat versi templat / Template versions',
    params: templateParams,
    responses: { 200: { description: 'Versi, terbaru lebih dahulu', schema: templateVersionsSchema }, 400: { description: 'Bahasa tidak valid' }, ...unauthenticated, ...adminOnly, 404: { description: 'Templat tidak dikenal' } },
    handler: async ({ params, principal }) => ({ status: 200 as const, body: await reportTemplateVersions(deps, principal, params.name, params.lang) }),
  });
}
