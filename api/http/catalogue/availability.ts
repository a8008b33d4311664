// Problem codes and texts of the availability endpoints (merged into api/http/messages.ts): every code
// has its detail text in `messages` (Bahasa Indonesia first, English second; {param} placeholders)
// and its short, parameter-free title in `titles`.
import type { LocalText } from '../messages.ts';

export const availabilityMessages = {
  downtime_ends_before_start: {
    id: 'Akhir gangguan ({end}) harus setelah awal gangguan ({start}).',
    en: 'The end of the outage ({end}) must be after its start ({start}).',
  },
  downtime_in_future: {
    id: 'Waktu gangguan {at} berada di masa depan; catat gangguan yang sudah terjadi.',
    en: 'The outage time {at} lies in the future; record outages that have happened.',
  },
  invalid_month: {
    id: 'Bulan {month} tidak valid: gunakan format YYYY-MM untuk bulan sejak 2000-01 yang sudah dimulai (laporan: bulan yang sudah berakhir).',
    en: 'Month {month} is not valid: use YYYY-MM for a month since 2000-01 that has begun (reports: a month that has ended).',
  },
  availability_report_not_configured: {
    id: 'Profil {profile} tidak mengatur laporan ketersediaan layanan bulanan.',
    en: 'Profile {profile} has no monthly service availability report.',
  },
  availability_cause_required: {
    id: 'Target ketersediaan layanan {services} tidak tercapai: isi penyebabnya (serang BAB IV C.2.3 c).',
    en: 'Services {services} missed their availability target: give the causes (serang BAB IV C.2.3 c).',
  },
  service_not_in_report: {
    id: 'Layanan {services} tidak termasuk dalam laporan ini.',
    en: 'Services {services} are not part of this report.',
  },
  formulir_f_not_ready: {
    id: 'Formulir F tersedia setelah laporan diketahui oleh Penyedia Layanan.',
    en: 'Form F is available once the service owner has acknowledged the report.',
  },
} as const satisfies Record<string, LocalText>;

export const availabilityTitles = {
  downtime_ends_before_start: { id: 'Akhir gangguan sebelum awal', en: 'Outage ends before it starts' },
  downtime_in_future: { id: 'Waktu gangguan di masa depan', en: 'Outage in the future' },
  invalid_month: { id: 'Bulan tidak valid', en: 'Invalid month' },
  availability_report_not_configured: { id: 'Laporan ketersediaan tidak diatur', en: 'Availability report not configured' },
  availability_cause_required: { id: 'Penyebab wajib diisi', en: 'Cause required' },
  service_not_in_report: { id: 'Layanan tidak dalam laporan', en: 'Service not in the report' },
  formulir_f_not_ready: { id: 'Formulir F belum tersedia', en: 'Form F not available yet' },
} as const satisfies Record<keyof typeof availabilityMessages, LocalText>;
