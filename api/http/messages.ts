// The message catalogue of the HTTP API: every user-facing text in Bahasa Indonesia first, English second.
// Texts may carry `{param}` placeholders, filled by `translate`. Problem codes (see problem.ts) are keys of
// `messages` (their detail text) and of `titles` (their short, parameter-free title).
import type { IncomingHttpHeaders } from 'node:http';
import { availabilityMessages, availabilityTitles } from './catalogue/availability.ts';
import { evaluationMessages, evaluationTitles } from './catalogue/evaluation.ts';
import { reportMessages, reportTitles } from './catalogue/reports.ts';
import { continuityMessages, continuityTitles } from './catalogue/continuity.ts';
import { disasterMessages, disasterTitles } from './catalogue/disaster.ts';
import { webhookMessages, webhookTitles } from './catalogue/webhooks.ts';
import { delegationMessages, delegationTitles } from './catalogue/delegations.ts';
import { identityMessages, identityTitles } from './catalogue/identity.ts';
import { apiKeyMessages, apiKeyTitles } from './catalogue/apiKeys.ts';

export type Lang = 'id' | 'en';
export const LANGS: readonly Lang[] = ['id', 'en'];
export const DEFAULT_LANG: Lang = 'id';

export type LocalText = { id: string; en: string };
export type ParamValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type MessageParams = Record<string, ParamValue>;

/** Detail texts of problems and texts of field-level validation messages. */
export const messages = {
  // ---- generic request problems -------------------------------------------------------------------------------------
  validation_failed: {
    id: 'Data yang dikirim tidak sesuai skema. Periksa kembali isian yang ditandai.',
    en: 'The submitted data does not match the schema. Check the marked fields.',
  },
  malformed_json: {
    id: 'Isi permintaan bukan JSON yang valid. Periksa tanda kutip, koma, dan kurung.',
    en: 'The request body is not valid JSON. Check quotes, commas and brackets.',
  },
  bad_request: {
    id: 'Permintaan tidak dapat diproses karena tidak valid.',
    en: 'The request could not be processed because it is invalid.',
  },
  payload_too_large: {
    id: 'Ukuran isi permintaan melebihi batas yang diizinkan.',
    en: 'The request body is larger than the allowed limit.',
  },
  unsupported_media_type: {
    id: 'Jenis konten permintaan tidak didukung. Kirim data dengan jenis konten {expected}.',
    en: 'The request content type is not supported. Send the data as {expected}.',
  },
  not_found: {
    id: 'Data yang diminta tidak ditemukan.',
    en: 'The requested resource was not found.',
  },
  route_not_found: {
    id: 'Alamat {method} {path} tidak tersedia pada API Sigap.',
    en: 'There is no {method} {path} in the Sigap API.',
  },
  method_not_allowed: {
    id: 'Metode HTTP ini tidak didukung untuk alamat tersebut.',
    en: 'This HTTP method is not supported for that address.',
  },
  conflict: {
    id: 'Permintaan bertentangan dengan keadaan data saat ini. Muat ulang data lalu coba lagi.',
    en: 'The request conflicts with the current state of the data. Reload and try again.',
  },
  too_many_requests: {
    id: 'Terlalu banyak permintaan dalam waktu singkat. Tunggu sebentar lalu coba lagi.',
    en: 'Too many requests in a short time. Wait a moment and try again.',
  },
  internal_error: {
    id: 'Terjadi kesalahan tak terduga pada server. Silakan coba lagi; jika masalah berlanjut, hubungi admin Sigap dan sebutkan waktu kejadiannya.',
    en: 'An unexpected server error occurred. Please try again; if the problem persists, contact the Sigap administrator and mention when it happened.',
  },
  service_unavailable: {
    id: 'Layanan sedang tidak tersedia. Silakan coba lagi beberapa saat lagi.',
    en: 'The service is temporarily unavailable. Please try again shortly.',
  },

  // ---- authentication and authorisation -----------------------------------------------------------------------------
  unauthenticated: {
    id: 'Anda belum masuk. Silakan masuk terlebih dahulu atau sertakan token akses atau kunci API yang valid.',
    en: 'You are not signed in. Sign in first or send a valid access token or API key.',
  },
  invalid_token: {
    id: 'Token akses atau kunci API tidak valid, sudah kedaluwarsa, atau sudah dicabut. Silakan masuk kembali.',
    en: 'The access token or API key is invalid, expired or revoked. Please sign in again.',
  },
  identity_provider_unavailable: {
    id: 'Sigap tidak dapat menghubungi penyedia identitas untuk memeriksa token Anda. Silakan coba lagi beberapa saat lagi.',
    en: 'Sigap cannot reach the identity provider to check your token. Please try again shortly.',
  },
  forbidden: {
    id: 'Anda tidak memiliki hak akses untuk tindakan ini.',
    en: 'You are not allowed to perform this action.',
  },
  missing_role: {
    id: 'Tindakan ini hanya dapat dilakukan oleh pengguna dengan peran: {roles}.',
    en: 'This action requires one of these roles: {roles}.',
  },
  missing_scope: {
    id: 'Kunci API ini tidak memiliki cakupan (scope) {scope} yang diperlukan untuk tindakan ini.',
    en: 'This API key lacks the scope {scope} required for this action.',
  },
  not_your_case: {
    id: 'Kasus ini tidak ditugaskan kepada Anda dan tidak diajukan oleh Anda, sehingga Anda tidak dapat melihat atau mengubahnya.',
    en: 'This case is neither assigned to you nor filed by you, so you cannot view or change it.',
  },

  // ---- cases ----------------------------------------------------------------------------------------------------------
  case_not_found: {
    id: 'Kasus {id} tidak ditemukan atau tidak dapat Anda akses.',
    en: 'Case {id} was not found or is not visible to you.',
  },
  not_waiting_for_action: {
    id: 'Kasus ini sedang tidak menunggu tindakan tersebut (status saat ini: {state}). Muat ulang kasus untuk melihat keadaan terbarunya.',
    en: 'This case is not waiting for that action (current state: {state}). Reload the case to see its latest state.',
  },
  already_decided: {
    id: 'Keputusan untuk tahap ini sudah diberikan sebelumnya dan tidak dapat diubah.',
    en: 'A decision has already been recorded for this step and cannot be changed.',
  },
  case_closed: {
    id: 'Kasus ini sudah ditutup sehingga tidak dapat diubah lagi.',
    en: 'This case is closed and can no longer be changed.',
  },
  business_rule: {
    id: 'Permintaan tidak dapat diproses karena tidak memenuhi aturan layanan.',
    en: 'The request cannot be processed because it breaks a service rule.',
  },
  unknown_catalogue_item: {
    id: 'Kode layanan {code} tidak terdapat dalam katalog layanan instansi ini.',
    en: 'Service code {code} is not in this agency\u2019s service catalogue.',
  },
  missing_document: {
    id: 'Permintaan ini wajib dilengkapi dokumen berikut: {kinds}.',
    en: 'This request must include the following documents: {kinds}.',
  },
  rating_out_of_range: {
    id: 'Penilaian harus berupa bilangan bulat dari {min} sampai {max}.',
    en: 'The rating must be a whole number from {min} to {max}.',
  },
  idempotency_key_reused: {
    id: 'Kunci Idempotency-Key ini sudah dipakai untuk permintaan dengan isi yang berbeda. Gunakan kunci baru untuk permintaan baru.',
    en: 'This Idempotency-Key was already used for a request with a different body. Use a new key for a new request.',
  },
  idempotency_in_progress: {
    id: 'Permintaan sebelumnya dengan Idempotency-Key yang sama masih diproses. Tunggu sebentar lalu coba lagi.',
    en: 'An earlier request with the same Idempotency-Key is still being processed. Wait a moment and try again.',
  },
  not_implemented_reclassification: {
    id: 'Mengubah jenis kasus (misalnya dari insiden menjadi permintaan layanan) belum didukung. Tutup kasus ini lalu buat kasus baru dengan jenis yang benar.',
    en: 'Changing the kind of a case (for example from incident to service request) is not supported yet. Close this case and open a new one of the right kind.',
  },
  checksum_mismatch: {
    id: 'Checksum berkas yang diterima tidak sama dengan checksum yang dikirim; berkas mungkin rusak saat pengiriman. Unggah ulang berkas tersebut.',
    en: 'The checksum of the received file does not match the one sent; the file may have been corrupted in transit. Upload it again.',
  },

  action_not_supported: {
    id: 'Tindakan {action} tidak tersedia untuk kasus berjenis {type}.',
    en: 'The action {action} is not available for cases of type {type}.',
  },
  segregation_of_duties: {
    id: 'Demi pemisahan tugas, Anda tidak dapat memutuskan permintaan yang Anda ajukan sendiri.',
    en: 'For segregation of duties, you cannot decide on a request you filed yourself.',
  },
  unknown_user: {
    id: 'Pengguna {username} tidak terdaftar pada instansi ini.',
    en: 'User {username} is not registered in this agency.',
  },
  assignee_not_executor: {
    id: 'Pengguna {username} tidak memiliki peran pelaksana ({roles}), sehingga tidak dapat ditugaskan.',
    en: 'User {username} has none of the executor roles ({roles}) and cannot be assigned.',
  },
  requester_required: {
    id: 'Permintaan yang dikirim dengan kunci API harus menyebutkan pegawai yang menjadi pemohonnya.',
    en: 'A request sent with an API key must name the employee on whose behalf it is made.',
  },
  unknown_document: {
    id: 'Dokumen {id} tidak ditemukan atau bukan unggahan Anda.',
    en: 'Document {id} was not found or was not uploaded by you.',
  },
  document_already_attached: {
    id: 'Dokumen {id} sudah dilampirkan pada kasus lain.',
    en: 'Document {id} is already attached to another case.',
  },
  document_kind_mismatch: {
    id: 'Dokumen {id} diunggah sebagai jenis {kind}, tidak sesuai dengan jenis yang disebutkan.',
    en: 'Document {id} was uploaded as kind {kind}, which does not match the kind given.',
  },
  unknown_tenant: {
    id: 'Instansi {tenant} tidak terdaftar di Sigap.',
    en: 'Agency {tenant} is not registered in Sigap.',
  },

  unknown_role: {
    id: 'Peran {role} tidak dikenal dalam profil regulasi instansi ini.',
    en: 'Role {role} is not known in this agency\'s regulation profile.',
  },
  unknown_document_kind: {
    id: 'Jenis dokumen {kinds} tidak dikenal dalam profil regulasi instansi ini.',
    en: 'Document kind {kinds} is not known in this agency\'s regulation profile.',
  },
  classification_required: {
    id: 'Klasifikasi layanan tidak dapat diturunkan dari kriteria profil; isi klasifikasi (kritis, esensial, normal).',
    en: 'The service classification cannot be derived from the profile\'s criteria; state it (kritis, esensial, normal).',
  },
  classification_conflict: {
    id: 'Klasifikasi {given} bertentangan dengan kriteria profil yang menghasilkan {rule}.',
    en: 'Classification {given} contradicts the profile\'s criteria, which give {rule}.',
  },
  unknown_service: {
    id: 'Layanan {code} tidak terdaftar pada instansi ini.',
    en: 'Service {code} is not registered for this agency.',
  },
  unknown_configuration_item: {
    id: 'Item konfigurasi {items} bukan bagian dari layanan {service}.',
    en: 'Configuration item {items} is not part of service {service}.',
  },
  invalid_alert_payload: {
    id: 'Data peringatan tidak sesuai format {format}. Tidak ada kasus yang dibuat; periksa isian yang ditandai.',
    en: 'The alert data does not match the {format} format. No case was created; check the marked fields.',
  },
  alert_service_missing: {
    id: 'Peringatan tidak menyebut layanan yang terganggu: beri label sigap_service (atau service) berisi kode layanan dari daftar layanan instansi.',
    en: 'The alert names no affected service: give it a sigap_service (or service) label holding a service code of the agency.',
  },
  alert_unknown: {
    id: 'Belum ada gangguan yang dibuka untuk peringatan {fingerprint} dari {source}, sehingga pemulihannya tidak dicatat.',
    en: 'No incident was opened for alert {fingerprint} from {source}, so its resolution is not recorded.',
  },
  no_maintenance_sop: {
    id: 'Profil regulasi instansi ini tidak memuat SOP pemeliharaan aplikasi.',
    en: 'This agency\'s regulation profile has no application-maintenance SOP.',
  },
  sop_branch_required: {
    id: 'Langkah ini bercabang; pilih langkah berikutnya.',
    en: 'This step branches; choose the next step.',
  },
  sop_branch_unknown: {
    id: 'Langkah berikutnya tidak termasuk cabang langkah ini.',
    en: 'The next step is not one of this step\'s branches.',
  },
  no_maintenance_support: {
    id: 'Profil regulasi instansi ini tidak mengatur kendala masa pemeliharaan.',
    en: 'This agency\'s regulation profile has no maintenance-period complaints.',
  },
  unknown_urgency: {
    id: 'Tingkat urgensi {urgency} tidak dikenal; pilih salah satu dari {levels}.',
    en: 'Urgency level {urgency} is unknown; choose one of {levels}.',
  },
  incident_details_required: {
    id: 'Untuk melanjutkan sebagai gangguan, sebutkan layanan yang terganggu, dampak (mayor/minor) dan kategorinya.',
    en: 'To continue as an incident, state the affected service, the impact (mayor/minor) and the category.',
  },
  no_security_team: {
    id: 'Profil regulasi instansi ini tidak menetapkan tim keamanan (CSIRT).',
    en: 'This agency\'s regulation profile names no security team (CSIRT).',
  },
  profile_override_invalid: {
    id: 'Penyesuaian profil ditolak karena hasilnya tidak lolos skema profil: {message}',
    en: 'The profile override was refused because the result breaks the profile schema: {message}',
  },
  holiday_outside_year: {
    id: 'Tanggal {date} tidak berada pada tahun {year} yang sedang diganti.',
    en: 'Date {date} is not in the year {year} being replaced.',
  },
  holiday_overlap: {
    id: 'Tanggal {date} tercantum lebih dari sekali; satu tanggal hanya boleh satu hari libur.',
    en: 'Date {date} is listed more than once; a date can hold one holiday only.',
  },
  calendar_version_stale: {
    id: 'Kalender telah diubah orang lain sejak Anda membukanya. Muat ulang, lalu ulangi perubahan.',
    en: 'Someone else changed the calendar since you opened it. Reload and make your change again.',
  },
  invalid_idempotency_key: {
    id: 'Header Idempotency-Key harus berisi 1 sampai 255 karakter ASCII yang terlihat (tanpa spasi).',
    en: 'The Idempotency-Key header must hold 1 to 255 visible ASCII characters (no spaces).',
  },

  // ---- problem management, KEDB, periodic review ----------------------------------------------------------------------
  unknown_incident: {
    id: 'Gangguan {ids} tidak ditemukan pada instansi ini.',
    en: 'Incident {ids} was not found in this agency.',
  },
  incident_already_linked: {
    id: 'Gangguan {number} sudah ditautkan ke masalah ini.',
    en: 'Incident {number} is already linked to this problem.',
  },
  priority_required: {
    id: 'Prioritas tidak dapat diturunkan dari matriks profil untuk masalah ini; sebutkan prioritas ({allowed}).',
    en: 'The priority cannot be derived from the profile\'s matrix for this problem; state it ({allowed}).',
  },
  unknown_priority: {
    id: 'Prioritas {priority} tidak dikenal; pilihan: {allowed}.',
    en: 'Priority {priority} is unknown; choose one of {allowed}.',
  },
  invalid_date_range: {
    id: 'Rentang tanggal tidak valid: tanggal akhir (to) tidak boleh sebelum tanggal awal (from).',
    en: 'Invalid date range: the end date (to) must not be before the start date (from).',
  },
  invalid_period: {
    id: 'Periode reviu tidak valid: sebutkan periode bernama (mis. 2026-H1) atau tanggal awal dan akhir (from, to), bukan keduanya, dan tidak melewati hari ini.',
    en: 'Invalid review period: give a named period (e.g. 2026-H1) or a start and end date (from, to), not both, and not beyond today.',
  },
  problem_review_not_configured: {
    id: 'Profil regulasi instansi ini tidak mengatur reviu berkala gangguan.',
    en: 'This agency\'s regulation profile has no periodic incident review.',
  },
  known_error_not_found: {
    id: 'Known error {id} tidak ditemukan.',
    en: 'Known error {id} was not found.',
  },

  // ---- release management, rollbacks and replay ---------------------------------------------------------------------
  release_not_available: {
    id: 'Profil regulasi instansi ini tidak mengatur rilis layanan.',
    en: 'This agency\'s regulation profile has no release process.',
  },
  release_rollback_required: {
    id: 'Rencana rilis wajib memuat langkah rollback (rencana kontinjensi): bila hasil rilis tidak memenuhi kriteria evaluasi, rollback harus dijalankan (serang D.3.7). Isi rollbackSteps paling sedikit satu langkah.',
    en: 'A release plan must contain rollback steps (the contingency plan): when the result misses the evaluation criteria, the rollback must run (serang D.3.7). Give at least one rollbackSteps entry.',
  },
  release_criteria_required: {
    id: 'Rencana rilis wajib memuat kriteria evaluasi (kriteria keberhasilan) agar hasilnya dapat diperiksa. Isi evaluationCriteria paling sedikit satu kriteria.',
    en: 'A release plan must contain evaluation (success) criteria so that its result can be checked. Give at least one evaluationCriteria entry.',
  },
  release_window_in_past: {
    id: 'Jadwal rilis harus di masa depan: waktu mulai {start} sudah lewat.',
    en: 'The release window must be in the future: its start {start} has passed.',
  },
  release_window_invalid: {
    id: 'Waktu selesai jadwal rilis ({end}) harus setelah waktu mulainya ({start}).',
    en: 'The end of the release window ({end}) must be after its start ({start}).',
  },
  release_duplicate_id: {
    id: 'ID berikut dipakai lebih dari sekali dalam {list}: {ids}. Setiap langkah dan kriteria harus ber-ID unik.',
    en: 'These ids are used more than once in {list}: {ids}. Every step and criterion needs a unique id.',
  },
  release_unknown_undoes: {
    id: 'Langkah rollback {step} membatalkan langkah {undoes}, yang tidak ada di antara langkah rilis.',
    en: 'Rollback step {step} undoes step {undoes}, which is not one of the release steps.',
  },
  release_url_not_allowed: {
    id: 'Alamat {url} tidak boleh dipanggil oleh langkah rilis ({reason}). Gunakan URL http(s) pada host yang diizinkan administrator (SIGAP_STEP_ALLOWED_HOSTS).',
    en: 'Release steps may not call {url} ({reason}). Use an http(s) URL on a host the administrator allows (SIGAP_STEP_ALLOWED_HOSTS).',
  },
  release_unknown_method: {
    id: 'Metode implementasi {method} tidak dikenal dalam profil; pilihan: {allowed}.',
    en: 'Deployment method {method} is not in the profile; choose one of {allowed}.',
  },
  release_change_not_found: {
    id: 'Perubahan {id} tidak ditemukan pada instansi ini.',
    en: 'Change {id} was not found in this agency.',
  },
  release_change_not_ready: {
    id: 'Perubahan {number} berstatus {state}; rilis hanya dapat direncanakan untuk perubahan yang sudah dijadwalkan atau sedang diimplementasikan.',
    en: 'Change {number} is {state}; a release can only be planned for a change that is scheduled or being implemented.',
  },
  release_requester_required: {
    id: 'Rilis ini diakhiri serah terima yang ditandatangani Pemohon (dpr Pasal 15 ayat 3); sebutkan username Pemohon pada isian requester.',
    en: 'This release ends with a handover signed by the requester (dpr Article 15(3)); name the requester in the requester field.',
  },
  release_unknown_requester: {
    id: 'Pengguna {username} tidak terdaftar sebagai Pemohon pada instansi ini.',
    en: 'User {username} is not registered as a requester in this agency.',
  },
  release_unknown_affected: {
    id: 'Pihak terdampak tidak dikenal: {names}.',
    en: 'Unknown affected parties: {names}.',
  },
  release_unknown_step: {
    id: 'Langkah {step} tidak ada dalam rencana rilis ini.',
    en: 'Step {step} is not in this release plan.',
  },
  release_step_not_waiting: {
    id: 'Langkah {step} tidak sedang menunggu konfirmasi; yang ditunggu: {waitingFor}.',
    en: 'Step {step} is not waiting for confirmation; waiting for: {waitingFor}.',
  },
  release_unknown_criterion: {
    id: 'Kriteria evaluasi {criterion} tidak ada dalam rencana rilis ini.',
    en: 'Evaluation criterion {criterion} is not in this release plan.',
  },
  release_criterion_not_manual: {
    id: 'Kriteria {criterion} diperiksa otomatis oleh Sigap (pemeriksaan HTTP), tidak dikonfirmasi manual.',
    en: 'Criterion {criterion} is checked by Sigap (an HTTP check), not confirmed by hand.',
  },
  release_unknown_fitness_test: {
    id: 'Uji kelaikan {test} tidak dikenal; pilihan: {allowed}.',
    en: 'Fitness test {test} is unknown; choose one of {allowed}.',
  },
  release_invalid_time: {
    id: 'Isian {field} bukan waktu yang valid: {value}.',
    en: 'Field {field} is not a valid time: {value}.',
  },
  release_fitness_inside_working_hours: {
    id: 'Uji kelaikan harus dilakukan di luar jam kerja (dpr Pasal 14 ayat 2); {performedAt} termasuk jam kerja.',
    en: 'Fitness tests must be run outside working hours (dpr Article 14(2)); {performedAt} is within working hours.',
  },
  release_fitness_in_future: {
    id: 'Waktu pengujian {performedAt} belum terjadi.',
    en: 'The test time {performedAt} is in the future.',
  },
  release_fitness_before_scheduling: {
    id: 'Waktu pengujian {performedAt} sebelum uji kelaikan dijadwalkan ({scheduledAt}).',
    en: 'The test time {performedAt} is before the fitness tests were scheduled ({scheduledAt}).',
  },
  release_fitness_tests_failed: {
    id: 'Kelaikan tidak dapat disetujui karena uji berikut gagal: {tests}.',
    en: 'Fitness cannot be approved because these tests failed: {tests}.',
  },
  rollback_not_failed: {
    id: 'Rollback rilis ini tidak sedang gagal (status saat ini: {state}); hanya rollback yang gagal yang dapat diulang atau diselesaikan manual.',
    en: 'The rollback of this release has not failed (current state: {state}); only a failed rollback can be replayed or resolved by hand.',
  },
  release_justification_too_short: {
    id: 'Alasan penyelesaian manual minimal {min} karakter.',
    en: 'The justification of a manual resolution needs at least {min} characters.',
  },
  release_already_signed: {
    id: 'Berita acara sudah ditandatangani untuk peran {role}.',
    en: 'The handover has already been signed for role {role}.',
  },
  release_not_named_requester: {
    id: 'Berita acara ditandatangani oleh Pemohon yang disebut dalam rencana rilis, bukan oleh {username}.',
    en: 'The handover is signed by the requester named in the release plan, not by {username}.',
  },
  segregation_of_duties_release: {
    id: 'Demi pemisahan tugas, Anda tidak dapat melakukan tugas {duty} pada rilis ini karena Anda sudah memegang tugas {conflictsWith}.',
    en: 'For segregation of duties, you cannot take the duty {duty} on this release because you already hold the duty {conflictsWith}.',
  },

  // ---- change management (issue 5) -----------------------------------------------------------------------------------
  change_not_configured: {
    id: 'Regulasi yang dipakai instansi ini (profil {profile}) tidak mengatur manajemen perubahan.',
    en: 'The regulation this agency runs (profile {profile}) has no change management.',
  },
  change_kind_required: {
    id: 'Jenis perubahan wajib diisi. Pilihan: {allowed}.',
    en: 'The kind of change is required. Allowed: {allowed}.',
  },
  unknown_change_kind: {
    id: 'Jenis perubahan {kind} tidak dikenal. Pilihan: {allowed}.',
    en: 'Unknown kind of change {kind}. Allowed: {allowed}.',
  },
  service_in_maintenance_period: {
    id: 'Layanan {service} masih dalam masa pemeliharaan setelah serah terima sampai {until}. Pekerjaan pada layanan ini dilaporkan sebagai gangguan (penanganan kesalahan masa pemeliharaan), bukan sebagai perubahan (dpr Pasal 16–17).',
    en: 'Service {service} is in its maintenance period after handover until {until}. Report work on it as an incident (maintenance-period error handling), not as a change (dpr Pasal 16–17).',
  },
  emergency_reason_required: {
    id: 'Perubahan darurat wajib menyebutkan alasannya (mengapa harus segera dilaksanakan).',
    en: 'An emergency change must state its reason (why it must be done now).',
  },
  change_reason_required: {
    id: 'Alasan perubahan wajib diisi.',
    en: 'The reason for the change is required.',
  },
  change_window_required: {
    id: 'Jendela perubahan (window.start dan window.end) wajib diisi untuk perubahan kategori {category}.',
    en: 'A change window (window.start and window.end) is required for {category} changes.',
  },
  change_window_invalid: {
    id: 'Akhir jendela waktu harus setelah awalnya.',
    en: 'The end of the window must be after its start.',
  },
  change_window_in_past: {
    id: 'Jendela perubahan sudah lewat atau sudah dimulai. Pilih waktu di masa depan.',
    en: 'The change window is in the past or has already begun. Choose a time in the future.',
  },
  standard_change_required: {
    id: 'Perubahan kategori standar wajib menyebut kode dari katalog perubahan standar (GET /api/v1/standard-changes).',
    en: 'A standard change must name a code of the standard-change catalogue (GET /api/v1/standard-changes).',
  },
  unknown_standard_change: {
    id: 'Perubahan standar {code} tidak ada dalam katalog perubahan standar instansi ini (atau sudah ditarik). Ajukan sebagai perubahan normal.',
    en: 'Standard change {code} is not in this agency\'s standard-change catalogue (or was retired). Submit it as a normal change.',
  },
  standard_change_service_mismatch: {
    id: 'Perubahan standar {code} hanya berlaku untuk layanan {allowed}, tidak untuk {services}.',
    en: 'Standard change {code} applies only to {allowed}, not to {services}.',
  },
  standard_change_not_allowed: {
    id: 'Kode perubahan standar hanya diisi untuk kategori standar, bukan {category}.',
    en: 'A standard-change code is only given for the standard category, not {category}.',
  },
  unknown_origin: {
    id: 'Kasus asal {id} (jenis {type}) tidak ditemukan pada instansi ini.',
    en: 'Origin case {id} (type {type}) was not found in this agency.',
  },
  segregation_of_duties_change: {
    id: 'Demi pemisahan tugas, orang yang sama tidak boleh {duty} dan {conflictsWith} perubahan yang sama (kemenkeu J.2 a); bila regulasi membolehkan, atasan pengawas dapat mencatat pengecualian (grant_exception).',
    en: 'For segregation of duties, one person may not both take the duty "{duty}" and "{conflictsWith}" on the same change (kemenkeu J.2 a); where the regulation allows it, the supervisor may record an exception (grant_exception).',
  },
  not_change_initiator: {
    id: 'Hanya pengaju perubahan yang dapat menjadwal ulang perubahan ini.',
    en: 'Only the initiator of the change may reschedule it.',
  },
  already_voted: {
    id: '{username} sudah memberikan keputusan atas perubahan ini.',
    en: '{username} has already decided on this change.',
  },
  segregation_exception_not_allowed: {
    id: 'Regulasi instansi ini tidak membolehkan pengecualian pemisahan tugas, atau pengawas mengecualikan dirinya sendiri.',
    en: 'This agency\'s regulation allows no exception to segregation of duties, or the supervisor would excuse themselves.',
  },
  segregation_exception_exists: {
    id: 'Pengecualian untuk {username} ({duty}) sudah dicatat.',
    en: 'An exception for {username} ({duty}) is already recorded.',
  },
  retrospective_approval_pending: {
    id: 'Perubahan darurat belum mendapat keputusan persetujuan retrospektif; evaluasi dan penutupan menunggu keputusan tersebut.',
    en: 'The emergency change has no retrospective decision yet; the review and closure wait for it.',
  },
  high_impact_not_supported: {
    id: 'Profil regulasi instansi ini ({profile}) tidak mengenal rute perubahan berdampak besar (desain dan transisi layanan); kirim permintaan perubahan tanpa highImpact.',
    en: 'This agency\'s regulation profile ({profile}) has no route for high-impact changes (service design and transition); submit the change request without highImpact.',
  },
  high_impact_standard_change: {
    id: 'Perubahan standar adalah pekerjaan rutin yang telah disetujui sebelumnya dan tidak dapat ditandai berdampak besar; ajukan sebagai perubahan normal.',
    en: 'A standard change is pre-approved routine work and cannot be flagged high-impact; submit it as a normal change.',
  },
  design_transition_required: {
    id: 'Perubahan berdampak besar baru dapat disetujui setelah koordinasi dengan desain dan transisi layanan dicatat oleh {role} (record_design_transition; kemenkeu Lampiran II E.1.b.5). Penolakan tetap dapat diberikan.',
    en: 'A high-impact change can only be approved once {role} has recorded the coordination with service design and transition (record_design_transition; kemenkeu Lampiran II E.1.b.5). It can still be rejected.',
  },
  change_not_high_impact: {
    id: 'Perubahan ini tidak ditandai berdampak besar; koordinasi desain dan transisi layanan tidak diperlukan.',
    en: 'This change is not flagged high-impact; no service design and transition coordination is needed.',
  },
  standard_change_not_found: {
    id: 'Perubahan standar {code} tidak ditemukan.',
    en: 'Standard change {code} was not found.',
  },
  blackout_not_found: {
    id: 'Masa larangan perubahan {id} tidak ditemukan.',
    en: 'Blackout period {id} was not found.',
  },

  // ---- field-level validation messages (used in `errors[].message`) ---------------------------------------------------
  file_required: { id: 'Berkas wajib diunggah.', en: 'A file must be uploaded.' },
  field_required: { id: 'Wajib diisi.', en: 'This field is required.' },
  field_invalid_type: { id: 'Harus berupa {expected}.', en: 'Must be {expected}.' },
  field_not_empty: { id: 'Tidak boleh kosong.', en: 'Must not be empty.' },
  field_string_min: { id: 'Minimal {minimum} karakter.', en: 'Must be at least {minimum} characters long.' },
  field_string_max: { id: 'Maksimal {maximum} karakter.', en: 'Must be at most {maximum} characters long.' },
  field_string_length: { id: 'Harus tepat {length} karakter.', en: 'Must be exactly {length} characters long.' },
  field_array_min: { id: 'Minimal berisi {minimum} item.', en: 'Must contain at least {minimum} items.' },
  field_array_max: { id: 'Maksimal berisi {maximum} item.', en: 'Must contain at most {maximum} items.' },
  field_number_min: { id: 'Harus bernilai paling kecil {minimum}.', en: 'Must be at least {minimum}.' },
  field_number_gt: { id: 'Harus lebih besar dari {minimum}.', en: 'Must be greater than {minimum}.' },
  field_number_max: { id: 'Harus bernilai paling besar {maximum}.', en: 'Must be at most {maximum}.' },
  field_number_lt: { id: 'Harus lebih kecil dari {maximum}.', en: 'Must be less than {maximum}.' },
  field_date_min: { id: 'Tanggal tidak boleh sebelum {minimum}.', en: 'Date must not be before {minimum}.' },
  field_date_max: { id: 'Tanggal tidak boleh setelah {maximum}.', en: 'Date must not be after {maximum}.' },
  field_multiple_of: { id: 'Harus kelipatan {divisor}.', en: 'Must be a multiple of {divisor}.' },
  field_invalid_value: { id: 'Nilai tidak valid. Pilihan yang diizinkan: {values}.', en: 'Invalid value. Allowed values: {values}.' },
  field_invalid_literal: { id: 'Nilai harus {value}.', en: 'Value must be {value}.' },
  field_unrecognized_keys: { id: 'Kolom tidak dikenal: {keys}.', en: 'Unknown fields: {keys}.' },
  field_invalid_union: { id: 'Isian tidak sesuai dengan bentuk mana pun yang diizinkan.', en: 'Does not match any of the allowed shapes.' },
  field_invalid_key: { id: 'Terdapat kunci yang tidak valid.', en: 'Contains an invalid key.' },
  field_invalid_element: { id: 'Terdapat nilai yang tidak valid.', en: 'Contains an invalid value.' },
  field_invalid: { id: 'Isian tidak valid.', en: 'Invalid value.' },
  multipart_malformed: { id: 'Isi multipart/form-data rusak atau tidak lengkap.', en: 'The multipart/form-data body is malformed or incomplete.' },
  field_unstorable_character: {
    id: 'Tidak boleh memuat karakter NUL (\\u0000) atau surrogate UTF-16 tanpa pasangan.',
    en: 'Must not contain the NUL character (\\u0000) or an unpaired UTF-16 surrogate.',
  },
  field_format_email: { id: 'Format alamat email tidak valid.', en: 'Invalid email address.' },
  field_format_url: { id: 'Harus berupa URL yang valid.', en: 'Must be a valid URL.' },
  field_format_uuid: { id: 'Harus berupa UUID yang valid.', en: 'Must be a valid UUID.' },
  field_format_datetime: {
    id: 'Harus berupa tanggal dan waktu ISO 8601, misalnya 2025-01-31T08:00:00Z.',
    en: 'Must be an ISO 8601 date-time, for example 2025-01-31T08:00:00Z.',
  },
  field_format_date: { id: 'Harus berupa tanggal ISO 8601, misalnya 2025-01-31.', en: 'Must be an ISO 8601 date, for example 2025-01-31.' },
  field_format_time: { id: 'Harus berupa jam ISO 8601, misalnya 08:00.', en: 'Must be an ISO 8601 time, for example 08:00.' },
  field_format_regex: { id: 'Format tidak sesuai dengan pola yang diizinkan.', en: 'Does not match the required pattern.' },
  field_format_starts_with: { id: 'Harus diawali dengan "{prefix}".', en: 'Must start with "{prefix}".' },
  field_format_ends_with: { id: 'Harus diakhiri dengan "{suffix}".', en: 'Must end with "{suffix}".' },
  field_format_includes: { id: 'Harus memuat "{includes}".', en: 'Must contain "{includes}".' },
  field_format_other: { id: 'Format {format} tidak valid.', en: 'Invalid {format} format.' },

  // Type names used as `{expected}` in field_invalid_type.
  type_string: { id: 'teks', en: 'a text' },
  type_number: { id: 'angka', en: 'a number' },
  type_int: { id: 'bilangan bulat', en: 'a whole number' },
  type_boolean: { id: 'nilai benar/salah (true atau false)', en: 'true or false' },
  type_object: { id: 'objek', en: 'an object' },
  type_array: { id: 'daftar (array)', en: 'a list (array)' },
  type_date: { id: 'tanggal', en: 'a date' },
  type_null: { id: 'null', en: 'null' },
  type_other: { id: 'nilai bertipe {type}', en: 'a value of type {type}' },
  ...disasterMessages,
  ...continuityMessages,
  ...availabilityMessages,
  ...webhookMessages,
  ...delegationMessages,
  ...identityMessages,
  ...apiKeyMessages,
  ...evaluationMessages,
  ...reportMessages,
} as const satisfies Record<string, LocalText>;

export type MessageKey = keyof typeof messages;

/** Short, parameter-free titles of the problem codes (RFC 9457 `title`: the same for every occurrence). */
export const titles = {
  validation_failed: { id: 'Permintaan tidak valid', en: 'Invalid request' },
  malformed_json: { id: 'Format JSON tidak valid', en: 'Malformed JSON' },
  bad_request: { id: 'Permintaan tidak valid', en: 'Bad request' },
  payload_too_large: { id: 'Ukuran data terlalu besar', en: 'Payload too large' },
  unsupported_media_type: { id: 'Jenis konten tidak didukung', en: 'Unsupported media type' },
  not_found: { id: 'Tidak ditemukan', en: 'Not found' },
  method_not_allowed: { id: 'Metode tidak diizinkan', en: 'Method not allowed' },
  conflict: { id: 'Terjadi konflik data', en: 'Conflict' },
  too_many_requests: { id: 'Terlalu banyak permintaan', en: 'Too many requests' },
  internal_error: { id: 'Terjadi kesalahan pada server', en: 'Internal server error' },
  service_unavailable: { id: 'Layanan tidak tersedia', en: 'Service unavailable' },
  unauthenticated: { id: 'Autentikasi diperlukan', en: 'Authentication required' },
  invalid_token: { id: 'Token tidak valid', en: 'Invalid token' },
  identity_provider_unavailable: { id: 'Penyedia identitas tidak dapat dihubungi', en: 'Identity provider unavailable' },
  forbidden: { id: 'Akses ditolak', en: 'Forbidden' },
  missing_role: { id: 'Peran tidak memadai', en: 'Missing role' },
  missing_scope: { id: 'Cakupan kunci API tidak memadai', en: 'Insufficient API key scope' },
  not_your_case: { id: 'Bukan kasus Anda', en: 'Not your case' },
  case_not_found: { id: 'Kasus tidak ditemukan', en: 'Case not found' },
  not_waiting_for_action: { id: 'Kasus tidak menunggu tindakan ini', en: 'Case is not waiting for this action' },
  already_decided: { id: 'Sudah diputuskan', en: 'Already decided' },
  case_closed: { id: 'Kasus sudah ditutup', en: 'Case closed' },
  business_rule: { id: 'Aturan layanan tidak terpenuhi', en: 'Business rule violated' },
  unknown_catalogue_item: { id: 'Layanan tidak dikenal', en: 'Unknown catalogue item' },
  missing_document: { id: 'Dokumen wajib belum dilampirkan', en: 'Required document missing' },
  rating_out_of_range: { id: 'Penilaian di luar rentang', en: 'Rating out of range' },
  idempotency_key_reused: { id: 'Kunci idempotensi sudah dipakai', en: 'Idempotency key reused' },
  idempotency_in_progress: { id: 'Permintaan yang sama masih diproses', en: 'Request still in progress' },
  not_implemented_reclassification: { id: 'Klasifikasi ulang belum didukung', en: 'Reclassification not supported' },
  checksum_mismatch: { id: 'Checksum tidak cocok', en: 'Checksum mismatch' },
  action_not_supported: { id: 'Tindakan tidak didukung', en: 'Action not supported' },
  segregation_of_duties: { id: 'Pemisahan tugas', en: 'Segregation of duties' },
  unknown_user: { id: 'Pengguna tidak dikenal', en: 'Unknown user' },
  assignee_not_executor: { id: 'Bukan petugas pelaksana', en: 'Assignee is not an executor' },
  requester_required: { id: 'Pemohon wajib disebutkan', en: 'Requester required' },
  unknown_document: { id: 'Dokumen tidak dikenal', en: 'Unknown document' },
  document_already_attached: { id: 'Dokumen sudah dilampirkan', en: 'Document already attached' },
  document_kind_mismatch: { id: 'Jenis dokumen tidak sesuai', en: 'Document kind mismatch' },
  unknown_tenant: { id: 'Instansi tidak dikenal', en: 'Unknown agency' },
  unknown_role: { id: 'Peran tidak dikenal', en: 'Unknown role' },
  unknown_document_kind: { id: 'Jenis dokumen tidak dikenal', en: 'Unknown document kind' },
  profile_override_invalid: { id: 'Penyesuaian profil tidak valid', en: 'Invalid profile override' },
  classification_required: { id: 'Klasifikasi diperlukan', en: 'Classification required' },
  classification_conflict: { id: 'Klasifikasi bertentangan', en: 'Conflicting classification' },
  unknown_service: { id: 'Layanan tidak dikenal', en: 'Unknown service' },
  unknown_configuration_item: { id: 'Item konfigurasi tidak dikenal', en: 'Unknown configuration item' },
  invalid_alert_payload: { id: 'Data peringatan tidak valid', en: 'Invalid alert payload' },
  alert_service_missing: { id: 'Layanan peringatan tidak disebut', en: 'Alert names no service' },
  alert_unknown: { id: 'Peringatan tidak dikenal', en: 'Unknown alert' },
  no_security_team: { id: 'Tidak ada tim keamanan', en: 'No security team' },
  incident_details_required: { id: 'Rincian gangguan diperlukan', en: 'Incident details required' },
  no_maintenance_support: { id: 'Tidak ada ketentuan pemeliharaan', en: 'No maintenance support' },
  no_maintenance_sop: { id: 'Tidak ada SOP pemeliharaan', en: 'No maintenance SOP' },
  sop_branch_required: { id: 'Pilih cabang langkah', en: 'Branch required' },
  sop_branch_unknown: { id: 'Cabang tidak dikenal', en: 'Unknown branch' },
  unknown_urgency: { id: 'Urgensi tidak dikenal', en: 'Unknown urgency' },
  holiday_outside_year: { id: 'Tanggal di luar tahun', en: 'Date outside the year' },
  holiday_overlap: { id: 'Hari libur ganda', en: 'Duplicate holiday' },
  calendar_version_stale: { id: 'Kalender sudah berubah', en: 'Calendar changed meanwhile' },
  invalid_idempotency_key: { id: 'Kunci idempotensi tidak valid', en: 'Invalid idempotency key' },
  unknown_incident: { id: 'Gangguan tidak dikenal', en: 'Unknown incident' },
  incident_already_linked: { id: 'Gangguan sudah ditautkan', en: 'Incident already linked' },
  priority_required: { id: 'Prioritas diperlukan', en: 'Priority required' },
  unknown_priority: { id: 'Prioritas tidak dikenal', en: 'Unknown priority' },
  invalid_period: { id: 'Periode tidak valid', en: 'Invalid period' },
  invalid_date_range: { id: 'Rentang tanggal tidak valid', en: 'Invalid date range' },
  problem_review_not_configured: { id: 'Reviu berkala tidak diatur', en: 'No periodic review' },
  known_error_not_found: { id: 'Known error tidak ditemukan', en: 'Known error not found' },
  release_not_available: { id: 'Rilis tidak diatur', en: 'No release process' },
  release_rollback_required: { id: 'Langkah rollback wajib', en: 'Rollback steps required' },
  release_criteria_required: { id: 'Kriteria evaluasi wajib', en: 'Evaluation criteria required' },
  release_window_in_past: { id: 'Jadwal sudah lewat', en: 'Window in the past' },
  release_window_invalid: { id: 'Jadwal tidak valid', en: 'Invalid window' },
  release_duplicate_id: { id: 'ID ganda', en: 'Duplicate id' },
  release_unknown_undoes: { id: 'Langkah yang dibatalkan tidak dikenal', en: 'Unknown undone step' },
  release_url_not_allowed: { id: 'Alamat tidak diizinkan', en: 'URL not allowed' },
  release_unknown_method: { id: 'Metode tidak dikenal', en: 'Unknown method' },
  release_change_not_found: { id: 'Perubahan tidak ditemukan', en: 'Change not found' },
  release_change_not_ready: { id: 'Perubahan belum siap dirilis', en: 'Change not ready for release' },
  release_requester_required: { id: 'Pemohon wajib disebutkan', en: 'Requester required' },
  release_unknown_requester: { id: 'Pemohon tidak dikenal', en: 'Unknown requester' },
  release_unknown_affected: { id: 'Pihak terdampak tidak dikenal', en: 'Unknown affected party' },
  release_unknown_step: { id: 'Langkah tidak dikenal', en: 'Unknown step' },
  release_step_not_waiting: { id: 'Langkah tidak menunggu', en: 'Step not waiting' },
  release_unknown_criterion: { id: 'Kriteria tidak dikenal', en: 'Unknown criterion' },
  release_criterion_not_manual: { id: 'Kriteria bukan manual', en: 'Criterion not manual' },
  release_unknown_fitness_test: { id: 'Uji kelaikan tidak dikenal', en: 'Unknown fitness test' },
  release_invalid_time: { id: 'Waktu tidak valid', en: 'Invalid time' },
  release_fitness_inside_working_hours: { id: 'Di dalam jam kerja', en: 'Inside working hours' },
  release_fitness_in_future: { id: 'Waktu di masa depan', en: 'Time in the future' },
  release_fitness_before_scheduling: { id: 'Sebelum dijadwalkan', en: 'Before scheduling' },
  release_fitness_tests_failed: { id: 'Uji kelaikan gagal', en: 'Fitness tests failed' },
  rollback_not_failed: { id: 'Rollback tidak gagal', en: 'Rollback has not failed' },
  release_justification_too_short: { id: 'Alasan terlalu pendek', en: 'Justification too short' },
  release_already_signed: { id: 'Sudah ditandatangani', en: 'Already signed' },
  release_not_named_requester: { id: 'Bukan Pemohon yang disebut', en: 'Not the named requester' },
  segregation_of_duties_release: { id: 'Pemisahan tugas', en: 'Segregation of duties' },
  // change management (issue 5)
  change_not_configured: { id: 'Manajemen perubahan tidak diatur', en: 'No change management' },
  change_kind_required: { id: 'Jenis perubahan wajib diisi', en: 'Kind of change required' },
  unknown_change_kind: { id: 'Jenis perubahan tidak dikenal', en: 'Unknown kind of change' },
  service_in_maintenance_period: { id: 'Layanan dalam masa pemeliharaan', en: 'Service in maintenance period' },
  emergency_reason_required: { id: 'Alasan perubahan darurat wajib diisi', en: 'Emergency reason required' },
  change_reason_required: { id: 'Alasan perubahan wajib diisi', en: 'Reason required' },
  change_window_required: { id: 'Jendela perubahan wajib diisi', en: 'Change window required' },
  change_window_invalid: { id: 'Jendela waktu tidak valid', en: 'Invalid window' },
  change_window_in_past: { id: 'Jendela perubahan di masa lalu', en: 'Window in the past' },
  standard_change_required: { id: 'Kode perubahan standar wajib diisi', en: 'Standard change required' },
  unknown_standard_change: { id: 'Bukan perubahan standar', en: 'Not a standard change' },
  standard_change_service_mismatch: { id: 'Layanan di luar perubahan standar', en: 'Service outside the standard change' },
  standard_change_not_allowed: { id: 'Kode perubahan standar tidak berlaku', en: 'Standard change not allowed' },
  unknown_origin: { id: 'Kasus asal tidak dikenal', en: 'Unknown origin case' },
  segregation_of_duties_change: { id: 'Pemisahan tugas perubahan', en: 'Segregation of duties (change)' },
  not_change_initiator: { id: 'Bukan pengaju perubahan', en: 'Not the initiator' },
  already_voted: { id: 'Sudah memberikan keputusan', en: 'Already voted' },
  segregation_exception_not_allowed: { id: 'Pengecualian tidak diizinkan', en: 'Exception not allowed' },
  segregation_exception_exists: { id: 'Pengecualian sudah ada', en: 'Exception exists' },
  retrospective_approval_pending: { id: 'Persetujuan retrospektif belum ada', en: 'Retrospective approval pending' },
  high_impact_not_supported: { id: 'Rute dampak besar tidak tersedia', en: 'No high-impact route' },
  high_impact_standard_change: { id: 'Perubahan standar tidak berdampak besar', en: 'Standard change cannot be high-impact' },
  design_transition_required: { id: 'Koordinasi desain dan transisi belum dicatat', en: 'Design and transition coordination required' },
  change_not_high_impact: { id: 'Bukan perubahan berdampak besar', en: 'Not a high-impact change' },
  standard_change_not_found: { id: 'Perubahan standar tidak ditemukan', en: 'Standard change not found' },
  blackout_not_found: { id: 'Masa larangan tidak ditemukan', en: 'Blackout not found' },
  ...disasterTitles,
  ...continuityTitles,
  ...availabilityTitles,
  ...webhookTitles,
  ...delegationTitles,
  ...identityTitles,
  ...apiKeyTitles,
  ...evaluationTitles,
  ...reportTitles,
} as const satisfies Partial<Record<MessageKey, LocalText>>;

/** Message keys that are problem codes (have a title). */
export type ProblemCode = keyof typeof titles;

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messages, key);
}

export function isProblemCode(key: string): key is ProblemCode {
  return Object.hasOwn(titles, key);
}

function formatParam(value: ParamValue, lang: Lang): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    const list = value.map(String);
    if (list.length <= 1) return list.join('');
    const last = list.pop();
    return `${list.join(', ')} ${lang === 'id' ? 'atau' : 'or'} ${last}`;
  }
  return String(value);
}

/**
 * Fills `{name}` placeholders from params. Arrays read as a list ("a, b atau c" / "a, b or c").
 * A placeholder without a value is left as it is, so a missing parameter is visible rather than silent.
 */
export function interpolate(template: string, lang: Lang, params: MessageParams = {}): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) && params[name] !== undefined ? formatParam(params[name], lang) : whole,
  );
}

/** Text of a catalogue key in the given language; an unknown key is returned unchanged. */
export function translate(key: MessageKey, lang: Lang = DEFAULT_LANG, params: MessageParams = {}): string {
  const entry: LocalText | undefined = isMessageKey(key) ? messages[key] : undefined;
  if (!entry) return String(key);
  return interpolate(entry[lang] ?? entry.id, lang, params);
}

/** Chooses the text of a LocalText (or a plain string, same in both languages) and fills its placeholders. */
export function localize(text: string | LocalText, lang: Lang, params: MessageParams = {}): string {
  return interpolate(typeof text === 'string' ? text : text[lang], lang, params);
}

const STATUS_TITLES: Record<number, ProblemCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'business_rule',
  429: 'too_many_requests',
  503: 'service_unavailable',
};

/** Title of a problem code; a key without its own title gets the generic title of the HTTP status. */
export function titleOf(code: MessageKey, lang: Lang = DEFAULT_LANG, status = 400): string {
  if (isProblemCode(code)) return titles[code][lang];
  const generic = STATUS_TITLES[status] ?? (status >= 500 ? 'internal_error' : 'bad_request');
  return titles[generic][lang];
}

type HeaderSource =
  | { headers: IncomingHttpHeaders | Record<string, string | string[] | undefined> }
  | { get(name: string): string | undefined };

/**
 * Language of the response: 'id' (default) unless `Accept-Language` prefers English over Indonesian.
 * Ranges are weighed by q-value; 'id', 'id-ID' and the legacy 'in' count as Indonesian; '*' and unknown
 * languages do not change the default.
 */
export function pickLanguage(req: HeaderSource): Lang {
  let header: string | string[] | undefined;
  if ('headers' in req && req.headers) header = req.headers['accept-language'];
  else if ('get' in req && typeof req.get === 'function') header = req.get('accept-language');
  const value = Array.isArray(header) ? header.join(',') : header;
  return parseAcceptLanguage(value);
}

export function parseAcceptLanguage(value: string | undefined): Lang {
  if (!value) return DEFAULT_LANG;
  let best: { lang: Lang; q: number } | undefined;
  for (const part of value.split(',')) {
    const [rangeRaw, ...paramsRaw] = part.trim().split(';');
    const range = (rangeRaw ?? '').trim().toLowerCase();
    if (!range) continue;
    let q = 1;
    for (const p of paramsRaw) {
      const m = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (!Number.isFinite(q) || q <= 0) continue;
    const primary = range.split('-')[0];
    const lang: Lang | undefined = primary === 'id' || primary === 'in' ? 'id' : primary === 'en' ? 'en' : undefined;
    if (!lang) continue;
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang ?? DEFAULT_LANG;
}
