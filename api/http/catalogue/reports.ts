// Problem codes and texts of the reports endpoints (merged into api/http/messages.ts): every code has its
// detail text in `messages` (Bahasa Indonesia first, English second; {param} placeholders) and its
// short, parameter-free title in `titles`.
import type { LocalText } from '../messages.ts';

export const reportMessages = {
  unknown_formulir: {
    id: 'Laporan "{formulir}" tidak dikenal. Laporan yang tersedia: {known}.',
    en: 'There is no report "{formulir}". Known reports: {known}.',
  },
  report_not_available: {
    id: 'Laporan "{formulir}" tidak diatur dalam profil instansi ini.',
    en: 'The profile of this agency has no report "{formulir}".',
  },
  period_ends_before_start: {
    id: 'Periode berakhir ({to}) sebelum dimulai ({from}). Tukar tanggal awal dan akhir.',
    en: 'The period ends ({to}) before it starts ({from}). Swap the start and end dates.',
  },
  report_format_unsupported: {
    id: 'Laporan "{formulir}" tidak tersedia dalam format {format}. Format yang tersedia: {formats}.',
    en: 'Report "{formulir}" is not available as {format}. Available formats: {formats}.',
  },
  unknown_report_table: {
    id: 'Laporan ini tidak memiliki tabel "{table}". Tabel yang tersedia: {known}.',
    en: 'This report has no table "{table}". Tables: {known}.',
  },
  report_case_required: {
    id: 'Laporan "{formulir}" memerlukan parameter case (nomor atau id kasus).',
    en: 'Report "{formulir}" needs the case parameter (case number or id).',
  },
  report_case_type_mismatch: {
    id: 'Kasus {number} bukan jenis {expected}; laporan "{formulir}" tidak dapat dibuat untuknya.',
    en: 'Case {number} is not a {expected} case; report "{formulir}" cannot be made for it.',
  },
  pdf_renderer_unavailable: {
    id: 'Pembuat PDF (Chromium) tidak tersedia di server: {detail}. Pasang paket chromium (scripts/bootstrap.sh) atau atur SIGAP_CHROMIUM_PATH; laporan tetap dapat diunduh sebagai HTML.',
    en: 'The PDF renderer (Chromium) is not available on the server: {detail}. Install the chromium package (scripts/bootstrap.sh) or set SIGAP_CHROMIUM_PATH; the report can still be downloaded as HTML.',
  },
  report_render_failed: {
    id: 'Laporan "{formulir}" gagal disusun: {detail}.',
    en: 'Report "{formulir}" could not be rendered: {detail}.',
  },
  unknown_report_template: {
    id: 'Templat "{template}" tidak dikenal. Templat yang dapat diganti: {known}.',
    en: 'There is no template "{template}". Templates that can be replaced: {known}.',
  },
  template_syntax_error: {
    id: 'Templat tidak dapat dikompilasi (baris {line}, kolom {column}): {detail}. Templat yang aktif tidak berubah.',
    en: 'The template does not compile (line {line}, column {column}): {detail}. The active template is unchanged.',
  },
  template_field_missing: {
    id: 'Templat memakai isian "{field}" (baris {line}) yang tidak ada pada data laporan "{formulir}": {detail}. Templat yang aktif tidak berubah.',
    en: 'The template uses the field "{field}" (line {line}) that report "{formulir}" does not have: {detail}. The active template is unchanged.',
  },
  template_not_customised: {
    id: 'Instansi ini belum memiliki templat sendiri untuk "{template}" ({lang}); templat bawaan sudah dipakai.',
    en: 'This agency has no own template for "{template}" ({lang}); the built-in one is already in use.',
  },
} as const satisfies Record<string, LocalText>;

export const reportTitles = {
  unknown_formulir: { id: 'Laporan tidak dikenal', en: 'Unknown report' },
  report_not_available: { id: 'Laporan tidak tersedia', en: 'Report not available' },
  period_ends_before_start: { id: 'Periode berakhir sebelum dimulai', en: 'Period ends before it starts' },
  report_format_unsupported: { id: 'Format laporan tidak didukung', en: 'Report format not supported' },
  unknown_report_table: { id: 'Tabel laporan tidak dikenal', en: 'Unknown report table' },
  report_case_required: { id: 'Kasus wajib disebutkan', en: 'Case required' },
  report_case_type_mismatch: { id: 'Jenis kasus tidak sesuai', en: 'Wrong case type' },
  pdf_renderer_unavailable: { id: 'Pembuat PDF tidak tersedia', en: 'PDF renderer unavailable' },
  report_render_failed: { id: 'Laporan gagal disusun', en: 'Report rendering failed' },
  unknown_report_template: { id: 'Templat tidak dikenal', en: 'Unknown template' },
  template_syntax_error: { id: 'Kesalahan sintaks templat', en: 'Template syntax error' },
  template_field_missing: { id: 'Isian templat tidak ada', en: 'Template field missing' },
  template_not_customised: { id: 'Templat belum diganti', en: 'Template not customised' },
} as const satisfies Record<string, LocalText>;
