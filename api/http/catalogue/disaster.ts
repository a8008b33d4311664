// Problem codes and texts of the disaster endpoints (merged into api/http/messages.ts): every code
// has its detail text in `messages` (Bahasa Indonesia first, English second; {param} placeholders)
// and its short, parameter-free title in `titles`.
import type { LocalText } from '../messages.ts';

export const disasterMessages = {
  disaster_not_configured: {
    id: 'Profil regulasi {profile} tidak mengatur pemulihan bencana (DRP), sehingga kasus bencana tidak dapat dibuat.',
    en: 'The regulation profile {profile} has no disaster recovery (DRP) section, so no disaster case can be opened.',
  },
  disaster_occurred_in_future: {
    id: 'Waktu terjadinya bencana ({occurredAt}) berada di masa depan. Isi waktu kejadian yang sudah lewat, atau kosongkan untuk memakai waktu sekarang.',
    en: 'The time the disaster occurred ({occurredAt}) is in the future. Give a past time, or leave it out to use the current time.',
  },
  unknown_disaster_scenario: {
    id: 'Skenario bencana "{scenario}" tidak ada dalam profil. Pilihan: {allowed}.',
    en: 'The profile has no disaster scenario "{scenario}". Options: {allowed}.',
  },
  unknown_disaster_step: {
    id: 'Langkah {step} bukan langkah asesmen atau analisis dalam profil. Langkah yang dapat dicatat: {allowed}.',
    en: 'Step {step} is not an assessment or analysis step of the profile. Steps that can be recorded: {allowed}.',
  },
  criteria_verdict_required: {
    id: 'Langkah {step} adalah analisis: nyatakan apakah kriteria bencana terpenuhi (criteriaMet: true atau false).',
    en: 'Step {step} is the analysis: state whether the disaster criteria are met (criteriaMet: true or false).',
  },
  eselon_too_low: {
    id: 'Langkah ini harus dilakukan oleh pejabat setingkat minimal eselon {required}; eselon Anda: {actual}.',
    en: 'This step needs an official of at least eselon {required}; your eselon: {actual}.',
  },
  assessments_incomplete: {
    id: 'Bencana belum dapat dideklarasikan: langkah asesmen/analisis {missing} belum dicatat.',
    en: 'The disaster cannot be declared yet: assessment/analysis steps {missing} have not been recorded.',
  },
  scenario_required: {
    id: 'Pilih skenario bencana terlebih dahulu (choose_scenario). Pilihan: {allowed}.',
    en: 'Choose the disaster scenario first (choose_scenario). Options: {allowed}.',
  },
  scenario_calls_for_incident: {
    id: 'Skenario "{scenario}" ditangani sebagai gangguan, bukan bencana: serahkan ke Penanganan Gangguan (hand_to_incident).',
    en: 'Scenario "{scenario}" is handled as an incident, not a disaster: hand it over to incident handling (hand_to_incident).',
  },
  scenario_not_for_incident: {
    id: 'Hanya skenario yang ditangani sebagai gangguan yang dapat diserahkan ke Penanganan Gangguan; skenario saat ini: {scenario}.',
    en: 'Only a scenario handled as an incident can be handed over to incident handling; current scenario: {scenario}.',
  },
  service_not_affected: {
    id: 'Layanan {service} tidak termasuk layanan terdampak bencana ini ({services}).',
    en: 'Service {service} is not among the services affected by this disaster ({services}).',
  },
  service_already_recovered: {
    id: 'Pemulihan layanan {service} sudah dikonfirmasi.',
    en: 'The recovery of service {service} has already been confirmed.',
  },
  recovered_at_out_of_range: {
    id: 'Waktu pulih harus antara {from} (awal perhitungan RTO) dan sekarang ({to}).',
    en: 'The recovery time must be between {from} (when the RTO started counting) and now ({to}).',
  },
  backup_in_future: {
    id: 'Waktu cadangan baik terakhir tidak boleh di masa depan.',
    en: 'The last good backup cannot be in the future.',
  },
  disaster_invalid_time: {
    id: 'Nilai waktu pada {field} tidak valid.',
    en: 'The time in {field} is not valid.',
  },
  recovery_incomplete: {
    id: 'Normalisasi belum dapat dilakukan: pemulihan layanan {services} belum dikonfirmasi.',
    en: 'Cannot normalise yet: the recovery of {services} has not been confirmed.',
  },
  cause_required: {
    id: 'Tuliskan penyebab tidak tercapainya target RTO/RPO untuk layanan {services} (Laporan Evaluasi DRP).',
    en: 'Give the cause of the missed RTO/RPO target for {services} (DRP evaluation report).',
  },
  drp_evaluation_not_ready: {
    id: 'Laporan Evaluasi DRP (Formulir G) kasus {number} belum tersedia: kasus ini belum dievaluasi dan ditutup.',
    en: 'The DRP evaluation report (Formulir G) of {number} is not available: the case has not been evaluated and closed yet.',
  },
} as const satisfies Record<string, LocalText>;

export const disasterTitles = {
  disaster_not_configured: { id: 'Pemulihan bencana tidak diatur', en: 'No disaster recovery' },
  disaster_occurred_in_future: { id: 'Waktu kejadian di masa depan', en: 'Occurrence in the future' },
  unknown_disaster_scenario: { id: 'Skenario bencana tidak dikenal', en: 'Unknown disaster scenario' },
  unknown_disaster_step: { id: 'Langkah tidak dikenal', en: 'Unknown step' },
  criteria_verdict_required: { id: 'Kesimpulan kriteria wajib diisi', en: 'Criteria verdict required' },
  eselon_too_low: { id: 'Eselon tidak memadai', en: 'Eselon too low' },
  assessments_incomplete: { id: 'Asesmen belum lengkap', en: 'Assessments incomplete' },
  scenario_required: { id: 'Skenario belum dipilih', en: 'Scenario required' },
  scenario_calls_for_incident: { id: 'Skenario ditangani sebagai gangguan', en: 'Scenario calls for incident handling' },
  scenario_not_for_incident: { id: 'Skenario bukan gangguan', en: 'Scenario is not an incident' },
  service_not_affected: { id: 'Layanan tidak terdampak', en: 'Service not affected' },
  service_already_recovered: { id: 'Layanan sudah pulih', en: 'Service already recovered' },
  recovered_at_out_of_range: { id: 'Waktu pulih di luar rentang', en: 'Recovery time out of range' },
  backup_in_future: { id: 'Cadangan di masa depan', en: 'Backup in the future' },
  disaster_invalid_time: { id: 'Waktu tidak valid', en: 'Invalid time' },
  recovery_incomplete: { id: 'Pemulihan belum lengkap', en: 'Recovery incomplete' },
  cause_required: { id: 'Penyebab wajib diisi', en: 'Cause required' },
  drp_evaluation_not_ready: { id: 'Laporan Evaluasi DRP belum tersedia', en: 'DRP evaluation not ready' },
} as const satisfies Record<keyof typeof disasterMessages, LocalText>;
