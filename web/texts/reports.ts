// Texts of the reports page (/reports): Formulir A–I and the other reports of the tenant's profile.
import type { LocalText } from '../../api/http/messages.ts';

export const reportsTexts = {
  'reports.title': { id: 'Laporan', en: 'Reports' },
  'reports.intro': { id: 'Pilih periode atau kasus, lalu lihat laporan sebagai HTML siap cetak atau unduh sebagai PDF, XLSX atau CSV. Laporan disusun dengan templat instansi.', en: 'Choose a period or a case, then view the report as printable HTML or download it as PDF, XLSX or CSV. Reports use the agency\'s templates.' },
  'reports.empty': { id: 'Tidak ada laporan yang dapat Anda baca.', en: 'There are no reports you may read.' },
  'reports.contents': { id: 'Daftar laporan', en: 'List of reports' },
  'reports.ownCase': { id: 'Pemohon atau pelapor dapat membaca laporan ini untuk kasusnya sendiri.', en: 'A requester or reporter may read this report for their own case.' },
  'reports.noParams': { id: 'Laporan ini tidak memerlukan parameter.', en: 'This report needs no parameters.' },
  'reports.params': { id: 'Parameter {title}', en: 'Parameters of {title}' },
  'reports.field.case': { id: 'Nomor kasus', en: 'Case number' },
  'reports.field.caseHint': { id: 'Contoh: {example}', en: 'For example: {example}' },
  'reports.field.service': { id: 'Kode layanan', en: 'Service code' },
  'reports.field.serviceHint': { id: 'Kosongkan untuk semua layanan', en: 'Leave empty for every service' },
  'reports.field.month': { id: 'Bulan', en: 'Month' },
  'reports.field.monthHint': { id: 'Format TTTT-BB', en: 'Format YYYY-MM' },
  'reports.field.from': { id: 'Dari tanggal', en: 'From' },
  'reports.field.to': { id: 'Sampai tanggal (termasuk)', en: 'To (inclusive)' },
  'reports.field.dateHint': { id: 'Format TTTT-BB-HH', en: 'Format YYYY-MM-DD' },
  'reports.format.html': { id: 'Lihat HTML', en: 'View HTML' },
  'reports.format.pdf': { id: 'Unduh PDF', en: 'Download PDF' },
  'reports.format.xlsx': { id: 'Unduh XLSX', en: 'Download XLSX' },
  'reports.format.csv': { id: 'Unduh CSV', en: 'Download CSV' },
  'reports.formats': { id: 'Format', en: 'Format' },
  'reports.errorIn': { id: '{title}: {message}', en: '{title}: {message}' },
} as const satisfies Record<string, LocalText>;
