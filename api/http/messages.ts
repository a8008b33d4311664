// The message catalogue of the HTTP API: every user-facing text in Bahasa Indonesia first, English second.
// Texts may carry `{param}` placeholders, filled by `translate`. Problem codes (see problem.ts) are keys of
// `messages` (their detail text) and of `titles` (their short, parameter-free title).
import type { IncomingHttpHeaders } from 'node:http';

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
